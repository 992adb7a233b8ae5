package io.secperf.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.secperf.result.ResultAggregator;
import io.secperf.result.RunResult;
import io.secperf.result.Sample;

import org.junit.jupiter.api.Test;

class BoundedTextTest {

    @Test
    void shortTextIsUnchangedAndLongTextIsCutWithAVisibleMarkerAndHash() {
        assertThat(BoundedText.label("GET /api")).isEqualTo("GET /api");
        assertThat(BoundedText.label(null)).isNull();
        String exact = "a".repeat(BoundedText.MAX_LABEL_CHARS);
        assertThat(BoundedText.label(exact)).isSameAs(exact);

        String longLabel = "GET /search?q=" + "a".repeat(1 << 20);
        String cut = BoundedText.label(longLabel);
        assertThat(cut).hasSize(BoundedText.MAX_LABEL_CHARS).startsWith("GET /search?q=aaa")
                .containsPattern("\u2026\\[cut: 1048590 chars, sha256 [0-9a-f]{12}]$");
        assertThat(BoundedText.isCut(cut)).isTrue();
        assertThat(BoundedText.isCut(longLabel.substring(0, 100))).isFalse();
    }

    @Test
    void distinctLongValuesStayDistinctAndCuttingIsIdempotentAndDeterministic() {
        String a = "x".repeat(5000) + "A";
        String b = "x".repeat(5000) + "B";
        assertThat(BoundedText.label(a)).isNotEqualTo(BoundedText.label(b));
        assertThat(BoundedText.label(BoundedText.label(a))).isEqualTo(BoundedText.label(a));
        assertThat(BoundedText.label(new String(a))).isEqualTo(BoundedText.label(a));
        assertThat(BoundedText.text(a)).isEqualTo(a);
        assertThat(BoundedText.text(a.repeat(2))).hasSize(BoundedText.MAX_TEXT_CHARS);
    }

    @Test
    void aSurrogatePairIsNeverSplit() {
        String emoji = "\uD83D\uDE00";
        String value = emoji.repeat(3000);
        String cut = BoundedText.label(value);
        assertThat(cut.length()).isLessThanOrEqualTo(BoundedText.MAX_LABEL_CHARS);
        int markerAt = cut.indexOf('\u2026');
        assertThat(Character.isHighSurrogate(cut.charAt(markerAt - 1))).isFalse();
    }

    @Test
    void theAggregatorStoresLongLabelsCutSoAThousandMegabyteLabelsStaySmall() {
        ResultAggregator aggregator = new ResultAggregator();
        String base = "L".repeat(1 << 20);
        for (int i = 0; i < 50; i++) {
            aggregator.accept(new Sample(1_700_000_000_000L + i, 5, base + i, "200", "OK", true, "", 1, 1, 1, 0, 1));
        }
        RunResult result = aggregator.finish();
        assertThat(result.labels()).hasSize(50)
                .allSatisfy(stats -> assertThat(stats.label()).hasSize(BoundedText.MAX_LABEL_CHARS));
    }
}
