package io.secperf.trend;

import java.util.ArrayList;
import java.util.List;

import io.secperf.result.RunState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TrendSeriesTest {

    static List<BuildSummary> builds(boolean... validatedBoth) {
        List<BuildSummary> builds = new ArrayList<>();
        for (int i = 0; i < validatedBoth.length; i++) {
            builds.add(new BuildSummary(1, Integer.toString(i + 1), null, RunState.COMPLETE,
                    validatedBoth[i] ? BuildVerdict.PASSED : BuildVerdict.FAILED, validatedBoth[i], 10, 1, 2, 3, 4, 0,
                    null, null, null));
        }
        return builds;
    }

    @Test
    void sharesAreRollingOverTheWindowAndCumulative() {
        TrendSeries series = TrendSeries.of(builds(true, false, true, true, false, false), 3);
        double[] rolling = series.points().stream().mapToDouble(TrendPoint::validatedBothRolling).toArray();
        double[] cumulative = series.points().stream().mapToDouble(TrendPoint::validatedBothCumulative).toArray();
        // window grows to 3 then slides: [1] [1,0] [1,0,1] [0,1,1] [1,1,0] [1,0,0]
        assertThat(rolling).containsExactly(new double[] {1, 0.5, 2 / 3.0, 2 / 3.0, 2 / 3.0, 1 / 3.0},
                within(1e-12));
        assertThat(cumulative).containsExactly(new double[] {1, 0.5, 2 / 3.0, 0.75, 0.6, 0.5}, within(1e-12));
        assertThat(series.validatedBothShare()).isEqualTo(0.5);
        assertThat(series.labels()).containsExactly("1", "2", "3", "4", "5", "6");
    }

    @Test
    void aWindowOfOneIsTheBuildItself() {
        TrendSeries series = TrendSeries.of(builds(true, false, true), 1);
        assertThat(series.points()).extracting(TrendPoint::validatedBothRolling).containsExactly(1.0, 0.0, 1.0);
    }

    @Test
    void theDefaultWindowIsTen() {
        boolean[] flags = new boolean[25];
        for (int i = 15; i < 25; i++) {
            flags[i] = true;
        }
        TrendSeries series = TrendSeries.of(builds(flags));
        assertThat(series.window()).isEqualTo(10);
        assertThat(series.points().get(24).validatedBothRolling()).isEqualTo(1.0);
        assertThat(series.points().get(24).validatedBothCumulative()).isEqualTo(0.4);
        assertThat(series.points().get(19).validatedBothRolling()).isEqualTo(0.5);
    }

    @Test
    void emptyAndInvalid() {
        TrendSeries empty = TrendSeries.of(List.of());
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.validatedBothShare()).isZero();
        assertThatThrownBy(() -> TrendSeries.of(List.of(), 0)).hasMessageContaining("window must be at least 1");
    }
}
