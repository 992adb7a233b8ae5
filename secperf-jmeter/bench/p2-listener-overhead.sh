#!/bin/sh
# Benchmark P2: secperf's live listener + aggregator vs plain JMeter with only a Summariser, same plan, same loopback
# target, same JVM, alternating runs. Arguments: [threads] [loops] [warmupRounds] [rounds] (default 8 2500 2 8).
# Extra Maven flags (e.g. -o for offline) via SECPERF_MVN_FLAGS. JVM options via BENCH_JAVA_OPTS.
set -eu
cd "$(dirname "$0")/../.."
# shellcheck disable=SC2086
mvn -B -q ${SECPERF_MVN_FLAGS:-} -pl secperf-jmeter -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="secperf-jmeter/target/test-classes:secperf-jmeter/target/classes:$(cat secperf-jmeter/target/bench.classpath)"
# shellcheck disable=SC2086
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" ${BENCH_JAVA_OPTS:--Xms1g -Xmx1g} -Djava.awt.headless=true \
    -Dsun.net.httpserver.nodelay=true -Dsecperf.cache.dir=secperf-jmeter/target/secperf-cache \
    -cp "$CP" io.secperf.run.ListenerOverheadBenchmark "$@"
