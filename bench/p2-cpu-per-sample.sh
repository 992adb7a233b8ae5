#!/usr/bin/env bash
# Benchmark P2, end to end (docs/performance.md, "Listener cost as CPU per sample"): what secperf's listener costs
# JMeter, as process CPU time per sample. The same loop-count plan (THREADS x LOOPS GET /ok, keep-alive, so the
# sample count is exact) runs against one nginx on 127.0.0.1 (its own process: its CPU is not counted), in a fresh
# JVM per run, alternating side A and side B in A B B A order for ROUNDS rounds (two A/B pairs per round).
#
#   bench/p2-cpu-per-sample.sh                       # A=plain (jmeter -n), B=listener (plain + what secperf adds)
#   B=secperf-run bench/p2-cpu-per-sample.sh         # B = JMeterRun wired as `secperf run` (no Summariser)
#   B=plain bench/p2-cpu-per-sample.sh               # A/A calibration: the noise floor of the method
#   B=listener-timed bench/p2-cpu-per-sample.sh      # B = listener with a stopwatch around each listener call
#   ROUNDS=12 THREADS=4 LOOPS=10000 WARMUP_LOOPS=2500 bench/p2-cpu-per-sample.sh
#   INTERLEAVE=16 ROUNDS=4 LOOPS=5000 bench/p2-cpu-per-sample.sh
#                                                    # A=plain, B=listener alternating INSIDE each JVM: ROUNDS JVMs,
#                                                    # each warms up both sides, then runs 16 blocks A B B A ...
#                                                    # (B=plain: the A/A calibration of this method; B=listener-timed:
#                                                    # the in-situ cost against plain blocks of the same warm JVM)
#
# Why INTERLEAVE: two fresh JVMs of the same side differ by up to 30 % in CPU per sample (JIT decisions, memory
# layout), far more than the 3 % to be shown; blocks alternating inside one JVM share all of that, so their paired
# differences measure the listener, not the JVM.
#
# Sides (io.secperf.run.CpuPerSampleRun in secperf-jmeter's test classes): plain = the loaded plan + Summariser +
# RemoteThreadsListenerTestElement on StandardJMeterEngine, as `jmeter -n` runs it; listener = exactly that plus
# secperf's LiveSampleListener -> ResultAggregator, LoadStartWatch and the 1 s progress ticker; secperf-run =
# io.secperf.run.JMeterRun as `secperf run` builds it; listener-timed = listener, each call of secperf's listener
# timed in situ with the thread's CPU clock (the stopwatch costs CPU itself: only for the in-situ figure).
# Every JVM first runs WARMUP_LOOPS per thread (same side), then the measured LOOPS per thread. Two measures:
#   test phase: process CPU (all threads: JMeter, GC, JIT) from the measured run's start to its end, in-process, per
#               measured sample;
#   whole JVM:  user+sys of the java process from /usr/bin/time (start-up, warm-up, test, exit), per sample sent.
# nginx's request counter (stub_status) must grow by exactly THREADS x (WARMUP_LOOPS + LOOPS) per run, or the bench
# stops. A third measure, with the least noise: the CPU time of JMeter's sampling threads themselves (summed as each
# thread ends; the sampler, the HTTP client and every listener run on them; JIT, GC and timer threads do not), per
# measured sample. The aggregator's end-of-run result (a per-run, not a per-sample cost) is measured apart. Prints
# per side median and min-max, the difference as % of A's median, the paired differences (each A with
# its neighbouring B) with a bootstrap 95 % interval of their median, and the load average before each run.
# Needs nginx, python3, /usr/bin/time. Builds offline into the worktree's target directories (never installs);
# SKIP_BUILD=1 reuses the last build. Raw rows: $WORK/runs.tsv (WORK defaults to secperf-jmeter/target/p2-cpu).
set -euo pipefail
cd "$(dirname "$0")/.."
A=${A:-plain}
B=${B:-listener}
ROUNDS=${ROUNDS:-10}
THREADS=${THREADS:-4}
LOOPS=${LOOPS:-10000}
WARMUP_LOOPS=${WARMUP_LOOPS:-2500}
JAVA_OPTS=${JAVA_OPTS:--Xms512m -Xmx512m}
INTERLEAVE=${INTERLEAVE:-0}
if [ "$INTERLEAVE" != 0 ]; then
  [ $((INTERLEAVE % 4)) -eq 0 ] || { echo "bench: INTERLEAVE must be a multiple of 4 (blocks A B B A)" >&2; exit 4; }
  A=plain
  case "$B" in listener | listener-timed | plain) ;; *) B=listener ;; esac
fi
WORK=${WORK:-secperf-jmeter/target/p2-cpu}
java_cmd="java"
[ -n "${JAVA_HOME:-}" ] && java_cmd="$JAVA_HOME/bin/java"
for tool in nginx python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is required" >&2; exit 4; }
done

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -B -q -o -pl secperf-jmeter -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
fi
CP="secperf-jmeter/target/test-classes:secperf-jmeter/target/classes:$(cat secperf-jmeter/target/bench.classpath)"

rm -rf "$WORK" && mkdir -p "$WORK/nginx/tmp" "$WORK/nginx/logs"
WORK="$(cd "$WORK" && pwd)"
NGINX_PID=
cleanup() { [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true; }
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
dir="$WORK/nginx"
cat >"$dir/nginx.conf" <<EOF
daemon off; master_process off; worker_processes 1; error_log $dir/logs/error.log warn; pid $dir/nginx.pid;
events { worker_connections 256; }
http { access_log off; keepalive_requests 100000000; keepalive_timeout 120s;
  client_body_temp_path $dir/tmp/body; proxy_temp_path $dir/tmp/proxy; fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi; scgi_temp_path $dir/tmp/scgi;
  server { listen 127.0.0.1:$port; location = /ok { return 200 "ok\n"; } location = /status { stub_status; } } }
EOF
nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/logs/error.log" &
NGINX_PID=$!
# the "requests" total of stub_status (it counts the status request itself)
requests() { python3 -c 'import sys,urllib.request
t=urllib.request.urlopen("http://127.0.0.1:"+sys.argv[1]+"/status",timeout=10).read().decode().split("\n")
print(t[2].split()[2])' "$port"; }
for _ in $(seq 100); do requests >/dev/null 2>&1 && break; sleep 0.1; done
requests >/dev/null

per_run=$((THREADS * (WARMUP_LOOPS + LOOPS)))
layout="$ROUNDS rounds (A B B A), $THREADS threads x $LOOPS loops measured (+ $WARMUP_LOOPS warm-up loops) per run"
if [ "$INTERLEAVE" != 0 ]; then
  per_run=$((THREADS * (2 * WARMUP_LOOPS + INTERLEAVE * LOOPS)))
  layout="$ROUNDS JVMs, each: $WARMUP_LOOPS warm-up loops per side, then $INTERLEAVE blocks A B B A of $THREADS threads x $LOOPS loops"
fi
printf 'round\tside\tmode\tsamples\tsent\tthread_cpu_ns\ttest_cpu_ns\ttest_wall_ns\tjvm_cpu_ns\ttime_cpu_s\tfinish_cpu_ns\tthread_alloc_bytes\tlistener_ns\tlistener_calls\tgc_count\tgc_ms\tload1\tthread_user_ns\n' \
  >"$WORK/runs.tsv"
echo "P2 CPU per sample: A=$A B=$B, $layout, nginx on 127.0.0.1:$port, $("$java_cmd" -version 2>&1 | head -1)," \
  "$JAVA_OPTS, $(nproc) cpus; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
run_side() { # round side mode (with INTERLEAVE: mode interleaved, one row per block)
  local load before after result
  load=$(cut -d' ' -f1 /proc/loadavg)
  before=$(requests)
  # shellcheck disable=SC2086
  result=$(/usr/bin/time -f '%U %S' -o "$WORK/time.txt" "$java_cmd" $JAVA_OPTS -Djava.awt.headless=true \
    -Dsecperf.cache.dir=secperf-jmeter/target/secperf-cache -cp "$CP" io.secperf.run.CpuPerSampleRun \
    "$3" 127.0.0.1 "$port" "$THREADS" "$LOOPS" "$WARMUP_LOOPS" ${4:+"$4"} | grep '^RESULT ')
  after=$(requests)
  if [ $((after - before - 1)) -ne "$per_run" ]; then
    echo "bench: the target saw $((after - before - 1)) requests in round $1 side $2, expected $per_run" >&2
    exit 5
  fi
  python3 - "$1" "$2" "$load" "$(awk '{print $1 + $2}' "$WORK/time.txt")" "$per_run" "$result" \
    >>"$WORK/runs.tsv" <<'PY'
import sys
rnd, side, load, time_cpu, sent, lines = sys.argv[1:7]
for line in lines.splitlines():
    kv = dict(f.split("=", 1) for f in line.split()[1:])
    # interleaved rows: the side is the block's; the JVM's user+sys and requests sent are the whole JVM's (all blocks)
    print("\t".join([rnd, kv.get("side", side), kv["mode"], kv["samples"], sent, kv["thread_cpu_ns"], kv["test_cpu_ns"],
                     kv["test_wall_ns"], kv["jvm_cpu_ns"], time_cpu, kv["finish_cpu_ns"], kv["thread_alloc_bytes"],
                     kv["listener_ns"], kv["listener_calls"], kv["gc_count"], kv["gc_ms"], load,
                     kv.get("thread_user_ns", "0")]))
PY
  tail -"${5:-1}" "$WORK/runs.tsv" | awk -F'\t' '{printf "round %s %s %-11s threads %6.1f, test phase %6.1f us/sample (%.1f s wall, %s GCs), whole JVM %6.1f us/sample, load %s\n",
    $1, $2, $3, $6 / 1000 / $4, $7 / 1000 / $4, $8 / 1e9, $15, $10 * 1e6 / $5, $17}'
}
for round in $(seq "$ROUNDS"); do
  if [ "$INTERLEAVE" != 0 ]; then
    run_side "$round" AB "interleaved:$B" "$INTERLEAVE" "$INTERLEAVE"
    continue
  fi
  run_side "$round" A "$A"
  run_side "$round" B "$B"
  run_side "$round" B "$B"
  run_side "$round" A "$A"
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$WORK/runs.tsv" "$A" "$B" "$INTERLEAVE" <<'PY'
import csv, random, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
a_name, b_name = sys.argv[2], sys.argv[3]
measures = {
    "sampling threads (their CPU / measured samples)": lambda r: int(r["thread_cpu_ns"]) / 1000 / int(r["samples"]),
    "sampling threads, user mode only (their user CPU / measured samples)":
        lambda r: int(r["thread_user_ns"]) / 1000 / int(r["samples"]),
    "test phase (in-process CPU / measured samples)": lambda r: int(r["test_cpu_ns"]) / 1000 / int(r["samples"]),
    "whole JVM (user+sys / samples sent)": lambda r: float(r["time_cpu_s"]) * 1e6 / int(r["sent"]),
}
if any(r["side"] not in ("A", "B") for r in rows):
    sys.exit("bench: a row of runs.tsv has no side A or B")
if any(r["thread_user_ns"] == "0" for r in rows):
    del measures["sampling threads, user mode only (their user CPU / measured samples)"]
if sys.argv[4] != "0":  # interleaved: a JVM's user+sys covers both sides
    del measures["whole JVM (user+sys / samples sent)"]
random.seed(13)
loads = [float(r["load1"]) for r in rows]
print(f"\n{len(rows)} runs; 1-min load average before a run: median {statistics.median(loads):.1f}, "
      f"{min(loads):.1f}-{max(loads):.1f}")
for title, f in measures.items():
    a = [f(r) for r in rows if r["side"] == "A"]
    b = [f(r) for r in rows if r["side"] == "B"]
    # pairs: consecutive runs, A B | B A per round
    pairs = [(f(rows[i]) if rows[i]["side"] == "A" else f(rows[i + 1]),
              f(rows[i + 1]) if rows[i + 1]["side"] == "B" else f(rows[i])) for i in range(0, len(rows) - 1, 2)]
    diffs = [100 * (pb - pa) / pa for pa, pb in pairs]
    ma, mb = statistics.median(a), statistics.median(b)
    boot = sorted(statistics.median(random.choices(diffs, k=len(diffs))) for _ in range(10000))
    print(f"\n{title}, us CPU per sample:")
    print(f"  A {a_name:<11} median {ma:7.2f}  min-max {min(a):7.2f}-{max(a):7.2f}  (n={len(a)})")
    print(f"  B {b_name:<11} median {mb:7.2f}  min-max {min(b):7.2f}-{max(b):7.2f}  (n={len(b)})")
    print(f"  B - A: {mb - ma:+.2f} us = {100 * (mb - ma) / ma:+.2f} % of A's per-sample CPU (medians)")
    print(f"  paired (B-A)/A over {len(diffs)} pairs: median {statistics.median(diffs):+.2f} %, "
          f"min-max {min(diffs):+.2f}..{max(diffs):+.2f} %, B above A in {sum(d > 0 for d in diffs)} of {len(diffs)}; "
          f"bootstrap 95 % interval of the median {boot[249]:+.2f}..{boot[9749]:+.2f} %")
a_threads = statistics.median(int(r["thread_cpu_ns"]) / 1000 / int(r["samples"]) for r in rows if r["side"] == "A")
for side, name in (("A", a_name), ("B", b_name)):
    side_rows = [r for r in rows if r["side"] == side]
    alloc = [int(r["thread_alloc_bytes"]) / int(r["samples"]) for r in side_rows]
    print(f"\n{name}: sampling threads allocate median {statistics.median(alloc):.0f} bytes per sample "
          f"({min(alloc):.0f}-{max(alloc):.0f})")
    fin = [int(r["finish_cpu_ns"]) / 1e6 for r in side_rows]
    if any(fin):
        print(f"  end-of-run aggregation (per run, not in the measures above): median "
              f"{statistics.median(fin):.1f} ms CPU, {min(fin):.1f}-{max(fin):.1f} ms")
    inside = [int(r["listener_ns"]) / 1000 / int(r["listener_calls"]) for r in side_rows if int(r["listener_calls"])]
    if inside:
        print(f"  in situ, secperf's listener call (thread CPU clock, incl. two nanoTime reads): median "
              f"{statistics.median(inside):.2f} us per sample ({min(inside):.2f}-{max(inside):.2f}) = "
              f"{100 * statistics.median(inside) / a_threads:.2f} % of A's sampling-thread CPU per sample")
PY
