#!/usr/bin/env bash
# Start-up benchmark (docs/performance.md, "Start-up"): the wall time of the commands that start no load, through
# the real ./secperf launcher, against a Hello-world Java class on the same JVM, in alternating rounds (one run of
# each per round, so a change in machine load hits every command alike). Also the class-load profile of
# `secperf --version` through the launcher and the old way (the full class path of 155 jars, no class-data archive),
# which does not depend on the machine's load, and a check that no command that starts no load loads a JMeter or
# Groovy class (exit 1 if one does).
#
#   bench/startup.sh              # 10 rounds
#   ROUNDS=5 bench/startup.sh
#   BASELINE=/path/to/other/checkout bench/startup.sh   # also that checkout's launcher, same rounds (before/after)
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 AOT=1 bench/startup.sh   # also each command with a JDK 25 AOT cache
#   SCAN="127.0.0.1:8443 --ca ca.pem --servername localhost" bench/startup.sh   # also `scan tls` against that server
#
# Environment: ROUNDS (10), JAVA_HOME (the launcher's Java), WORK (secperf-cli/target/startup-bench, never committed),
# BASELINE (another built checkout whose ./secperf runs the same commands, alternating with this one), AOT=1 (JDK 25+:
# --version, gate, report, ingest and scan again, each with its own AOT cache (JEP 483/514/515) instead of the
# launcher's dynamic archive: SECPERF_CLASS_ARCHIVE=off and -XX:AOTCache through SECPERF_JAVA_OPTS; `env` costs those
# rows one more exec), SCAN (the arguments of a `scan tls` row: a TLS server you started).
# Prints, per command: wall median, min-max, median / Hello-world median, and the median CPU time (user + system, far
# less sensitive to the machine's load than wall time) with its ratio to Hello-world's; the load average before and
# after.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-10}
WORK=${WORK:-secperf-cli/target/startup-bench}
java_cmd="java"
[ -n "${JAVA_HOME:-}" ] && java_cmd="$JAVA_HOME/bin/java"
javac_cmd="$(dirname "$(readlink -f "$(command -v "$java_cmd")")")/javac"

launcher="$(pwd)/secperf"
./secperf --version >/dev/null   # builds if needed
rm -rf "$WORK" && mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"
cat >"$WORK/Hello.java" <<'EOF'
public class Hello {
    public static void main(String[] args) {
        System.out.println("hello");
    }
}
EOF
"$javac_cmd" -d "$WORK" "$WORK/Hello.java"
{
  echo "timeStamp,elapsed,label,responseCode,success,bytes"
  awk 'BEGIN { for (i = 0; i < 1000; i++) printf "%d,%d,home,200,%s,100\n", 1700000000000 + i * 10, 10 + i % 50, (i % 40 ? "true" : "false") }'
} >"$WORK/small.jtl"

dist="$(pwd)/secperf-cli/target"
old_cp="$(ls "$dist"/secperf-cli-*.jar | grep -v -- -sources | sed -n 1p)"
while IFS= read -r lib; do old_cp="$old_cp:$lib"; done < <(printf '%s\n' "$dist"/lib/*.jar | LC_ALL=C sort)

# name|command, run from $WORK
commands=(
  "hello|$java_cmd -cp $WORK Hello"
  "--version|$launcher --version"
  "--help|$launcher --help"
  "gate|$launcher gate --result small.jtl --gates p95<10s --out gate-out"
  "report|$launcher report --result gate-out --out report-out"
  "ingest|$launcher ingest small.jtl --out ingest-out"
  "--version, old launcher|$java_cmd -Djava.awt.headless=true -cp $old_cp io.secperf.cli.Secperf --version"
)
if [ -n "${SCAN:-}" ]; then
  commands+=("scan tls|$launcher scan tls $SCAN --out scan-out")
fi
if [ -n "${AOT:-}" ]; then
  aot_rows=()
  for entry in "${commands[@]}"; do
    case "${entry%%|*}" in
      --version | gate | report | ingest | "scan tls")
        key="${entry%%|*}"
        key="${key//[^a-z]/}"
        aot_rows+=("${entry%%|*} (AOT cache)|env SECPERF_CLASS_ARCHIVE=off SECPERF_JAVA_OPTS=-XX:AOTCache=$WORK/$key.aot ${entry#*|}")
        ;;
    esac
  done
  commands+=("${aot_rows[@]}")
fi
if [ -n "${BASELINE:-}" ]; then
  baseline="$(cd "$BASELINE" && pwd)/secperf"
  "$baseline" --version >/dev/null   # builds if needed
  commands+=(
    "baseline --version|$baseline --version"
    "baseline --help|$baseline --help"
    "baseline gate|$baseline gate --result small.jtl --gates p95<10s --out gate-out-baseline"
    "baseline report|$baseline report --result gate-out-baseline --out report-out-baseline"
    "baseline ingest|$baseline ingest small.jtl --out ingest-out-baseline"
  )
fi

cd "$WORK"
# one run of each first: writes the class-data archives (the first run of a command after a build) and the outputs;
# a second one adopts the archive (a first run writes its own file; docs/cli.md, "The JVM the launcher starts")
for entry in "${commands[@]}" "${commands[@]}"; do
  case "$entry" in
    *"(AOT cache)|"*)
      # the training run: the JVM records it and assembles the cache at exit, in a child JVM (JEP 514)
      aot="${entry#*-XX:AOTCache=}"
      aot="${aot%% *}"
      # shellcheck disable=SC2086
      [ -f "$aot" ] || env SECPERF_CLASS_ARCHIVE=off "SECPERF_JAVA_OPTS=-XX:AOTCacheOutput=$aot" ${entry#*"$aot "} >/dev/null 2>&1 || true
      ;;
    *)
      # shellcheck disable=SC2086
      ${entry#*|} >/dev/null 2>&1 || true
      ;;
  esac
done

echo "# start-up $(date -u +%FT%TZ), $ROUNDS alternating rounds, $(nproc) cores, $("$java_cmd" -version 2>&1 | sed -n 1p)"
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((round = 0; round < ROUNDS; round++)); do
  for i in "${!commands[@]}"; do
    entry="${commands[$i]}"
    # shellcheck disable=SC2086
    /usr/bin/time -f "$i %e %U %S" -a -o times.txt ${entry#*|} >/dev/null 2>&1 || true
  done
done
echo "# load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
hello_median=""
hello_cpu=""
printf '%-26s %9s %15s %8s %9s %8s\n' command median-ms min-max-ms x-hello cpu-ms x-hello
stats() {  # command index, awk expression of the fields -> median min max (ms)
  awk -v i="$1" '$1 == i { print ('"$2"') * 1000 }' times.txt | sort -n \
    | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m, v[1], v[NR] }'
}
for i in "${!commands[@]}"; do
  name="${commands[$i]%%|*}"
  read -r median min max < <(stats "$i" '$2')
  read -r cpu _ _ < <(stats "$i" '$3 + $4')
  [ -z "$hello_median" ] && hello_median=$median && hello_cpu=$cpu
  printf '%-26s %9.0f %15s %8.1f %9.0f %8.1f\n' "$name" "$median" "$min-$max" \
    "$(awk -v a="$median" -v b="$hello_median" 'BEGIN { print a / b }')" "$cpu" \
    "$(awk -v a="$cpu" -v b="$hello_cpu" 'BEGIN { print (b > 0 ? a / b : 0) }')"
done

# the class-load profile (independent of the machine's load)
echo "# classes loaded by secperf --version: total, from the JDK's or our class-data archive, from jars, Groovy, JMeter"
# SECPERF_JAVA_OPTS carries the -Xlog option into the launcher
launcher_profile() {  # name, args...
  local name=$1 log=$WORK/classes-$1.log
  shift
  SECPERF_JAVA_OPTS="-Xlog:class+load:file=$log" $launcher "$@" >/dev/null 2>&1 || true
  printf '%-26s total %5d  archived %5d  jars %5d  groovy %4d  jmeter %4d\n' "secperf $name" "$(grep -c . "$log")" \
    "$(grep -c 'shared objects file' "$log")" "$(grep -cE 'source: (file:|/)' "$log")" \
    "$(grep -cE ' (groovy|org\.codehaus\.groovy)\.' "$log" || true)" "$(grep -cE ' org\.apache\.(jmeter|jorphan)\.' "$log" || true)"
}
status=0
for args in "--version" "--help" "gate --result small.jtl --gates p95<10s --out gate-out" \
    "report --result gate-out --out report-out" "ingest small.jtl --out ingest-out"; do
  # shellcheck disable=SC2086
  launcher_profile ${args%% *} $args
  if grep -qE ' (groovy|org\.codehaus\.groovy|org\.apache\.jmeter|org\.apache\.jorphan)\.' "$WORK/classes-${args%% *}.log"; then
    echo "FAIL: secperf ${args%% *} loads JMeter or Groovy classes" >&2
    status=1
  fi
done
log=$WORK/classes-old.log
"$java_cmd" -Djava.awt.headless=true "-Xlog:class+load:file=$log" -cp "$old_cp" io.secperf.cli.Secperf --version >/dev/null
printf '%-26s total %5d  archived %5d  jars %5d  groovy %4d  jmeter %4d\n' "--version, old launcher" "$(grep -c . "$log")" \
  "$(grep -c 'shared objects file' "$log")" "$(grep -cE 'source: (file:|/)' "$log")" \
  "$(grep -cE ' (groovy|org\.codehaus\.groovy)\.' "$log" || true)" "$(grep -cE ' org\.apache\.(jmeter|jorphan)\.' "$log" || true)"
exit $status
