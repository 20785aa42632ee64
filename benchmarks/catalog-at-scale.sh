#!/usr/bin/env bash
# Catalog reads under load, directly against running product-service instances (docs/performance.md, "Catalog at
# scale"). Starts nothing: give it one base URL, or two (e.g. one on the 36-product demo catalog and one on the same
# code with `./platform catalog generate --products 1000000`): then each query is loaded on both, one right after the
# other, and the table has the ratio of their throughputs (second / first), measured under the same conditions.
#
#   benchmarks/catalog-at-scale.sh http://localhost:8002 [http://localhost:8012]
#
# Each query (list, search, category filter, every allowed sort, one product) gets wrk -t2 for DURATION seconds
# (default 10) with CONNECTIONS connections (default 8), after WARMUP seconds (default 5) of every query on every
# target first (a fresh JVM is still compiling). The 1-minute load average before each row is printed beside it.
# Needs wrk (Debian: apt-get install wrk), curl and jq.
set -euo pipefail
[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: $0 <product-service base URL> [<second base URL>]" >&2; exit 2; }
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-8}
WARMUP=${WARMUP:-5}
for tool in wrk curl jq; do
  command -v "$tool" >/dev/null || { echo "error: $tool is not installed" >&2; exit 2; }
done
targets=()
for url in "$@"; do targets+=("${url%/}"); done

# The queries use the demo catalog's Kitchen category and the first product; both must exist on every target.
kitchen=$(curl -fsS "${targets[0]}/api/categories" | jq -r '[.[] | select(.name == "Kitchen")][0].id // empty')
[ -n "$kitchen" ] || { echo "error: no category named Kitchen (the demo catalog's) at ${targets[0]}" >&2; exit 1; }
first=$(curl -fsS "${targets[0]}/api/products?size=1" | jq -r '.content[0].id')
queries=(
  "list|/api/products?size=20"
  "search q=mug|/api/products?size=20&q=mug"
  "category|/api/products?size=20&categoryId=$kitchen"
  "category + price,desc|/api/products?size=20&categoryId=$kitchen&sort=price,desc"
  "sort id,desc|/api/products?size=20&sort=id,desc"
  "sort name,asc|/api/products?size=20&sort=name,asc"
  "sort name,desc|/api/products?size=20&sort=name,desc"
  "sort price,asc|/api/products?size=20&sort=price,asc"
  "sort price,desc|/api/products?size=20&sort=price,desc"
  "sort createdAt,asc|/api/products?size=20&sort=createdAt,asc"
  "sort createdAt,desc|/api/products?size=20&sort=createdAt,desc"
  "search + sort price,desc|/api/products?size=20&q=mug&sort=price,desc"
  "product by id|/api/products/$first"
)

ms() { # wrk prints 812.00us, 12.34ms or 1.20s
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.1f", n }'
}
# One measurement: "req/s|p50|p99|errors"
measure() {
  local out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$1")
  printf '%s|%s|%s|%s\n' \
    "$(awk '/^Requests\/sec/ {printf "%.0f", $2}' <<<"$out")" \
    "$(ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")" \
    "$(ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")" \
    "$(awk '/Non-2xx or 3xx responses/ {print $NF}' <<<"$out" | grep . || echo 0)"
}

for target in "${targets[@]}"; do
  for entry in "${queries[@]}"; do
    curl -fsS -o /dev/null "$target${entry#*|}" # fails fast on an error answer
    wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" "$target${entry#*|}" >/dev/null
  done
done

echo "wrk -t2 -c$CONNECTIONS -d${DURATION}s per row, $(date -u +%FT%TZ), $(nproc) cores"
for i in "${!targets[@]}"; do
  products=$(curl -fsS "${targets[$i]}/api/products?size=1&includeInactive=true" \
    | jq -r 'if .totalExact == false then "more than \(.totalElements)" else "\(.totalElements)" end')
  echo "target $((i + 1)): ${targets[$i]} ($products products)"
done
echo
if [ ${#targets[@]} -eq 1 ]; then
  echo "| query | req/s | p50 ms | p99 ms | non-2xx | load avg |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
else
  echo "| query | 1: req/s | 1: p50 ms | 1: p99 ms | 2: req/s | 2: p50 ms | 2: p99 ms | 2 / 1 | non-2xx | load avg |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
fi
for entry in "${queries[@]}"; do
  name=${entry%%|*}
  path=${entry#*|}
  load=$(cut -d' ' -f1 /proc/loadavg)
  IFS='|' read -r rps1 p50_1 p99_1 err1 <<<"$(measure "${targets[0]}$path")"
  if [ ${#targets[@]} -eq 1 ]; then
    echo "| $name \`$path\` | $rps1 | $p50_1 | $p99_1 | $err1 | $load |"
  else
    IFS='|' read -r rps2 p50_2 p99_2 err2 <<<"$(measure "${targets[1]}$path")"
    ratio=$(awk -v a="$rps1" -v b="$rps2" 'BEGIN { if (a > 0) printf "%.0f %%", 100 * b / a; else print "-" }')
    echo "| $name \`$path\` | $rps1 | $p50_1 | $p99_1 | $rps2 | $p50_2 | $p99_2 | $ratio | $((err1 + err2)) | $load |"
  fi
done
