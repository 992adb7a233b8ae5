package io.secperf.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrendRequestTest {

    @Test
    void defaultsAndBounds() {
        TrendRequest r = TrendRequest.parse("latency.png", null, null, null);
        assertThat(r).isEqualTo(new TrendRequest("latency", 500, 200, 50));
        TrendRequest huge = TrendRequest.parse("gates", 100_000, 1, 100_000);
        assertThat(huge).isEqualTo(new TrendRequest("gates", TrendRequest.MAX_SIDE, 50, TrendRequest.MAX_BUILDS));
        assertThatThrownBy(() -> TrendRequest.parse("../../etc", null, null, null))
                .hasMessageContaining("unknown trend chart");
    }

    @Test
    void etagChangesWithANewBuild() {
        TrendRequest r = TrendRequest.parse("validated-both", 400, 200, 20);
        assertThat(r.etag(12, 12)).isNotEqualTo(r.etag(13, 13)).startsWith("\"").endsWith("\"");
        assertThat(TrendRequest.cacheControl()).isEqualTo("private, max-age=60");
    }

    @Test
    void artifactsNeverIncludeSamples() {
        assertThat(BuildArtifacts.EXCLUDES).contains("**/*.jtl");
        assertThat(BuildArtifacts.INCLUDES).contains("secperf-result.json").doesNotContain("jtl");
        assertThat(BuildArtifacts.recordingDir(1)).isEqualTo("secperf");
        assertThat(BuildArtifacts.recordingDir(2)).isEqualTo("secperf-2");
    }
}
