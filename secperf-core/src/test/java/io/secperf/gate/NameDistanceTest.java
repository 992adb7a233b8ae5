package io.secperf.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The "did you mean" suggestions: distances, ties and the typo limit (PIT survivors, docs/testing.md). */
class NameDistanceTest {

    @Test
    void distanceCountsEditsAndAdjacentSwaps() {
        assertThat(NameDistance.distance("abc", "")).isEqualTo(3);
        assertThat(NameDistance.distance("", "ab")).isEqualTo(2);
        assertThat(NameDistance.distance("p59", "P95")).isEqualTo(1);
        assertThat(NameDistance.distance("abc", "xyz")).isEqualTo(3);
        assertThat(NameDistance.distance("errros.cuont", "errors.count")).isEqualTo(2);
    }

    @Test
    void theTypoLimitIsAThirdOfTheShorterName() {
        assertThat(NameDistance.nearest("errros.cuont", List.of("errors.count"))).isEqualTo("errors.count");
        assertThat(NameDistance.nearest("ab", List.of("xy"))).isNull();
        assertThat(NameDistance.nearest("ab", List.of("ax"))).isEqualTo("ax");
    }

    @Test
    void tiesGoToFewerUnsharedLettersThenToTheFirstCandidate() {
        assertThat(NameDistance.nearest("ab", List.of("ac", "ad"))).isEqualTo("ac");
        assertThat(NameDistance.nearest("ab", List.of("ac", "ba"))).isEqualTo("ba");
        // a non-ASCII letter counts as unshared like any other
        assertThat(NameDistance.nearest("ab", List.of("ac", "a\u00e9"))).isEqualTo("ac");
        assertThat(NameDistance.nearest("ab", List.of("a\u00e9", "ac"))).isEqualTo("a\u00e9");
    }

    @Test
    void theFirstNonAsciiCharacterIsNoProblem() {
        assertThat(NameDistance.nearest("a\u0080", List.of("ab"))).isEqualTo("ab");
        assertThat(NameDistance.nearest("ab", List.of("a\u0080"))).isEqualTo("a\u0080");
    }
}
