package io.secperf.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The value types of the result document: defaults for absent fields, what their constructors refuse, masking, the
 * derived numbers (durations, rates, relative changes). Most of them are otherwise only exercised from other
 * packages' tests, so mutation testing of this package saw them unpinned.
 */
class ResultModelTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void runInfoMasksSecretPropertiesSortsThemAndComputesTheDuration() {
        Map<String, String> properties = new HashMap<>();
        properties.put("threads", "10");
        properties.put("DB_Password", "hunter2");
        properties.put("passwd", "x");
        properties.put("apiKey", "k");
        properties.put("my.credentials", "c");
        properties.put("bearer.TOKEN", "t");
        properties.put("client_secret", "s");
        RunInfo run = RunInfo.of("plan", "plan.jmx", "https://t", "5.6.3", T0, T0.plusMillis(1_500), properties);
        assertThat(run.durationMs()).isEqualTo(1_500);
        assertThat(run.properties()).containsExactly(Map.entry("DB_Password", RunInfo.MASK),
                Map.entry("apiKey", RunInfo.MASK), Map.entry("bearer.TOKEN", RunInfo.MASK),
                Map.entry("client_secret", RunInfo.MASK), Map.entry("my.credentials", RunInfo.MASK),
                Map.entry("passwd", RunInfo.MASK), Map.entry("threads", "10"));
        assertThatThrownBy(() -> run.properties().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);

        assertThat(RunInfo.of(null, null, null, null, T0, null, null).durationMs()).isZero();
        assertThat(RunInfo.of(null, null, null, null, null, T0, null).durationMs()).isZero();
        assertThat(RunInfo.of(null, null, null, null, null, null, null).properties()).isEmpty();
        assertThat(RunInfo.isSecret(null)).isFalse();
        assertThat(RunInfo.isSecret("host")).isFalse();
        assertThat(RunInfo.isSecret("KEYSTORE")).isTrue();
    }

    @Test
    void runInfoBoundsLongTexts() {
        String longText = "x".repeat(20_000);
        RunInfo run = RunInfo.of(longText, longText, longText, null, null, null, Map.of("p", longText));
        assertThat(run.planName()).hasSizeLessThanOrEqualTo(8192).startsWith("xxxx");
        assertThat(run.planFile()).hasSizeLessThanOrEqualTo(8192);
        assertThat(run.target()).hasSizeLessThanOrEqualTo(8192);
        assertThat(run.properties().get("p")).hasSizeLessThanOrEqualTo(8192);
    }

    @Test
    void runStatusNeedsAStateAndNamesItsKind() {
        assertThatThrownBy(() -> new RunStatus(null, "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("status.state is required");
        assertThat(RunStatus.complete()).isEqualTo(new RunStatus(RunState.COMPLETE, null));
        assertThat(RunStatus.partial("stopped")).isEqualTo(new RunStatus(RunState.PARTIAL, "stopped"));
        assertThat(RunStatus.failed("boom")).isEqualTo(new RunStatus(RunState.FAILED, "boom"));
    }

    @Test
    void ingestInfoKeepsTheFirstTenSkippedLinesAndDefaultsToLive() {
        List<Long> lines = new ArrayList<>();
        for (long i = 1; i <= 12; i++) {
            lines.add(i);
        }
        IngestInfo ingest = IngestInfo.jtl("a.jtl", 5, 12, lines);
        assertThat(ingest.firstSkippedLines()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(ingest.source()).isEqualTo(IngestInfo.JTL);
        assertThat(IngestInfo.jtl("b.jtl", 1, 1, List.of(7L)).firstSkippedLines()).containsExactly(7L);
        IngestInfo none = new IngestInfo(null, null, 3, 0, null, null);
        assertThat(none.source()).isEqualTo(IngestInfo.LIVE);
        assertThat(none.firstSkippedLines()).isEmpty();
        assertThat(none.engines()).isEmpty();
        assertThat(IngestInfo.live(9)).isEqualTo(new IngestInfo("live", null, 9, 0, List.of(), List.of()));
        EngineCount engine = new EngineCount("h:1099", 9, T0, null, null, null);
        assertThat(engine.state()).isEqualTo(EngineCount.COMPLETED);
        assertThat(IngestInfo.live(9).withEngines(List.of(engine)).engines()).containsExactly(engine);
        assertThatThrownBy(() -> new EngineCount(null, 0, null, null, EngineCount.LOST, "x"))
                .isInstanceOf(NullPointerException.class).hasMessage("engine");
        assertThat(new EngineCount("h:1", 0, null, null, EngineCount.LOST, "gone").state()).isEqualTo("lost");
    }

    @Test
    void attackWindowsRefuseWhatTheSchemaCannotHold() {
        assertThat(new AttackWindow(T0, T0).kind()).isEqualTo("attack");
        assertThat(new AttackWindow(T0, T0.plusSeconds(1), " ").kind()).isEqualTo("attack");
        assertThat(new AttackWindow(T0, T0.plusSeconds(1), "flood").kind()).isEqualTo("flood");
        assertThat(new AttackWindow(T0, T0, "sessions", 0L, 0.0).handshakes()).isZero();
        assertThatThrownBy(() -> new AttackWindow(null, T0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attack window needs a start and an end");
        assertThatThrownBy(() -> new AttackWindow(T0, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attack window needs a start and an end");
        assertThatThrownBy(() -> new AttackWindow(T0, T0.minusMillis(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attack window ends (2025-03-01T09:59:59.999Z) before it starts (2025-03-01T10:00:00Z)");
        assertThatThrownBy(() -> new AttackWindow(T0, T0, "sessions", -1L, null))
                .hasMessage("attack window: handshakes must not be negative, was -1");
        for (double bad : new double[] {-0.5, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new AttackWindow(T0, T0, "sessions", 1L, bad))
                    .hasMessage("attack window: handshakeCpuMs must be a finite number >= 0, was " + bad);
        }
    }

    @Test
    void gateResultsAndVerdictsHaveDefaultsAndNeedAStatus() {
        GateResult plain = new GateResult("1", 1, "p95 < 1s", "p95", null, null, false, GateStatus.NOT_EVALUATED,
                null, Double.NaN, "ms", "< 1 s", null, "not measured");
        assertThat(plain.category()).isEqualTo(GateCategory.PERFORMANCE);
        assertThat(plain.criticality()).isEqualTo(GateCriticality.FAILURE);
        assertThat(plain.value()).isNull();
        assertThat(plain.evaluated()).isFalse();
        GateResult security = new GateResult("2", 0, "tls.grade >= A", "tls.grade", GateCategory.SECURITY,
                GateCriticality.UNSTABLE, true, GateStatus.UNSTABLE, "B", 2.0, "grade", ">= A", null, "B");
        assertThat(security.category()).isEqualTo(GateCategory.SECURITY);
        assertThat(security.criticality()).isEqualTo(GateCriticality.UNSTABLE);
        assertThat(security.value()).isEqualTo(2.0);
        assertThat(security.evaluated()).isTrue();
        assertThat(new GateResult("3", 1, "e", "m", null, null, false, GateStatus.PASSED, "1", 1.0, "", "", null, "")
                .evaluated()).isTrue();
        assertThat(new GateResult("4", 1, "e", "m", null, null, false, GateStatus.FAILED, "1",
                Double.NEGATIVE_INFINITY, "", "", null, "").value()).isNull();
        assertThatThrownBy(() -> new GateResult("1", 1, "e", "m", null, null, false, null, null, null, "", "", null, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("gate status is required");
        assertThatThrownBy(() -> new GateVerdict(null, false, 0, 0, 0, 0, 0, null, null, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("verdict status is required");
    }

    @Test
    void postTestReportsAndLogScansCopyTheirListsAndKeepAnAbsentBurstListAbsent() {
        PostTestReport report = new PostTestReport(1, 2, 3, null, null, 0, 5, 3.0, null, null, null, null, null);
        assertThat(report.authBursts()).isNull();
        assertThat(report.latencySpikes()).isEmpty();
        assertThat(report.notes()).isEmpty();
        List<PostTestReport.Burst> bursts = new ArrayList<>(List.of(new PostTestReport.Burst(1, 3, 10, 20, true)));
        PostTestReport withBursts = new PostTestReport(0, 0, 0, bursts, List.of(new PostTestReport.Spike(5, 900, 3,
                false)), 1, 5, 3.0, 4L, 2.0, 0.5, null, List.of("n"));
        bursts.clear();
        assertThat(withBursts.authBursts()).hasSize(1);
        ServerLogScan scan = new ServerLogScan(null, 10, 2, false, 1, Map.of("Python", 1L, "Java", 2L), 0, null, null);
        assertThat(scan.stackTracesByTechnology().keySet()).containsExactly("Java", "Python");
        assertThat(scan.files()).isEmpty();
        assertThat(scan.evidence()).isEmpty();
        assertThat(scan.notes()).isEmpty();
        assertThat(new ServerLogScan(List.of(), 0, 0, false, 0, null, 0, List.of(), List.of())
                .stackTracesByTechnology()).isEmpty();
        PostTestReport scanned = withBursts.withServerLogs(scan);
        assertThat(scanned.serverLogs()).isSameAs(scan);
        assertThat(scanned).isEqualTo(new PostTestReport(0, 0, 0, withBursts.authBursts(), withBursts.latencySpikes(),
                1, 5, 3.0, 4L, 2.0, 0.5, scan, List.of("n")));
    }

    @Test
    void windowStatsKnownByNumbersOnlyDeriveTheirErrorCount() {
        WindowStats w = new WindowStats(200, 120, 300, 0.025, 40.0);
        assertThat(w.errors()).isEqualTo(5);
        assertThat(w.fromSecond()).isZero();
        assertThat(w.seconds()).isZero();
        assertThat(new WindowStats(3, 1, 1, 0.5, 1).errors()).isEqualTo(2); // 1.5 rounds up
        assertThat(new WindowStats(100, 160, 3, 0, 0, 0, 0, 0).seconds()).isEqualTo(60);
    }

    @Test
    void resilienceComparisonComputesTheImpactOnlyWithACleanWindow() {
        WindowStats clean = new WindowStats(1000, 100, 200, 0.01, 50.0);
        WindowStats attack = new WindowStats(800, 150, 500, 0.04, 40.0);
        ResilienceComparison both = new ResilienceComparison(clean, attack);
        assertThat(both.comparable()).isTrue();
        assertThat(both.note()).isEmpty();
        ResilienceImpact impact = both.impact();
        assertThat(impact.p95ChangePercent()).isCloseTo(50.0, within(1e-9));
        assertThat(impact.p99ChangePercent()).isCloseTo(150.0, within(1e-9));
        assertThat(impact.errorRateChangePoints()).isCloseTo(3.0, within(1e-9));
        assertThat(impact.throughputChangePercent()).isCloseTo(-20.0, within(1e-9));

        ResilienceComparison attackOnly = new ResilienceComparison(null, attack, null, "the attack covered the run");
        assertThat(attackOnly.comparable()).isFalse();
        assertThat(attackOnly.impact()).isNull();
        assertThat(attackOnly.note()).isEqualTo("the attack covered the run");
        ResilienceImpact given = new ResilienceImpact(1, 2, 3, 4);
        assertThat(new ResilienceComparison(clean, attack, given, "n").impact()).isSameAs(given);
        assertThatThrownBy(() -> new ResilienceComparison(clean, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a resilience comparison needs the attack window");
        assertThatThrownBy(() -> new ResilienceComparison(null, attack)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a resilience comparison needs both windows");

        assertThat(ResilienceImpact.change(0, 500)).isZero();
        assertThat(ResilienceImpact.change(200, 100)).isEqualTo(-50.0);
        ResilienceImpact fromZero = ResilienceImpact.between(new WindowStats(10, 0, 0, 0, 0),
                new WindowStats(10, 80, 90, 0.5, 3));
        assertThat(fromZero).isEqualTo(new ResilienceImpact(0, 0, 50.0, 0));
    }

    @Test
    void timeSeriesRefusesBadWidthsAndFindsTheSmallestWidthThatFits() {
        assertThat(new TimeSeries(1, 1, 0, 0, null).buckets()).isEmpty();
        for (int bad : new int[] {0, -2, 3, 6}) {
            assertThatThrownBy(() -> new TimeSeries(bad, 10, 0, 0, List.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("bucketSeconds must be a power of two, was " + bad);
        }
        assertThatThrownBy(() -> new TimeSeries(2, 0, 0, 0, List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBuckets must be positive, was 0");
        assertThat(new TimeSeries(1 << 30, 1, 0, 0, List.of()).bucketSeconds()).isEqualTo(1 << 30);

        assertThat(TimeSeries.widthFor(100, 109, 10)).isEqualTo(1);
        assertThat(TimeSeries.widthFor(100, 110, 10)).isEqualTo(2);
        assertThat(TimeSeries.widthFor(101, 110, 5)).isEqualTo(4); // 100..111 in 4 s buckets: 25, 26, 27
        assertThat(TimeSeries.widthFor(-3, 2, 3)).isEqualTo(4);
        assertThat(TimeSeries.widthFor(0, (1L << 30) - 1, 1)).isEqualTo(1 << 30);
        assertThatThrownBy(() -> TimeSeries.widthFor(0, 1L << 30, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("time range 0..1073741824 is too wide");
    }

    @Test
    void secondBucketsReadAbsentFieldsAsEmpty() {
        SecondBucket old = new SecondBucket(10, 0, 0, 0, 0, null, null);
        assertThat(old.histogram()).isEmpty();
        assertThat(old.authRejected()).isZero();
        assertThat(old.decodeHistogram().getTotalCount()).isZero();
        assertThat(new SecondBucket(10, 1, 1, 5, 5, "")).isEqualTo(new SecondBucket(10, 1, 1, 5, 5, "", 0L));
    }

    @Test
    void samplesReadAbsentTextsAsEmptyAndASinkGetsTheFieldsAsASample() {
        Sample s = new Sample(1, 2, null, null, null, false, null, 3, 4, 5, 6, 7);
        assertThat(s.label()).isEmpty();
        assertThat(s.responseCode()).isEmpty();
        assertThat(s.responseMessage()).isEmpty();
        assertThat(s.failureMessage()).isEmpty();
        List<Sample> got = new ArrayList<>();
        SampleSink sink = got::add;
        sink.acceptFields(1, 2, "l", "500", "m", false, "f", 3, 4, 5, 6, 7);
        assertThat(got).containsExactly(new Sample(1, 2, "l", "500", "m", false, "f", 3, 4, 5, 6, 7));
    }

    @Test
    void progressThroughputIsZeroForAnEmptyOrInstantInterval() {
        assertThat(new ProgressSnapshot(10, 0, 10, 0, 5, 0).intervalThroughput()).isZero();
        assertThat(new ProgressSnapshot(10, 0, 10, 0, 5, 2.5).intervalThroughput()).isEqualTo(4.0);
    }

    @Test
    void theGeneratorIsSecperfOnThisJvm() {
        GeneratorInfo g = GeneratorInfo.current();
        assertThat(g.name()).isEqualTo("secperf");
        assertThat(g.version()).isEqualTo("dev"); // classes from target/classes: no jar manifest
        assertThat(g.java()).isEqualTo(System.getProperty("java.version"));
    }
    private static RunResult resultOf(Sample... samples) {
        ResultAggregator aggregator = new ResultAggregator(1, ResultAggregator.MAX_SERIES_BUCKETS,
                ResultAggregator.MAX_LABELS);
        for (Sample s : samples) {
            aggregator.accept(s);
        }
        return aggregator.finish();
    }

    private static Sample ok(String label, long start, long elapsed) {
        return new Sample(start, elapsed, label, "200", "OK", true, "", 1, 1, 1, 0, 1);
    }

    @Test
    void aResultWithoutPartsIsEmptyAndFillsTheErrorClassesFromTheOverallRow() {
        RunResult bare = new RunResult(null, null, null, null);
        assertThat(bare.overall().label()).isEqualTo(RunResult.OVERALL_LABEL);
        assertThat(bare.overall().count()).isZero();
        assertThat(bare.labels()).isEmpty();
        assertThat(bare.timeSeries().maxBuckets()).isEqualTo(ResultAggregator.MAX_SERIES_BUCKETS);
        assertThat(bare.timeSeries().buckets()).isEmpty();
        assertThat(bare.errorClasses()).containsOnlyKeys(ErrorClass.errorClasses()).doesNotContainValue(null);
        assertThat(bare).isEqualTo(RunResult.empty());

        RunResult failing = resultOf(new Sample(RandomSamples.START, 5, "a", "500", "", false, "", 0, 0, 0, 0, 1),
                new Sample(RandomSamples.START, 5, "a", "404", "", false, "", 0, 0, 0, 0, 1));
        Map<ErrorClass, Long> some = new HashMap<>();
        some.put(ErrorClass.HTTP_5XX, 7L);
        RunResult given = new RunResult(failing.overall(), failing.labels(), failing.timeSeries(), some);
        assertThat(given.errorClasses().get(ErrorClass.HTTP_5XX)).isEqualTo(7L);
        assertThat(given.errorClasses().get(ErrorClass.HTTP_4XX)).as("not given: from the overall row").isEqualTo(1L);
        assertThat(given.errorClasses().get(ErrorClass.TIMEOUT)).isZero();
        assertThatThrownBy(() -> given.errorClasses().put(ErrorClass.OTHER, 1L))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void labelsAreOrderedByFirstStartThenNameAndFoundByName() {
        RunResult result = resultOf(ok("late", RandomSamples.START + 5_000, 1), ok("b", RandomSamples.START, 1),
                ok("a", RandomSamples.START, 1), ok("b", RandomSamples.START - 1_000, 1_000));
        assertThat(result.labels()).extracting(LabelStats::label).containsExactly("b", "a", "late");
        assertThat(result.label("a").count()).isEqualTo(1);
        assertThat(result.label("b").count()).isEqualTo(2);
        assertThat(result.label("missing")).isNull();
        assertThat(result.label(RunResult.OVERALL_LABEL)).as("the overall row is not a label").isNull();

        // a label without samples (as a hand-made or old document may hold) goes last, and merges drop it
        LabelStats none = new LabelAccumulator().toStats("0-empty");
        RunResult withEmpty = new RunResult(result.overall(), List.of(none, result.labels().get(2),
                result.labels().get(0)), result.timeSeries(), null);
        assertThat(withEmpty.labels().stream().sorted(RunResult.LABEL_ORDER).map(LabelStats::label))
                .containsExactly("b", "late", "0-empty");
        assertThat(RunResult.merge(withEmpty).labels()).extracting(LabelStats::label).containsExactly("b", "late");
    }

    @Test
    void mergingNothingGivesAnEmptyResultAndTheSmallestBucketCapWins() {
        RunResult nothing = RunResult.merge(List.of());
        assertThat(nothing).isEqualTo(RunResult.empty());
        assertThat(nothing.timeSeries().maxBuckets()).isEqualTo(ResultAggregator.MAX_SERIES_BUCKETS);

        ResultAggregator small = new ResultAggregator(1, 10, ResultAggregator.MAX_LABELS);
        small.accept(ok("a", RandomSamples.START, 1));
        RunResult merged = RunResult.merge(small.finish(), resultOf(ok("a", RandomSamples.START + 30_000, 1)));
        assertThat(merged.timeSeries().maxBuckets()).isEqualTo(10);
        assertThat(merged.timeSeries().bucketSeconds()).isEqualTo(4); // 31 s in at most 10 buckets
        assertThat(merged.overall().count()).isEqualTo(2);
    }

    @Test
    void aDocumentWithoutPartsGetsTheDefaultsOfAnEmptyLiveRun() {
        ResultDocument bare = new ResultDocument(1, null, null, null, null, null, null, null, null, null);
        assertThat(bare.generator()).isEqualTo(GeneratorInfo.current());
        assertThat(bare.run()).isEqualTo(RunInfo.of(null, null, null, null, null, null, null));
        assertThat(bare.status()).isEqualTo(RunStatus.complete());
        assertThat(bare.ingest()).isEqualTo(IngestInfo.live(0));
        assertThat(bare.result()).isEqualTo(RunResult.empty());
        assertThat(bare.findings()).isEmpty();
        assertThat(bare.gates()).isEmpty();
        assertThat(bare.verdict()).isNull();
        assertThat(bare.security()).isEqualTo(SecurityData.none());
        RunResult two = resultOf(ok("a", RandomSamples.START, 1), ok("a", RandomSamples.START, 2));
        assertThat(new ResultDocument(1, null, null, null, null, two, null, null, null, null).ingest())
                .isEqualTo(IngestInfo.live(2));
    }

    @Test
    void onlyAnEmptyRunThatClaimsToBeCompleteBecomesFailed() {
        RunResult one = resultOf(ok("a", RandomSamples.START, 1));
        RunInfo run = RunInfo.of(null, null, null, null, null, null, null);
        assertThat(ResultDocument.of(run, RunStatus.complete(), null, one).status()).isEqualTo(RunStatus.complete());
        assertThat(ResultDocument.of(run, null, null, one).status()).isEqualTo(RunStatus.complete());
        RunStatus noSamples = RunStatus.failed("no samples were recorded");
        assertThat(ResultDocument.of(run, RunStatus.complete(), null, RunResult.empty()).status()).isEqualTo(noSamples);
        assertThat(ResultDocument.of(run, null, null, null).status()).isEqualTo(noSamples);
        assertThat(ResultDocument.of(run, RunStatus.partial("stopped"), null, null).status())
                .isEqualTo(RunStatus.partial("stopped"));
        assertThat(ResultDocument.of(run, RunStatus.failed("engine died"), null, RunResult.empty()).status())
                .isEqualTo(RunStatus.failed("engine died"));
        ResultDocument d = ResultDocument.of(run, null, null, one);
        assertThat(d.schemaVersion()).isEqualTo(ResultDocument.SCHEMA_VERSION);
        Finding finding = new Finding("tls.weak-protocol", Severity.HIGH, "t", "e", "r");
        assertThat(d.withFindings(List.of(finding)).findings()).containsExactly(finding);
        GateVerdict verdict = new GateVerdict(VerdictStatus.PASSED, false, 0, 0, 0, 0, 0, null, null, "PASSED");
        assertThat(d.withGates(List.of(), verdict).verdict()).isSameAs(verdict);
        SecurityData security = new SecurityData(List.of("auth"), Map.of("auth.bypass", "0"));
        ResultDocument all = d.withFindings(List.of(finding)).withGates(List.of(), verdict).withSecurity(security);
        assertThat(all.security()).isEqualTo(security);
        assertThat(all.findings()).containsExactly(finding);
        assertThat(all.verdict()).isSameAs(verdict);
        assertThat(all.result()).isSameAs(one);
    }

    @Test
    void mergingDocumentsSumsTheRowsJoinsFilesAndReasonsAndDropsTheGates() {
        RunResult one = resultOf(ok("a", RandomSamples.START, 1));
        GateVerdict verdict = new GateVerdict(VerdictStatus.FAILED, false, 1, 0, 0, 1, 0, null, null, "FAILED");
        EngineCount e1 = new EngineCount("h1:1099", 1, null, null, null, null);
        EngineCount e2 = new EngineCount("h2:1099", 1, null, null, EngineCount.LOST, "gone");
        ResultDocument a = ResultDocument.of(RunInfo.of("plan", "p.jmx", "https://t", "5.6.3", T0.plusSeconds(10),
                        T0.plusSeconds(20), Map.of("threads", "5")), RunStatus.partial("stopped"),
                        IngestInfo.jtl("a.jtl", 4, 2, List.of(3L)).withEngines(List.of(e1)), one)
                .withGates(List.of(), verdict);
        ResultDocument b = ResultDocument.of(RunInfo.of("other", null, null, null, T0, T0.plusSeconds(15), null),
                RunStatus.failed("engine died"), IngestInfo.jtl("b.jtl", 6, 1, List.of()).withEngines(List.of(e2)),
                one);
        ResultDocument c = ResultDocument.of(RunInfo.of(null, null, null, null, null, null, null),
                RunStatus.complete(), IngestInfo.live(1), one);
        ResultDocument merged = ResultDocument.merge(List.of(a, b, c));
        assertThat(merged.run()).isEqualTo(RunInfo.of("plan", "p.jmx", "https://t", "5.6.3", T0, T0.plusSeconds(20),
                Map.of("threads", "5")));
        assertThat(merged.status()).isEqualTo(RunStatus.failed("stopped; engine died"));
        assertThat(merged.ingest()).isEqualTo(new IngestInfo(IngestInfo.MERGED, "a.jtl, b.jtl", 11, 3, List.of(),
                List.of(e1, e2)));
        assertThat(merged.result().overall().count()).isEqualTo(3);
        assertThat(merged.gates()).isEmpty();
        assertThat(merged.verdict()).isNull();

        ResultDocument lone = ResultDocument.merge(List.of(c));
        assertThat(lone.status()).isEqualTo(RunStatus.complete());
        assertThat(lone.ingest().file()).isNull();
        assertThat(lone.run().startTime()).isNull();
        assertThat(lone.run().endTime()).isNull();
        assertThat(ResultDocument.merge(List.of(b, a)).run().endTime()).isEqualTo(T0.plusSeconds(20));
        assertThatThrownBy(() -> ResultDocument.merge(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nothing to merge");
    }
}
