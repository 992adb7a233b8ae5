#!/usr/bin/env bash
# The controller ceiling of docs/performance.md "Distributed": how many samples per second one `secperf run --remote`
# controller absorbs (JMeter's RMI sample transport in StrippedBatch mode + secperf's aggregation) with two local
# jmeter-servers driving a fast local target (nginx answering 2 bytes from memory), at rising thread counts.
# For every step it prints the samples/s the controller received and the controller JVM's own CPU time (user+sys)
# per 1000 samples: samples/s per controller core = 1000 / that, which is the ceiling once the engines and the target
# no longer share the controller's cores (on this 2-core machine they all do, and other jobs too).
#
#   bench/distributed-ceiling.sh                       # THREADS="2 8 32", 20 s each
#   THREADS="4 16" DURATION=30 bench/distributed-ceiling.sh
#
# Needs: the stock JMeter home of secperf-jmeter-ext's tests (mvn -o -pl secperf-cli -am verify
# -Dtest=RemoteEnginesTest -Dsurefire.failIfNoSpecifiedTests=false assembles it and puts secperf-jmeter-ext in its
# lib/ext), secperf-cli/target/lib (same build), nginx. Environment: THREADS (per engine), DURATION (s), WORK
# (secperf-bench/target/ceiling; never committed), JAVA (java).
set -euo pipefail
cd "$(dirname "$0")/.."
THREADS=${THREADS:-2 8 32}
DURATION=${DURATION:-20}
WORK=${WORK:-secperf-bench/target/ceiling}
JAVA=${JAVA:-java}
HOME_DIR=secperf-jmeter-ext/target/stock-jmeter/apache-jmeter-5.6.3
[ -f "$HOME_DIR/bin/ApacheJMeter.jar" ] || { echo "no stock JMeter home at $HOME_DIR (see the header)" >&2; exit 5; }
ls "$HOME_DIR"/lib/ext/secperf-jmeter-ext-*.jar >/dev/null || { echo "no secperf-jmeter-ext in $HOME_DIR/lib/ext" >&2; exit 5; }
CP="$(ls secperf-cli/target/secperf-cli-*.jar | grep -v -e sources -e tests | head -1):secperf-cli/target/lib/*"
mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# the target: nginx, one worker, no logs, 2 bytes from memory
TARGET_PORT=$(free_port)
mkdir -p "$WORK/nginx"
cat >"$WORK/nginx/nginx.conf" <<CONF
daemon off; worker_processes 1; pid $WORK/nginx/nginx.pid; error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http { access_log off; client_body_temp_path $WORK/nginx; proxy_temp_path $WORK/nginx; fastcgi_temp_path $WORK/nginx;
       uwsgi_temp_path $WORK/nginx; scgi_temp_path $WORK/nginx; keepalive_requests 1000000;
       server { listen 127.0.0.1:$TARGET_PORT; location / { default_type application/json; return 200 '{"items":[1]}'; } } }
CONF
nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" & pids+=($!)

engines=""
for name in one two; do
  port=$(free_port); local_port=$(free_port)
  $JAVA -Xmx512m -Djava.rmi.server.hostname=127.0.0.1 -jar "$HOME_DIR/bin/ApacheJMeter.jar" -s -j "$WORK/server-$name.log" \
      -Jserver_port=$port -Jserver.rmi.port=$port -Jserver.rmi.localport=$local_port -Jserver.rmi.ssl.disable=true \
      >"$WORK/server-$name.out" 2>&1 & pids+=($!)
  engines="$engines${engines:+,}127.0.0.1:$port"
done
for i in $(seq 1 120); do
  grep -q "Created remote object" "$WORK"/server-one.out 2>/dev/null && grep -q "Created remote object" "$WORK"/server-two.out 2>/dev/null && break
  sleep 1
done
sleep 3

echo "# distributed ceiling $(date -u +%FT%TZ): 2 local jmeter-servers ($engines), nginx on 127.0.0.1:$TARGET_PORT, $DURATION s per step"
echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); java: $($JAVA -version 2>&1 | sed -n 1p)"
for t in $THREADS; do
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  out="$WORK/run-$t"
  rm -rf "$out"
  /usr/bin/time -f "%U %S" -o "$WORK/cpu-$t" $JAVA -Xmx1g -Djava.rmi.server.hostname=127.0.0.1 -cp "$CP" io.secperf.cli.Secperf \
      run --plan secperf-cli/src/test/resources/plans/two-labels.jmx --target "http://127.0.0.1:$TARGET_PORT/" \
      --remote "$engines" --duration "$DURATION" -Jthreads=$t -Jloops=-1 -Jserver.rmi.ssl.disable=true \
      --out "$out" --progress none >"$WORK/run-$t.out" 2>&1 || { echo "run with $t threads failed:"; tail -5 "$WORK/run-$t.out"; continue; }
  python3 - "$out/secperf-result.json" "$WORK/cpu-$t" "$t" "$load" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
user, system = map(float, open(sys.argv[2]).read().split()[-2:])
count = doc["result"]["overall"]["count"]
engines = doc["ingest"]["engines"]
# throughput: count over the samples' own span (first start .. last end), not the controller's set-up and stop
rate = doc["result"]["overall"]["throughput"]
cpu = user + system
print(f"threads/engine={sys.argv[3]} samples={count} received/s={rate:.0f} "
      f"p95={doc['result']['overall']['p95Ms']}ms controller-cpu={cpu:.1f}s "
      f"cpu-ms/1000 samples={1000 * cpu * 1000 / max(count, 1):.0f} "
      f"per-engine={[ (e['engine'], e['samples']) for e in engines]} load1-5-15={sys.argv[4]}")
PY
done
