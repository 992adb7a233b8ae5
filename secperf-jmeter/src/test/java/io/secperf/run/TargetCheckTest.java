package io.secperf.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class TargetCheckTest {

    @Test
    void listeningTargetPasses() throws Exception {
        try (LoopbackServer server = LoopbackServer.http()) {
            assertThatCode(() -> TargetCheck.verify(server.baseUri(), Duration.ofSeconds(2))).doesNotThrowAnyException();
            assertThat(server.totalRequests()).as("a TCP connect only, no request").isZero();
        }
    }

    @Test
    void closedPortIsConnectionRefused() throws Exception {
        int port = JMeterRunTest.closedPort();
        URI target = URI.create("https://user:secret@127.0.0.1:" + port + "/login?token=abc");

        TargetUnreachableException e = catchThrowableOfType(TargetUnreachableException.class,
                () -> TargetCheck.verify(target, Duration.ofSeconds(2)));

        assertThat(e.getMessage()).isEqualTo("target https://127.0.0.1:" + port + " is unreachable: connection refused");
        assertThat(e.target()).isEqualTo(target);
    }

    @Test
    void unknownHost() {
        TargetUnreachableException e = catchThrowableOfType(TargetUnreachableException.class,
                () -> TargetCheck.verify(URI.create("http://no-such-host.invalid"), Duration.ofSeconds(2)));

        assertThat(e.getMessage()).isEqualTo("target http://no-such-host.invalid is unreachable: "
                + "unknown host no-such-host.invalid");
    }
}
