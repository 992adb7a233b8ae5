package io.secperf.security;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Real-world shaped error bodies of each platform are recognised; ordinary error bodies are not. */
class LeakDetectorTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Java     | java.lang.NullPointerException: boom\\n\\tat com.example.Orders.create(Orders.java:42)
            Java     | \\tat org.example.Foo.bar(Foo.java:10)\\n\\tat java.base/java.lang.Thread.run(Thread.java:840)
            Java     | {"error":"com.fasterxml.jackson.core.JsonParseException: Unexpected character"}
            Python   | Traceback (most recent call last):\\n  File "/app/views.py", line 12, in create\\nKeyError: 'x'
            .NET     | System.NullReferenceException: Object reference not set\\n   at Shop.Orders.Create(Int32 id) in C:\\\\src\\\\Orders.cs:line 42
            PHP      | <b>Fatal error</b>:  Uncaught Error: Call to undefined function in /var/www/index.php on line <b>7</b>
            PHP      | PHP Fatal error:  Allowed memory size exhausted
            Node.js  | TypeError: Cannot read properties of undefined\\n    at Object.create (/srv/app/orders.js:17:9)
            Ruby     | app/controllers/orders_controller.rb:12:in `create'
            Go       | panic: runtime error\\n\\ngoroutine 1 [running]:\\nmain.main()
            Spring Boot | <h1>Whitelabel Error Page</h1><p>This application has no explicit mapping</p>
            ASP.NET  | <h1>Server Error in '/' Application.</h1>
            Django   | You're seeing this error because you have <code>DEBUG = True</code> in your settings
            """)
    void recognisesPlatformLeaks(String technology, String body) {
        String text = body.replace("\\n", "\n").replace("\\t", "\t");
        assertThat(LeakDetector.scan(text)).hasValueSatisfying(leak -> {
            assertThat(leak.technology()).isEqualTo(technology);
            assertThat(leak.excerpt()).hasSizeLessThanOrEqualTo(161).doesNotContain("\n");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"error\":\"invalid_json\",\"message\":\"body is not valid JSON\"}",
        "<html><body><h1>404 Not Found</h1></body></html>", "Internal Server Error",
        "{\"at\":\"home (line 3)\",\"error\":\"Exception handling is fine\"}", ""})
    void ordinaryErrorBodiesAreClean(String body) {
        assertThat(LeakDetector.scan(body)).isEmpty();
    }

    @Test
    void versionBannersFollowZap() {
        TargetResponse response = new TargetResponse(200, Map.of("Server", List.of("Apache/2.4.1 (Unix)"),
                "X-Powered-By", List.of("Express"), "X-AspNet-Version", List.of("4.0.30319")), "", 0,
                Duration.ZERO, TargetResponse.Failure.NONE, "");
        assertThat(LeakDetector.versionBanners(response)).containsExactly("Server: Apache/2.4.1 (Unix)",
                "X-Powered-By: Express", "X-AspNet-Version: 4.0.30319");
        TargetResponse plain = new TargetResponse(200, Map.of("Server", List.of("nginx")), "", 0, Duration.ZERO,
                TargetResponse.Failure.NONE, "");
        assertThat(LeakDetector.versionBanners(plain)).isEmpty();
    }
}
