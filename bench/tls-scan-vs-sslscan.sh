#!/usr/bin/env bash
# Issue 13, "TLS scan": end-to-end `./secperf scan tls` (the launcher, a fresh JVM every time, as a user runs it)
# against sslscan on the same loopback server, alternating the two tools (the first one alternates by round) so the
# machine's changing load hits both alike. For every run it checks that both saw the same protocols and the same
# suites per protocol, and it prints the median, min-max and the ratio of medians with the load average.
#
#   bench/tls-scan-vs-sslscan.sh                         # 7 rounds on each of the three servers
#   ROUNDS=3 SERVERS="nginx-10" bench/tls-scan-vs-sslscan.sh
#   TRACE=1 bench/tls-scan-vs-sslscan.sh                 # also print each server's phase trace (last round):
#                                                        # uptime and process CPU at every phase (io.secperf.tls.TlsTrace)
#
# Servers (all on 127.0.0.1, started and stopped by this script):
#   nginx-12-13  nginx, TLS 1.2 + 1.3, Mozilla intermediate suites, ECDSA P-256 certificate
#   nginx-10     nginx, TLS 1.0 only, OpenSSL DEFAULT:@SECLEVEL=0, ECDSA P-256 certificate
#   jdk-3des     a JDK server in a child JVM (io.secperf.tls.LegacyTlsServer from the test classes, its own
#                jdk.tls.disabledAlgorithms emptied), TLS 1.2, ECDHE-RSA-AES128-GCM + RSA 3DES, RSA 2048
# Needs openssl, nginx, sslscan, keytool, python3. Builds offline into the worktree's target directories (never
# installs). A warm-up scan after the build writes the launcher's class-data archive and is not counted.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-7}
if [ "${TRACE:-0}" = 1 ]; then
  export SECPERF_JAVA_OPTS="-Dsecperf.tls.trace=true ${SECPERF_JAVA_OPTS:-}"
fi
SERVERS=${SERVERS:-nginx-12-13 nginx-10 jdk-3des}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/secperf-tls-bench.XXXXXX")
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

for tool in openssl nginx sslscan keytool python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is required" >&2; exit 4; }
done

mvn -B -q -o -pl secperf-cli -am package -DskipTests
touch secperf-cli/target/.secperf-built   # what ./secperf does after its own build: no rebuild during the bench

# throw-away PKI: an EC CA with an EC leaf (nginx) and an RSA key store (JDK, 3DES needs RSA key exchange)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$WORK/ca.key" -out "$WORK/ca.pem" \
  -days 30 -subj "/CN=secperf bench CA" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$WORK/leaf.key" -out "$WORK/leaf.csr" \
  -subj "/CN=localhost" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >"$WORK/ext.cnf"
openssl x509 -req -in "$WORK/leaf.csr" -CA "$WORK/ca.pem" -CAkey "$WORK/ca.key" -CAcreateserial \
  -out "$WORK/leaf.pem" -days 20 -extfile "$WORK/ext.cnf" 2>/dev/null
keytool -genkeypair -keyalg RSA -keysize 2048 -alias server -dname CN=localhost -ext SAN=dns:localhost,ip:127.0.0.1 \
  -validity 20 -storetype PKCS12 -keystore "$WORK/server.p12" -storepass changeit 2>/dev/null

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() {
  for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "bench: nothing listens on $1" >&2; exit 5
}

start_nginx() { # name port directives
  local dir="$WORK/$1"
  mkdir -p "$dir/tmp" "$dir/logs"
  cat >"$dir/nginx.conf" <<EOF
daemon off; master_process off; worker_processes 1; error_log $dir/logs/error.log warn; pid $dir/nginx.pid;
events { worker_connections 128; }
http { access_log off; client_body_temp_path $dir/tmp/body; proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi; uwsgi_temp_path $dir/tmp/uwsgi; scgi_temp_path $dir/tmp/scgi;
  server { listen 127.0.0.1:$2 ssl; server_name localhost; ssl_certificate $WORK/leaf.pem;
    ssl_certificate_key $WORK/leaf.key; $3 location / { return 200 "ok\n"; } } }
EOF
  nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/logs/error.log" &
  PIDS+=($!)
}

start_server() { # name port
  case "$1" in
    nginx-12-13) start_nginx "$1" "$2" "ssl_protocols TLSv1.2 TLSv1.3; ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;" ;;
    nginx-10) start_nginx "$1" "$2" "ssl_protocols TLSv1; ssl_ciphers DEFAULT:@SECLEVEL=0;" ;;
    jdk-3des)
      printf 'jdk.tls.disabledAlgorithms=\njdk.tls.legacyAlgorithms=\njdk.certpath.disabledAlgorithms=\n' \
        >"$WORK/legacy.security"
      java -Djava.security.properties="$WORK/legacy.security" -cp secperf-security/target/test-classes \
        io.secperf.tls.LegacyTlsServer "$2" "$WORK/server.p12" TLSv1.2 \
        TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,SSL_RSA_WITH_3DES_EDE_CBC_SHA - &
      PIDS+=($!) ;;
    *) echo "bench: unknown server $1" >&2; exit 4 ;;
  esac
  wait_port "$2"
}

# "TLSv1.2:0xC02B,0xC02F TLSv1.3:0x1301" from either tool's output, to compare sets
secperf_sets() {
  python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
print(" ".join(p["version"]+":"+",".join(sorted(s["id"].upper().replace("0X","0x") for s in p["suites"]))
      for p in d["protocols"] if p["accepted"]))' "$1"
}
sslscan_sets() {
  python3 -c 'import sys,xml.etree.ElementTree as E
t=E.parse(sys.argv[1]); by={}
for c in t.iter("cipher"): by.setdefault(c.get("sslversion"),set()).add("0x"+c.get("id")[2:].upper().zfill(4))
for p in t.iter("protocol"):
  if p.get("enabled")=="1": by.setdefault(("SSLv" if p.get("type")=="ssl" else "TLSv")+p.get("version"),set())
order=["SSLv3","TLSv1.0","TLSv1.1","TLSv1.2","TLSv1.3"]
print(" ".join(v+":"+",".join(sorted(by[v])) for v in order if v in by))' "$1"
}

now_ns() { date +%s%N; }
stats() { # label values...
  python3 -c 'import statistics,sys; v=[float(x) for x in sys.argv[1:]]
print("median %.2f s (%.2f-%.2f)" % (statistics.median(v), min(v), max(v)))' "$@"
}
median() { python3 -c 'import statistics,sys; print(statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }

echo "# tls-scan-vs-sslscan $(date -u +%FT%TZ) $(git rev-parse --short HEAD) rounds=$ROUNDS" \
  "cores=$(nproc) load: $(cut -d' ' -f1-3 /proc/loadavg)"
warmed=no
for server in $SERVERS; do
  port=$(free_port)
  start_server "$server" "$port"
  if [ "$warmed" = no ]; then
    ./secperf scan tls "127.0.0.1:$port" --ca "$WORK/ca.pem" --servername localhost --out "$WORK/warm" \
      >/dev/null 2>&1 || true
    warmed=yes
  fi
  ours=(); theirs=(); loads=()
  for round in $(seq "$ROUNDS"); do
    order="secperf sslscan"; [ $((round % 2)) -eq 0 ] && order="sslscan secperf"
    for tool in $order; do
      loads+=("$(cut -d' ' -f1 /proc/loadavg)")
      start=$(now_ns)
      if [ "$tool" = secperf ]; then
        # exit 1 is a critical finding (3DES, TLS 1.0 only, ...), not a failure of the bench
        ./secperf scan tls "127.0.0.1:$port" --ca "$WORK/ca.pem" --servername localhost --format json \
          --out "$WORK/out" >"$WORK/secperf.json" 2>"$WORK/secperf.err" || [ $? -eq 1 ]
        ours+=("$(python3 -c "print(($(now_ns)-$start)/1e9)")")
      else
        sslscan --no-colour --sni-name=localhost --xml="$WORK/sslscan.xml" "127.0.0.1:$port" >/dev/null
        theirs+=("$(python3 -c "print(($(now_ns)-$start)/1e9)")")
      fi
    done
    a=$(secperf_sets "$WORK/secperf.json"); b=$(sslscan_sets "$WORK/sslscan.xml")
    same=yes; [ "$a" = "$b" ] || same="NO: secperf [$a] sslscan [$b]"
    printf '%s round %d: secperf %.2f s, sslscan %.2f s, same sets: %s, load1 %s\n' "$server" "$round" \
      "${ours[-1]}" "${theirs[-1]}" "$same" "${loads[-1]}"
  done
  echo "$server sets: $(secperf_sets "$WORK/secperf.json")"
  if [ "${TRACE:-0}" = 1 ]; then
    grep '^secperf tls-trace: ' "$WORK/secperf.err" | sed "s/^secperf tls-trace: /$server trace: /" || true
  fi
  ratio=$(python3 -c "print('%.2f' % ($(median "${ours[@]}")/$(median "${theirs[@]}")))")
  lo=$(printf '%s\n' "${loads[@]}" | sort -n | head -1); hi=$(printf '%s\n' "${loads[@]}" | sort -n | tail -1)
  echo "$server: secperf $(stats "${ours[@]}"), sslscan $(stats "${theirs[@]}"), ratio of medians $ratio," \
    "load1 $lo-$hi"
  kill "${PIDS[-1]}" 2>/dev/null || true
  wait "${PIDS[-1]}" 2>/dev/null || true
done
echo "# load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
