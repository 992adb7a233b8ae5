#!/usr/bin/env bash
# Benchmark P2 in isolation (docs/performance.md, "Listener cost as CPU per sample"): JMH times one call of
# secperf's listener (io.secperf.run.ListenerCostBench in secperf-bench: a JMeter HTTPSampleResult read into the
# ResultAggregator, as in a run) against a baseline that does the same minus the call, on 1 and 2 threads sharing one
# aggregator, and states the difference as a share of JMeter's own CPU per sample when you give that figure
# (the median of side A, "sampling threads", from bench/p2-cpu-per-sample.sh with INTERLEAVE: a warm JVM).
#
#   bench/p2-listener-jmh.sh                 # ns per call
#   JMETER_US=54.3 bench/p2-listener-jmh.sh  # ... and as % of 54.3 us of JMeter's CPU per sample
#   FORKS=5 ITERATIONS=10 bench/p2-listener-jmh.sh
#
# JMH measures wall time per call: on a loaded machine a descheduled thread inflates it, so the load average is
# printed with the results (the figure is an upper bound then). Builds offline with -Pbench (never installs).
set -euo pipefail
cd "$(dirname "$0")/.."
FORKS=${FORKS:-3}
WARMUPS=${WARMUPS:-5}
ITERATIONS=${ITERATIONS:-5}
JMETER_US=${JMETER_US:-}
java_cmd="java"
[ -n "${JAVA_HOME:-}" ] && java_cmd="$JAVA_HOME/bin/java"

mvn -B -q -o -Pbench -pl secperf-bench -am package -DskipTests
CP="secperf-bench/target/secperf-bench-0.1.0-SNAPSHOT.jar:secperf-bench/target/lib/*"
out=secperf-bench/target/p2-jmh
mkdir -p "$out"
echo "P2 listener call (JMH), $("$java_cmd" -version 2>&1 | head -1), $(nproc) cpus, $FORKS forks x $ITERATIONS x 1 s" \
  "(+ $WARMUPS warm-up), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for threads in 1 2; do
  "$java_cmd" -cp "$CP" org.openjdk.jmh.Main ListenerCostBench -f "$FORKS" -wi "$WARMUPS" -w 1 -i "$ITERATIONS" \
    -r 1 -t "$threads" -rf csv -rff "$out/t$threads.csv" >"$out/t$threads.log" 2>&1
  python3 - "$out/t$threads.csv" "$threads" "$JMETER_US" "$(cut -d' ' -f1 /proc/loadavg)" <<'PY'
import csv, sys
rows = {r["Benchmark"].rsplit(".", 1)[1]: r for r in csv.DictReader(open(sys.argv[1]))}
score = lambda name: float(rows[name]["Score"])
err = lambda name: float(rows[name]["Score Error (99.9%)"] or 0)
cost = score("listener") - score("baseline")
line = (f"{sys.argv[2]} thread(s): listener {score('listener'):.0f} +- {err('listener'):.0f} ns, baseline "
        f"{score('baseline'):.0f} +- {err('baseline'):.0f} ns: the call costs {cost:.0f} ns")
if sys.argv[3]:
    line += f" = {100 * cost / (float(sys.argv[3]) * 1000):.2f} % of {sys.argv[3]} us of JMeter's CPU per sample"
print(line + f" (load {sys.argv[4]} at the end)")
PY
done
