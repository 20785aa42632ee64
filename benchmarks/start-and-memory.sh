#!/usr/bin/env bash
# Start time and memory of the whole platform (docs/performance.md, "Start and memory"). Starts `./platform up` on a
# fresh state folder and on ports moved by OFFSET (default 20000, so it never meets a platform on the default ports),
# times it until "shopstack is up", prints every service's own "Started … in N seconds", then waits SETTLE seconds
# (default 20) and sums the resident memory (RSS, and PSS, which counts shared pages once) of every platform process:
# the launcher (Kafka runs in it), PostgreSQL and its backends, Redis, Zipkin, Prometheus, every service. Then
# `./platform down`. Extra arguments go to `./platform up` (e.g. --jit=full). The build must be done (`./platform build`).
#
#   benchmarks/start-and-memory.sh [up options]
#
# KEEP=1 leaves the platform running (stop it with the `down` command the script prints).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
OFFSET=${OFFSET:-20000}
SETTLE=${SETTLE:-20}
export SHOPSTACK_HOME=${SHOPSTACK_HOME:-$(mktemp -d /tmp/shopstack-start.XXXXXX)}
for pair in SHOPSTACK_POSTGRES_PORT:5432 SHOPSTACK_KAFKA_PORT:9092 SHOPSTACK_KAFKA_CONTROLLER_PORT:9093 \
  SHOPSTACK_REDIS_PORT:6379 SHOPSTACK_ZIPKIN_PORT:9411 CONFIG_SERVER_PORT:8888 EUREKA_PORT:8761 \
  AUTH_SERVER_PORT:9000 PRODUCT_SERVICE_PORT:8002 CART_SERVICE_PORT:8003 ORDER_SERVICE_PORT:8004 GATEWAY_PORT:8080 \
  ADMIN_PORT:9090 PROMETHEUS_PORT:9091; do
  export "${pair%%:*}=$((${pair##*:} + OFFSET))"
done
mkdir -p "$SHOPSTACK_HOME"
out=$SHOPSTACK_HOME/up.out
down() { ./platform down >/dev/null 2>&1 || true; }
[ "${KEEP:-0}" = 1 ] || trap down EXIT

echo "state $SHOPSTACK_HOME, ports +$OFFSET, $(nproc) cores, $(date -u '+%F %T') UTC"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# `up` builds what is out of date, judged by a stamp in the state folder: this checkout's stamp is reused, and
# `up --help` does the build (if one is due) first, so that the timed start is the start alone.
[ -f "$ROOT/.shopstack/build.stamp" ] && cp -p "$ROOT/.shopstack/build.stamp" "$SHOPSTACK_HOME/"
./platform up --help >/dev/null
mkdir -p "$ROOT/.shopstack" && cp -p "$SHOPSTACK_HOME/build.stamp" "$ROOT/.shopstack/"
began=$(date +%s.%N)
./platform up "$@" >"$out" 2>&1 &
launcher=$!
until grep -q 'shopstack is up' "$out" 2>/dev/null; do
  if ! kill -0 "$launcher" 2>/dev/null; then cat "$out"; echo "error: ./platform up failed" >&2; exit 1; fi
  sleep 0.2
done
ended=$(date +%s.%N)
grep -E 'ready on|starting|is up|warning|error' "$out" | sed 's/^/  /'
printf 'up: %.1f s wall (the script'"'"'s clock, from the command to "shopstack is up"), load average after: %s\n' \
  "$(echo "$ended - $began" | bc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
echo "Started … in (each service's own log):"
for log in "$SHOPSTACK_HOME"/logs/*.log; do
  line=$(grep -ohE 'Started [A-Za-z]+ in [0-9.]+ seconds \(process running for [0-9.]+\)' "$log" | tail -1 || true)
  [ -n "$line" ] && printf '  %-18s %s\n' "$(basename "$log" .log)" "$line"
done

# Every process of the platform: the launcher's process tree (services, Redis, Zipkin and Prometheus are its
# descendants), and PostgreSQL's postmaster (it detaches from the launcher) with its backends. Prints one line per
# process: name, CPU seconds used so far (user + system), RSS kB, PSS kB.
lpid=$(cat "$SHOPSTACK_HOME/infrastructure/run/launcher.pid")
pgpid=$(awk '$1 == "postgres" {print $2}' "$SHOPSTACK_HOME/infrastructure/run/infrastructure.pids")
tree() { echo "$1"; for c in $(cat /proc/"$1"/task/*/children 2>/dev/null); do tree "$c"; done; }
hz=$(getconf CLK_TCK)
processes() {
  for pid in $(tree "$lpid"; [ -n "$pgpid" ] && tree "$pgpid"); do
    [ -r /proc/"$pid"/smaps_rollup ] || continue
    cmd=$(tr '\0' ' ' </proc/"$pid"/cmdline)
    case "$cmd" in
      *PlatformMain*) name="launcher+kafka" ;;
      *postgres*) name=postgresql ;;
      *redis*) name=redis ;;
      *zipkin*) name=zipkin ;;
      *prometheus*) name=prometheus ;;
      *) name=$(grep -oE 'config-server|discovery|auth-server|product-service|cart-service|order-service|gateway|observability' \
           <<<"$cmd" | head -1) ;;
    esac
    # utime and stime: fields 14 and 15 of /proc/<pid>/stat (after the command in parentheses)
    ticks=$(sed -E 's/^.*\) //' /proc/"$pid"/stat | awk '{print $12 + $13}')
    awk -v n="${name:-other}" -v t="$ticks" -v hz="$hz" '/^Rss:/ {r=$2} /^Pss:/ {p=$2} END {printf "%s %.2f %d %d\n", n, t/hz, r, p}' \
      /proc/"$pid"/smaps_rollup
  done
}
summary() { # $1 = title of the CPU column, $2 = title of the memory columns
  awk -v c="$1" -v m="$2" '{cpu[$1]+=$2; rss[$1]+=$3; pss[$1]+=$4; n[$1]++}
    END {printf "  %-16s %6s %10s %10s %10s\n", "process", "procs", c, "RSS MB " m, "PSS MB"
         for (k in cpu) {printf "  %-16s %6d %10.1f %10d %10d\n", k, n[k], cpu[k], rss[k]/1024, pss[k]/1024 | "sort"; tc+=cpu[k]; tr+=rss[k]; tp+=pss[k]}
         close("sort")
         printf "  %-16s %6s %10.1f %10d %10d   (%.2f GiB RSS, %.2f GiB PSS)\n", "total", "", tc, tr/1024, tp/1024, tr/1048576, tp/1048576}'
}
echo "CPU used until up, and memory at that moment (load average $(cut -d' ' -f1-3 /proc/loadavg)):"
processes | summary "CPU s" ""
sleep "$SETTLE"
echo "After $SETTLE s more (load average $(cut -d' ' -f1-3 /proc/loadavg)):"
processes | summary "CPU s" ""
if [ "${KEEP:-0}" = 1 ]; then
  echo "still running; stop it with: SHOPSTACK_HOME=$SHOPSTACK_HOME ./platform down"
fi
