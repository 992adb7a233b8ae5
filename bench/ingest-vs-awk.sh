#!/usr/bin/env bash
# Ingest end to end (docs/performance.md, "Ingest end to end"): `secperf ingest` of a generated 1M-row JMeter CSV
# JTL through the real ./secperf launcher, against awk summing the elapsed column of the same file, in alternating
# rounds (a change in machine load hits both alike). Wall time and peak resident memory (GNU time) of each run.
#
#   bench/ingest-vs-awk.sh
#   ROWS=200000 ROUNDS=3 bench/ingest-vs-awk.sh   # quick look
#   BASELINE=/path/to/other/checkout bench/ingest-vs-awk.sh   # also that build's ingest, same rounds (before/after)
#
# Environment: ROWS (1000000), ROUNDS (5), WORK (secperf-bench/target/ingest-vs-awk, never committed),
# MVN_ARGS (-o). The JTL comes from the generator of bench/p1-ingest.sh (io.secperf.bench.JtlGenerator).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-1000000}
ROUNDS=${ROUNDS:-5}
WORK=${WORK:-secperf-bench/target/ingest-vs-awk}
MVN_ARGS=${MVN_ARGS:--o}
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time, Debian package time)" >&2; exit 4; }

mkdir -p "$WORK"
JTL="$WORK/ingest-$ROWS.jtl"
if [ ! -s "$JTL" ]; then
  # shellcheck disable=SC2086
  mvn -B -q $MVN_ARGS -Pbench -pl secperf-bench -am package -DskipTests
  java -cp "secperf-bench/target/secperf-bench-0.1.0-SNAPSHOT.jar:secperf-bench/target/lib/*" \
    io.secperf.bench.JtlGenerator "$JTL" "$ROWS" 1
fi
./secperf --version >/dev/null                          # builds if needed
./secperf ingest "$JTL" --out "$WORK/out" >/dev/null     # the ingest's class-data archive, the page cache
[ -n "${BASELINE:-}" ] && "$BASELINE/secperf" ingest "$JTL" --out "$WORK/out-baseline" >/dev/null
awk -F, 'NR > 1 { s += $2 } END { print s }' "$JTL" >/dev/null

echo "# ingest vs awk $(date -u +%FT%TZ): $ROWS rows, $(wc -c <"$JTL") bytes, $ROUNDS alternating rounds, $(nproc) cores"
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
: >"$WORK/times.txt"
for ((round = 0; round < ROUNDS; round++)); do
  /usr/bin/time -f "awk %e %M %U %S" -a -o "$WORK/times.txt" awk -F, 'NR > 1 { s += $2 } END { print s }' "$JTL" >/dev/null
  /usr/bin/time -f "secperf %e %M %U %S" -a -o "$WORK/times.txt" ./secperf ingest "$JTL" --out "$WORK/out" >/dev/null
  if [ -n "${BASELINE:-}" ]; then
    /usr/bin/time -f "baseline %e %M %U %S" -a -o "$WORK/times.txt" "$BASELINE/secperf" ingest "$JTL" \
      --out "$WORK/out-baseline" >/dev/null
  fi
done
echo "# load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
stats() {  # name field (or "cpu": user + system) -> median min max
  awk -v n="$1" -v f="$2" '$1 == n { print (f == "cpu" ? $4 + $5 : $f) }' "$WORK/times.txt" | sort -n \
    | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m, v[1], v[NR] }'
}
read -r awk_median awk_min awk_max < <(stats awk 2)
read -r ours_median ours_min ours_max < <(stats secperf 2)
read -r ours_rss _ ours_rss_max < <(stats secperf 3)
read -r awk_cpu _ _ < <(stats awk cpu)
read -r ours_cpu _ _ < <(stats secperf cpu)
printf 'awk column sum   median %6.2f s  min-max %.2f-%.2f s\n' "$awk_median" "$awk_min" "$awk_max"
printf 'secperf ingest   median %6.2f s  min-max %.2f-%.2f s  peak RSS median %d MiB (max %d)\n' "$ours_median" \
  "$ours_min" "$ours_max" "$((ours_rss / 1024))" "$((ours_rss_max / 1024))"
awk -v a="$ours_median" -v b="$awk_median" 'BEGIN { printf "ratio secperf/awk (medians, same run): %.1f (target <= 2.5)\n", a / b }'
if [ -n "${BASELINE:-}" ]; then
  read -r base_median base_min base_max < <(stats baseline 2)
  read -r base_cpu _ _ < <(stats baseline cpu)
  printf 'baseline ingest  median %6.2f s  min-max %.2f-%.2f s  CPU median %.2f s (%s)\n' "$base_median" "$base_min" \
    "$base_max" "$base_cpu" "$BASELINE"
fi
awk -v a="$ours_cpu" -v b="$awk_cpu" 'BEGIN { printf "CPU (user + system) medians: awk %.2f s, secperf %.2f s, ratio %.1f\n", b, a, a / b }'
