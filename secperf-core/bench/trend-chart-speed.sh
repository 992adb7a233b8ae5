#!/bin/sh
# Trend chart speed: one trend chart of N builds rendered to PNG, per family, after warm-up (target <= 200 ms for 100
# builds). Arguments: [builds] [warmupRounds] [rounds] [width] [height] (default 100 30 100 900 340).
# Extra Maven flags (e.g. -o for offline) via SECPERF_MVN_FLAGS. JVM options via BENCH_JAVA_OPTS.
set -eu
cd "$(dirname "$0")/../.."
# shellcheck disable=SC2086
mvn -B -q ${SECPERF_MVN_FLAGS:-} -pl secperf-core test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="secperf-core/target/test-classes:secperf-core/target/classes:$(cat secperf-core/target/bench.classpath)"
# shellcheck disable=SC2086
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" ${BENCH_JAVA_OPTS:--Xmx512m} -Djava.awt.headless=true \
    -cp "$CP" io.secperf.chart.TrendChartBenchmark "$@"
