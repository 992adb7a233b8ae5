package io.secperf.cli;

import static io.secperf.cli.CliOutcome.secperf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.secperf.result.ErrorKind;
import io.secperf.result.ResultDocument;
import io.secperf.result.ResultDocuments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: a plan like JMeter's own demos (literal host, nothing reads ${__P(host)}) pointed at a host that cannot
 * resolve. Before, the console said only "errors by class: OTHER 4" and the cause was nowhere but in the JTL.
 */
class ErrorCausesRunTest {

    @TempDir
    Path dir;

    @Test
    void aLiteralHostPlanWarnsBeforeTheLoadAndEveryOutputNamesTheCause() throws Exception {
        try (TestTarget target = new TestTarget()) {
            Path out = dir.resolve("out");
            CliOutcome outcome = secperf("run", "--plan", SecperfCommandLineTest.plan("literal-host.jmx").toString(),
                    "--target", target.uri().toString(), "--out", out.toString(), "--gates", "errors < 1%");
            String console = outcome.out();
            int warning = console.indexOf("secperf: warning: --target " + target.uri());
            assertThat(warning).as(console).isNotNegative();
            assertThat(warning).isLessThan(console.indexOf("secperf: running"));
            assertThat(console).contains("the plan's HTTP samplers send to jakarta.invalid",
                    "Server Name to ${__P(host)}");
            assertThat(console).contains("errors by class: OTHER 4", "top errors",
                    "4 (100 %) java.net.UnknownHostException: jakarta.invalid [Home Page, Changes]");

            ResultDocument document = ResultDocuments.read(out.resolve("secperf-result.json"));
            ErrorKind kind = document.result().overall().errorKinds().kinds().get(0);
            assertThat(kind.code()).isEqualTo("java.net.UnknownHostException");
            assertThat(kind.message()).isEqualTo("jakarta.invalid");
            assertThat(kind.example()).startsWith("jakarta.invalid");
            assertThat(kind.count()).isEqualTo(4);
            assertThat(document.run().planFile()).isEqualTo(SecperfCommandLineTest.plan("literal-host.jmx").toString());

            assertThat(Files.readString(out.resolve("report.html"))).contains("<section id=\"top-errors\">",
                    "<td><code>java.net.UnknownHostException</code></td><td>jakarta.invalid");
            assertThat(Files.readString(out.resolve("secperf-gates.xml")))
                    .contains("4 (100 %) java.net.UnknownHostException: jakarta.invalid [Home Page, Changes]");
        }
    }

    @Test
    void aTemplateIsShownByItsNameNotByItsDeletedTemporaryFile() throws Exception {
        try (TestTarget target = new TestTarget()) {
            Path out = dir.resolve("out");
            CliOutcome outcome = secperf("run", "--template", "rest-api-baseline", "--target",
                    target.uri().toString(), "--out", out.toString(), "--duration", "1", "-Jthreads=1");
            assertThat(outcome.out()).doesNotContain("cannot take effect");
            ResultDocument document = ResultDocuments.read(out.resolve("secperf-result.json"));
            assertThat(document.run().planFile()).isEqualTo("template rest-api-baseline");
            assertThat(Files.readString(out.resolve("report.html")))
                    .contains("<dt>plan file</dt><dd>template rest-api-baseline</dd>")
                    .doesNotContain("secperf-template");
        }
    }
}
