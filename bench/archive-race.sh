#!/usr/bin/env bash
# Two first runs of the same command at once, right after a build (docs/performance.md, "Start-up on JDK 25 and where
# the rest goes", "Two first runs at once"): N rounds of: drop the command's class-data archives, start two runs
# together, then a third with -Xshare:on (stops if the archive cannot be mapped) counting the classes it took from
# the archive. Prints exit codes, stderr bytes and the archive files left.
#
#   bench/archive-race.sh                                   # 5 rounds of `gate` on the launcher's Java
#   N=20 CMD=--version JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/archive-race.sh
set -uo pipefail
cd "$(dirname "$0")/.."
N=${N:-5}
WORK=${WORK:-secperf-cli/target/archive-race}
L="$(pwd)/secperf"
D="$(pwd)/secperf-cli/target"
./secperf --version >/dev/null   # builds if needed
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK"
{
  echo "timeStamp,elapsed,label,responseCode,success,bytes"
  awk 'BEGIN { for (i = 0; i < 1000; i++) printf "%d,%d,home,200,true,100\n", 1700000000000 + i * 10, 10 + i % 50 }'
} >small.jtl
CMD=${CMD:-gate --result small.jtl --gates p95<10s --out out}
key=${CMD%% *}
case "$key" in run | augment | demo | ingest | gate | report | scan | help) ;; *) key=base ;; esac
echo "# $N rounds of two first runs of: secperf $CMD; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for ((i = 0; i < N; i++)); do
  rm -f "$D/secperf-$key-"*
  # shellcheck disable=SC2086
  $L $CMD >o1 2>e1 &
  p1=$!
  # shellcheck disable=SC2086
  $L $CMD >o2 2>e2 &
  p2=$!
  wait $p1; r1=$?
  wait $p2; r2=$?
  # shellcheck disable=SC2086
  if SECPERF_JAVA_OPTS="-Xshare:on -Xlog:class+load:file=classes.log" $L $CMD >/dev/null 2>e3; then
    next="next run mapped the archive, $(grep -c 'shared objects file (top)' classes.log) classes from it"
  else
    next="NEXT RUN FAILED: $(head -c 300 e3)"
  fi
  echo "round $i: exit $r1 $r2, stderr $(cat e1 e2 | wc -c) bytes; $next; files: $(cd "$D" && ls -d "secperf-$key-"* 2>/dev/null | tr '\n' ' ')"
done
