package io.secperf.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.secperf.result.AttackWindow;

/** Attack samples become attack windows: kinds, united neighbours, summed handshakes, a bounded number. */
class FindingCollectorTest {

    static final Instant T = Instant.parse("2026-12-06T06:00:00Z");

    @Test
    void fuzzRunTotalsArrivingOutOfOrderKeepTheLargerValueOtherChecksTheLatest() {
        FindingCollector collector = new FindingCollector();
        collector.accept("fuzz", List.of(), Map.of("fuzz.iterations", "40", "fuzz.seed", "7"));
        collector.accept("fuzz", List.of(), Map.of("fuzz.iterations", "20", "fuzz.seed", "7"));
        collector.accept("auth", List.of(), Map.of("auth.bypass", "2"));
        collector.accept("auth", List.of(), Map.of("auth.bypass", "0"));

        assertThat(collector.measurements()).containsEntry("fuzz.iterations", "40").containsEntry("fuzz.seed", "7")
                .containsEntry("auth.bypass", "0");
    }

    @Test
    void notesAreKeptOnceAndBoundedAndTheFirstIncompleteReasonWins() {
        FindingCollector collector = new FindingCollector();
        collector.notes("auth", List.of("no valid token", "lockout not configured"), "no valid token");
        collector.notes("auth", List.of("no valid token"), "interrupted");
        collector.notes("fuzz", List.of("budget used up"), "");
        for (int i = 0; i < 500; i++) {
            collector.notes("attack", List.of("note " + i), null);
        }
        io.secperf.result.SecurityData data = collector.data();
        assertThat(data.incomplete()).containsExactly(Map.entry("auth", "no valid token"));
        assertThat(data.notes()).hasSize(io.secperf.result.SecurityData.MAX_NOTES);
        assertThat(data.notes().subList(0, 3)).extracting(io.secperf.result.SecurityNote::text)
                .containsExactly("no valid token", "lockout not configured", "budget used up");
        assertThat(collector.isEmpty()).isFalse();
    }

    @Test
    void attackSamplesBecomeWindowsAndNeighboursOfOneKindAreUnited() {
        FindingCollector collector = new FindingCollector();
        Map<String, String> sessions = Map.of("attack.handshakes", "10", "attack.handshakes.cpu.ms.total", "25.5",
                "attack.sessions.connections", "10");
        collector.accept("attack", List.of(), sessions, T, T.plusSeconds(2));
        collector.accept("attack", List.of(), sessions, T.plusMillis(2500), T.plusSeconds(4)); // 0.5 s gap: united
        collector.accept("attack", List.of(), Map.of("attack.flood.requests", "300"), T.plusSeconds(1),
                T.plusSeconds(3));
        collector.accept("attack", List.of(), Map.of("attack.slow.connections.opened", "5"), T.plusSeconds(10),
                T.plusSeconds(12));
        collector.accept("attack", List.of(), sessions, T.plusSeconds(20), T.plusSeconds(21)); // far: separate
        collector.accept("tls", List.of(), Map.of("tls.grade", "A"), T, T.plusSeconds(1)); // not an attack
        collector.accept("attack", List.of(), Map.of(), T.plusSeconds(30), T.plusSeconds(29)); // ends before start

        assertThat(collector.attackWindows()).containsExactly(
                new AttackWindow(T, T.plusSeconds(4), "sessions", 20L, 51.0),
                new AttackWindow(T.plusSeconds(1), T.plusSeconds(3), "flood", null, null),
                new AttackWindow(T.plusSeconds(10), T.plusSeconds(12), "slowHeaders", null, null),
                new AttackWindow(T.plusSeconds(20), T.plusSeconds(21), "sessions", 10L, 25.5));
        assertThat(collector.data().attackWindows()).hasSize(4).first().extracting(AttackWindow::start)
                .isEqualTo(T);
        assertThat(collector.checks()).containsExactly("attack", "tls");
    }

    @Test
    void theNumberOfWindowsIsBounded() {
        FindingCollector collector = new FindingCollector();
        for (int i = 0; i < 500; i++) {
            collector.accept("attack", List.of(), Map.of("attack.handshakes", "1"), T.plusSeconds(10L * i),
                    T.plusSeconds(10L * i + 1));
        }
        List<AttackWindow> windows = collector.attackWindows();
        assertThat(windows).hasSize(FindingCollector.MAX_WINDOWS);
        assertThat(windows.stream().mapToLong(AttackWindow::handshakes).sum()).isEqualTo(500);
        assertThat(windows.get(windows.size() - 1).end()).isEqualTo(T.plusSeconds(4991));
    }
}
