#!/bin/sh
# Benchmark: legit req/s of the same plan against the built-in demo target, without and with --security (TLS
# preflight; fuzzing and a request flood when their samplers are in the build), alternating runs in one JVM.
# Arguments: [threads] [seconds per run] [warm-up pairs] [pairs] [ab|aa] [flood rate] (default 4 15 1 3 ab 50; "aa" =
# plain in both legs, the noise floor; the flood, when AttackSampler is in the build, runs 5 s at flood rate req/s). Extra Maven flags (e.g. -o for offline) via SECPERF_MVN_FLAGS; JVM options via BENCH_JAVA_OPTS.
set -eu
cd "$(dirname "$0")/../.."
# shellcheck disable=SC2086
mvn -B -q ${SECPERF_MVN_FLAGS:-} -pl secperf-cli -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="secperf-cli/target/test-classes:secperf-cli/target/classes:$(cat secperf-cli/target/bench.classpath)"
# shellcheck disable=SC2086
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" ${BENCH_JAVA_OPTS:--Xms512m -Xmx512m} -Djava.awt.headless=true \
    -Dsun.net.httpserver.nodelay=true -Dsecperf.cache.dir=secperf-cli/target/secperf-cache \
    -cp "$CP" io.secperf.cli.SamplersOverheadBenchmark "$@"
