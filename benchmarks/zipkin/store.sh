#!/usr/bin/env bash
# Zipkin's in-memory store under load, as the launcher runs it (docs/performance.md, "At rest"):
#   benchmarks/zipkin/store.sh <max-spans> [spans to push, default 250000] [heap MB, default 256]
# Starts Zipkin on port 19412 (STORAGE_TYPE=mem, MEM_MAX_SPANS=<max-spans>), pushes the spans as fast as it takes them,
# prints old generation and full-GC counts (jstat) every 5 s, idles 60 s, then the live set after a full GC.
# Needs the build (infrastructure/target/zipkin/zipkin-server.jar) and python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/jdk.sh
MAX=${1:?usage: store.sh <max-spans> [spans] [heap MB]}; N=${2:-250000}; HEAP=${3:-256}; PORT=19412
STORAGE_TYPE=mem QUERY_PORT=$PORT MEM_MAX_SPANS=$MAX "$JAVA_HOME/bin/java" -Xmx${HEAP}m -XX:+UseSerialGC \
  -XX:TieredStopAtLevel=1 -jar infrastructure/target/zipkin/zipkin-server.jar --logging.level.root=WARN \
  --spring.main.banner-mode=off "--armeria.ports[0].ip=127.0.0.1" "--armeria.ports[0].port=$PORT" \
  "--armeria.ports[0].protocols=http" > /dev/null 2>&1 &
ZIPKIN=$!
trap 'kill $ZIPKIN 2>/dev/null || true' EXIT
until curl -sf "localhost:$PORT/health" > /dev/null; do kill -0 $ZIPKIN; sleep 1; done
gc() { "$JAVA_HOME/bin/jstat" -gc $ZIPKIN 2> /dev/null | tail -1 | awk '{printf "old %.0f of %.0f MB, full GCs %s (%s s)", $8/1024, $7/1024, $15, $16}'; }
(while kill -0 $ZIPKIN 2> /dev/null; do echo "$(date +%T) $(gc)"; sleep 5; done) &
python3 benchmarks/zipkin/push_spans.py $PORT "$N"
echo "pushed; 60 s idle"; sleep 60
echo "health: $(curl -s -m 5 -o /dev/null -w '%{http_code}' localhost:$PORT/health)"
"$JAVA_HOME/bin/jcmd" $ZIPKIN GC.run > /dev/null; sleep 2
echo "after a full GC: $(gc)"
