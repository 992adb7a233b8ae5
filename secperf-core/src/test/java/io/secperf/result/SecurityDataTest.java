package io.secperf.result;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the result document says about the security checks: which ran, what they measured, when attacks ran, what
 * they could not do; and how documents of several runs merge.
 */
class SecurityDataTest {

    private static final Instant T = Instant.parse("2026-12-08T01:00:00Z");

    private static AttackWindow window(int fromSecond, int toSecond, String kind) {
        return new AttackWindow(T.plusSeconds(fromSecond), T.plusSeconds(toSecond), kind);
    }

    private static ResilienceComparison resilience() {
        return new ResilienceComparison(new WindowStats(100, 50, 80, 0.0, 10), new WindowStats(100, 90, 120, 0.1, 8));
    }

    private static PostTestReport analysis() {
        return new PostTestReport(1, 2, 3, List.of(), List.of(), 0, 40, 3.0, null, null, null, null, List.of("n"));
    }

    @Test
    void checksAreKeptOnceInTheirOrderAndMeasurementsByName() {
        SecurityData data = new SecurityData(List.of("tls", "auth", "tls", "fuzz"),
                new LinkedHashMap<>(Map.of("tls.grade", "A", "auth.bypass", "0", "fuzz.5xx", "2")));
        assertThat(data.checks()).containsExactly("tls", "auth", "fuzz");
        assertThat(data.measurements().keySet()).containsExactly("auth.bypass", "fuzz.5xx", "tls.grade");
        assertThatThrownBy(() -> data.checks().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> data.measurements().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(data.attackWindows()).isEmpty();
        assertThat(data.notes()).isEmpty();
        assertThat(data.incomplete()).isEmpty();
        assertThat(data.resilience()).isNull();
        assertThat(data.analysis()).isNull();

        SecurityData nothing = new SecurityData(null, null, null, null, null, null, null);
        assertThat(nothing).isEqualTo(SecurityData.none());
        assertThat(nothing.checks()).isEmpty();
        assertThat(nothing.measurements()).isEmpty();
        assertThat(nothing.attackSpan()).isNull();
    }

    @Test
    void attackWindowsAreOrderedByStartThenEnd() {
        AttackWindow late = window(20, 25, "slowloris");
        AttackWindow earlyLong = window(5, 30, "flood");
        AttackWindow earlyShort = window(5, 10, "tls-reneg");
        SecurityData data = SecurityData.none().withAttackWindows(List.of(late, earlyLong, earlyShort));
        assertThat(data.attackWindows()).containsExactly(earlyShort, earlyLong, late);
        assertThat(SecurityData.none().withAttackWindows(null).attackWindows()).isEmpty();
    }

    @Test
    void theAttackSpanRunsFromTheFirstStartToTheLatestEnd() {
        // the window that starts first ends last: the span is that window, not the last window's end
        SecurityData data = SecurityData.none().withAttackWindows(List.of(window(5, 40, "flood"),
                window(10, 20, "slowloris"), window(25, 30, "reneg")));
        assertThat(data.attackSpan()).isEqualTo(window(5, 40, "attack"));
        SecurityData increasing = SecurityData.none().withAttackWindows(List.of(window(5, 12, "a"),
                window(10, 20, "b"), window(15, 18, "c")));
        assertThat(increasing.attackSpan()).isEqualTo(window(5, 20, "attack"));
        assertThat(SecurityData.none().withAttackWindows(List.of(window(7, 14, "x"))).attackSpan())
                .isEqualTo(window(7, 14, "attack"));
        assertThat(SecurityData.none().attackSpan()).isNull();
    }

    @Test
    void notesAreKeptOnceAndAtMostOneHundred() {
        List<SecurityNote> notes = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            notes.add(new SecurityNote("fuzz", "note " + i));
            notes.add(new SecurityNote("fuzz", "note " + i));
        }
        SecurityData data = SecurityData.none().withNotes(notes, Map.of("fuzz", "budget used up", "auth", "no token"));
        assertThat(data.notes()).hasSize(SecurityData.MAX_NOTES);
        assertThat(data.notes().get(0)).isEqualTo(new SecurityNote("fuzz", "note 0"));
        assertThat(data.notes().get(1)).isEqualTo(new SecurityNote("fuzz", "note 1"));
        assertThat(data.notes().get(SecurityData.MAX_NOTES - 1)).isEqualTo(new SecurityNote("fuzz", "note 99"));
        assertThat(data.incomplete().keySet()).containsExactly("auth", "fuzz");
        assertThat(data.isIncomplete("fuzz")).isTrue();
        assertThat(data.isIncomplete("tls")).isFalse();

        List<SecurityNote> exactly = new ArrayList<>();
        for (int i = 0; i < SecurityData.MAX_NOTES; i++) {
            exactly.add(new SecurityNote("tls", "n" + i));
        }
        assertThat(SecurityData.none().withNotes(exactly, null).notes()).isEqualTo(exactly);
        assertThat(SecurityData.none().withNotes(null, null).notes()).isEmpty();
        assertThatThrownBy(() -> new SecurityNote(null, "x")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new SecurityNote("tls", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theWithMethodsChangeOnlyWhatTheyName() {
        SecurityData base = new SecurityData(List.of("attack"), Map.of("attack.ran", "1"),
                List.of(window(5, 10, "flood")), null, null,
                List.of(new SecurityNote("attack", "one")), Map.of("attack", "stopped early"));

        SecurityData analysed = base.withAnalysis(resilience(), analysis(), Map.of("resilience.p95Impact", "80%"));
        assertThat(analysed.resilience()).isEqualTo(resilience());
        assertThat(analysed.analysis()).isEqualTo(analysis());
        assertThat(analysed.measurements()).containsExactly(Map.entry("resilience.p95Impact", "80%"));
        assertThat(analysed.checks()).isEqualTo(base.checks());
        assertThat(analysed.attackWindows()).isEqualTo(base.attackWindows());
        assertThat(analysed.notes()).isEqualTo(base.notes());
        assertThat(analysed.incomplete()).isEqualTo(base.incomplete());

        SecurityData windows = analysed.withAttackWindows(List.of(window(1, 2, "x")));
        assertThat(windows.attackWindows()).containsExactly(window(1, 2, "x"));
        assertThat(windows).usingRecursiveComparison().ignoringFields("attackWindows").isEqualTo(analysed);

        SecurityData noted = analysed.withNotes(List.of(new SecurityNote("tls", "two")), Map.of());
        assertThat(noted.notes()).containsExactly(new SecurityNote("tls", "two"));
        assertThat(noted.incomplete()).isEmpty();
        assertThat(noted).usingRecursiveComparison().ignoringFields("notes", "incomplete").isEqualTo(analysed);
    }

    @Test
    void aMergeUnitesChecksWindowsAndNotesAndDropsWhatMustBeComputedAgain() {
        SecurityData first = new SecurityData(List.of("tls", "attack"),
                Map.of("tls.grade", "B", "resilience.p95Impact", "12%", "posttest.resets", "3", "shared", "first"),
                List.of(window(10, 20, "flood")), resilience(), analysis(),
                List.of(new SecurityNote("tls", "slow handshake")), Map.of("tls", "budget used up"));
        SecurityData second = new SecurityData(List.of("auth", "tls"),
                Map.of("auth.bypass", "0", "shared", "second", "resilienceX", "kept", "posttestY", "kept"),
                List.of(window(10, 20, "flood"), window(30, 35, "slowloris")), null, null,
                List.of(new SecurityNote("tls", "slow handshake"), new SecurityNote("auth", "no token")),
                Map.of("tls", "other reason", "auth", "login answered 423"));

        SecurityData merged = SecurityData.merge(List.of(first, second));
        assertThat(merged.checks()).containsExactly("tls", "attack", "auth");
        assertThat(merged.measurements()).containsExactly(Map.entry("auth.bypass", "0"),
                Map.entry("posttestY", "kept"), Map.entry("resilienceX", "kept"), Map.entry("shared", "first"),
                Map.entry("tls.grade", "B"));
        assertThat(merged.attackWindows()).containsExactly(window(10, 20, "flood"), window(30, 35, "slowloris"));
        assertThat(merged.resilience()).isNull();
        assertThat(merged.analysis()).isNull();
        assertThat(merged.notes()).containsExactly(new SecurityNote("tls", "slow handshake"),
                new SecurityNote("auth", "no token"));
        assertThat(merged.incomplete()).containsExactly(Map.entry("auth", "login answered 423"),
                Map.entry("tls", "budget used up"));

        assertThat(SecurityData.merge(List.of(second, first)).measurements()).containsEntry("shared", "second");
        assertThat(SecurityData.merge(List.of())).isEqualTo(SecurityData.none());
    }

    @Test
    void aFindingsTextsAreBounded() {
        String huge = "A".repeat(100_000);
        Finding finding = new Finding("fuzz.5xx", Severity.HIGH, huge, huge, huge);
        assertThat(finding.title().length()).isLessThan(10_000);
        assertThat(finding.evidence().length()).isLessThan(10_000);
        assertThat(finding.remediation().length()).isLessThan(10_000);
        assertThat(new Finding("x".repeat(5000), Severity.LOW, "t", "e", "r").id().length()).isLessThan(2000);
        Finding small = new Finding("tls.weak-cipher", Severity.MEDIUM, "t", "e", "r");
        assertThat(small).isEqualTo(new Finding("tls.weak-cipher", Severity.MEDIUM, "t", "e", "r"));
    }

    @Test
    void aSinkThatOnlyCollectsFindingsIgnoresTimesAndNotes() {
        List<String> seen = new ArrayList<>();
        FindingSink sink = (check, findings, measurements) -> seen.add(check + " " + findings.size() + " "
                + measurements);
        sink.accept("attack", List.of(), Map.of("attack.ran", "1"), T, T.plusSeconds(5));
        sink.notes("attack", List.of("n"), "stopped");
        assertThat(seen).containsExactly("attack 0 {attack.ran=1}");
    }
}
