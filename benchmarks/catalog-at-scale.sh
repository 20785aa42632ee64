#!/usr/bin/env bash
# Catalog reads under load, directly against a running product-service (docs/performance.md, "Catalog at scale").
# Starts nothing: give it the service's base URL. Each query (list, search, category filter, every allowed sort) is
# loaded with wrk for <seconds> with <connections> connections (2 threads), one after the other, and printed as a
# Markdown table with the load average before each row. Run it once on the demo catalog and once after
# `./platform catalog generate --products 1000000`, in the same session, for the ratios.
#
#   benchmarks/catalog-at-scale.sh http://localhost:8002 [seconds=10] [connections=8]
#
# Needs wrk (Debian: apt-get install wrk), curl and jq.
set -euo pipefail
BASE=${1:?usage: $0 <product-service base URL> [seconds] [connections]}
SECONDS_EACH=${2:-10}
CONNECTIONS=${3:-8}
BASE=${BASE%/}
for tool in wrk curl jq; do
  command -v "$tool" >/dev/null || { echo "error: $tool is not installed" >&2; exit 2; }
done

products=$(curl -fsS "$BASE/api/products?size=1&includeInactive=true" | jq -r 'if .totalExact then .totalElements else "≥ \(.totalElements)" end // .totalElements')
kitchen=$(curl -fsS "$BASE/api/categories" | jq -r '[.[] | select(.name == "Kitchen")][0].id // empty')
[ -n "$kitchen" ] || { echo "error: no category named Kitchen (the demo catalog's) at $BASE" >&2; exit 1; }
first=$(curl -fsS "$BASE/api/products?size=1" | jq -r '.content[0].id')

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
  "product by id|/api/products/$first"
)

echo "product-service $BASE, products: $products, wrk -t2 -c$CONNECTIONS -d${SECONDS_EACH}s, $(date -u +%FT%TZ)"
echo
echo "| query | req/s | p50 ms | p99 ms | non-2xx | load avg (1 min) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
for entry in "${queries[@]}"; do
  name=${entry%%|*}
  path=${entry#*|}
  load=$(cut -d' ' -f1 /proc/loadavg)
  curl -fsS -o /dev/null "$BASE$path" # fails fast on an error answer
  wrk -t2 -c"$CONNECTIONS" -d2s "$BASE$path" >/dev/null # warm-up
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency "$BASE$path")
  rps=$(awk '/^Requests\/sec/ {printf "%.0f", $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx or 3xx responses/ {print $NF}' <<<"$out")
  ms() { # wrk prints 812.00us, 12.34ms or 1.20s
    awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000; printf "%.1f", n }'
  }
  echo "| $name \`$path\` | $rps | $(ms "$p50") | $(ms "$p99") | ${errors:-0} | $load |"
done
