package io.secperf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.secperf.result.ResultAggregator;
import io.secperf.result.ResultDocument;
import io.secperf.result.Sample;
import org.junit.jupiter.api.Test;

class SummaryTableTest {

    private static final long T = 1_700_000_000_000L;

    @Test
    void theSummaryNamesTheTopErrorKindsWithCountShareAndLabels() {
        ResultAggregator aggregator = new ResultAggregator();
        for (int i = 0; i < 6; i++) {
            aggregator.accept(new Sample(T + i, 5, "checkout", "Non HTTP response code: java.net.SocketTimeoutException",
                    "Non HTTP response message: Read timed out after " + (900 + i) + " ms", false, "", 0, 0, 0, 0, 1));
        }
        aggregator.accept(new Sample(T, 5, "search", "502", "Bad Gateway", false, "", 0, 0, 0, 0, 1));
        aggregator.accept(new Sample(T, 5, "search", "200", "OK", true, "", 0, 0, 0, 0, 1));
        String text = SummaryTable.render(ResultDocument.of(null, null, null, aggregator.finish()));
        assertThat(text).contains("errors by class: HTTP_5XX 1, TIMEOUT 6\n",
                "top errors (count, share, response code: message [labels]):\n",
                "  6 (86 %) java.net.SocketTimeoutException: Read timed out after <n> ms [checkout]\n",
                "  1 (14 %) 502: Bad Gateway [search]\n");
    }

    @Test
    void withoutErrorsThereIsNoErrorSection() {
        ResultAggregator aggregator = new ResultAggregator();
        aggregator.accept(new Sample(T, 5, "search", "200", "OK", true, "", 0, 0, 0, 0, 1));
        assertThat(SummaryTable.render(ResultDocument.of(null, null, null, aggregator.finish())))
                .doesNotContain("errors by class").doesNotContain("top errors");
    }
}
