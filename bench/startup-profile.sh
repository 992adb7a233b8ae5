#!/usr/bin/env bash
# Where the start-up of `gate`, `report` and `ingest` goes (docs/performance.md, "Start-up on JDK 25 and where the
# rest goes"), through the real launcher with its class-data archive in place:
#   1. every class the JVM loads, by library and by origin (the JDK's archive, our archive, a jar, the JDK's modules
#      file, generated at run time): -Xlog:class+load with uptime; independent of the machine's load;
#   2. the CPU profile of the main thread's Java code: JFR execution samples (1 ms period, RUNS runs per command),
#      each sample charged to the first non-JDK frame on its stack (the library on whose behalf the JDK code ran),
#      and the share whose top frame is in Java2D/ImageIO, in java.lang.invoke (lambdas being linked), elsewhere in
#      the JDK or in a library. JFR's own samples (its start-up runs in the main thread) are left out.
#
#   bench/startup-profile.sh                  # the launcher's Java (JAVA_HOME or the PATH's)
#   RUNS=10 bench/startup-profile.sh
#
# Environment: RUNS (5), JAVA_HOME, WORK (secperf-cli/target/startup-profile, never committed). Needs python3 and the
# JDK's jfr tool.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
WORK=${WORK:-secperf-cli/target/startup-profile}
java_cmd="java"
[ -n "${JAVA_HOME:-}" ] && java_cmd="$JAVA_HOME/bin/java"
jfr_cmd="$(dirname "$(readlink -f "$(command -v "$java_cmd")")")/jfr"
launcher="$(pwd)/secperf"
./secperf --version >/dev/null   # builds if needed
rm -rf "$WORK" && mkdir -p "$WORK"
cd "$WORK"
{
  echo "timeStamp,elapsed,label,responseCode,success,bytes"
  awk 'BEGIN { for (i = 0; i < 1000; i++) printf "%d,%d,home,200,%s,100\n", 1700000000000 + i * 10, 10 + i % 50, (i % 40 ? "true" : "false") }'
} >small.jtl
declare -A args=([gate]="gate --result small.jtl --gates p95<10s --out gate-out"
  [report]="report --result gate-out --out report-out" [ingest]="ingest small.jtl --out ingest-out")
echo "# start-up profile $(date -u +%FT%TZ), $("$java_cmd" -version 2>&1 | sed -n 1p), load average $(cut -d' ' -f1-3 /proc/loadavg)"
for command in gate report ingest; do
  # shellcheck disable=SC2086
  {
    $launcher ${args[$command]} && $launcher ${args[$command]}   # the first run writes the archive, the next adopts it
    SECPERF_JAVA_OPTS="-Xlog:class+load:file=classes-$command.log:uptime" $launcher ${args[$command]}
    for ((run = 1; run <= RUNS; run++)); do
      SECPERF_JAVA_OPTS="-XX:FlightRecorderOptions:stackdepth=512 -XX:StartFlightRecording=filename=$command-$run.jfr,settings=profile,jdk.ExecutionSample#period=1ms" \
        $launcher ${args[$command]}
      "$jfr_cmd" print --stack-depth 512 --events jdk.ExecutionSample "$command-$run.jfr" >"samples-$command-$run.txt"
    done
  } >/dev/null 2>&1
done
python3 - gate report ingest <<'PY'
import collections, glob, re, sys

LIBRARIES = [("picocli.", "picocli"), ("com.fasterxml.jackson.", "Jackson"), ("org.jfree.chart.", "JFreeChart"),
             ("org.jfree.svg.", "JFreeSVG"), ("org.yaml.snakeyaml.", "SnakeYAML"), ("org.HdrHistogram.", "HdrHistogram"),
             ("org.bouncycastle.", "Bouncy Castle"), ("org.apache.logging.", "log4j"), ("io.secperf.cli.", "secperf cli"),
             ("io.secperf.chart.", "secperf charts"), ("io.secperf.", "secperf other")]
JAVA2D = ("java.awt.", "sun.java2d.", "sun.awt.", "javax.imageio.", "com.sun.imageio.", "sun.font.")

def library(name):
    for prefix, label in LIBRARIES:
        if name.startswith(prefix):
            return label
    if name.startswith(JAVA2D):
        return "JDK: Java2D, ImageIO, fonts"
    if name.startswith("java.lang.invoke."):
        return "JDK: java.lang.invoke"
    return "JDK: other"

for command in sys.argv[1:]:
    counts = collections.defaultdict(collections.Counter)
    for line in open(f"classes-{command}.log"):
        m = re.match(r"\[[\d.]+s\]\s+(\S+) source: (.*)", line)
        if not m:
            continue
        source = m.group(2)
        origin = ("our archive" if "(top)" in source else "JDK archive" if "shared objects file" in source
                  else "jar" if source.startswith(("file:", "/")) else "JDK modules" if source.startswith("jrt:")
                  else "generated")
        counts[library(m.group(1))][origin] += 1
    total = collections.Counter()
    for c in counts.values():
        total.update(c)
    origins = ["JDK archive", "our archive", "jar", "JDK modules", "generated"]
    print(f"\n## {command}: {sum(total.values())} classes, " + ", ".join(f"{o} {total[o]}" for o in origins))
    for lib, c in sorted(counts.items(), key=lambda e: -sum(e[1].values())):
        print(f"  {lib:28s} {sum(c.values()):5d}   " + "  ".join(f"{o} {c[o]:4d}" for o in origins))
    charged, top, samples = collections.Counter(), collections.Counter(), 0
    for path in glob.glob(f"samples-{command}-*.txt"):
        for event in open(path).read().split("jdk.ExecutionSample {")[1:]:
            if "stackTrace = [" not in event:
                continue
            frames = re.findall(r"^\s+([\w$.<>/]+)\(", event.split("stackTrace = [", 1)[1], re.M)
            if not frames or any(f.startswith("jdk.jfr.") for f in frames):
                continue
            samples += 1
            libs = [library(f) for f in frames]
            charged[next((l for l in libs if not l.startswith("JDK")), "JDK only")] += 1
            first = libs[0]
            top["Java2D/ImageIO" if "Java2D" in first else "java.lang.invoke" if "invoke" in first
                else "other JDK" if first.startswith("JDK") else "library"] += 1
    if samples:
        print(f"  CPU, {samples} samples: charged to " + ", ".join(f"{l} {100 * v / samples:.0f} %"
                                                                   for l, v in charged.most_common()))
        print("  top frame in " + ", ".join(f"{l} {100 * v / samples:.0f} %" for l, v in top.most_common()))
PY
