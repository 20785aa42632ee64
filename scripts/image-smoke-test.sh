#!/usr/bin/env bash
# Proves a built image runs: loads <deployable>/target/jib-image.tar with podman, checks the user (uid 65532, not
# root) and the OCI labels, starts it (local profile, bound to 0.0.0.0 inside the container, host network) and waits
# for 200 from /actuator/health/liveness; prints the start time. Needs root and podman (scripts/make-base-image.sh
# installs it). Exit code 0 only if every check passed.
#
#   scripts/image-smoke-test.sh [deployable] [port]      # default: discovery 8761
set -euo pipefail
cd "$(dirname "$0")/.."
app=${1:-discovery}
port=${2:-8761}
tar=$app/target/jib-image.tar
[ -s "$tar" ] || { echo "FAIL: no $tar (build it: ./mvnw -B package -Pimages -pl $app -am -DskipTests ...)" >&2; exit 1; }
source scripts/podman-env.sh
pm() { podman "${PODMAN_ARGS[@]}" "$@"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

image=$(pm load -q -i "$tar" | sed -n 's/^Loaded image[^:]*: *//p' | tail -1)
[ -n "$image" ] || fail "podman load -i $tar named no image"
echo "loaded $image ($(du -h "$tar" | cut -f1) tar)"

user=$(pm image inspect --format '{{.Config.User}}' "$image")
[ "$user" = 65532 ] || fail "image user is '$user', expected 65532"
for label in source revision version title; do
  value=$(pm image inspect --format "{{index .Labels \"org.opencontainers.image.$label\"}}" "$image")
  [ -n "$value" ] && [ "$value" != "<no value>" ] || fail "label org.opencontainers.image.$label missing"
  echo "label org.opencontainers.image.$label=$value"
done
[ "$(pm image inspect --format '{{index .Labels "org.opencontainers.image.title"}}' "$image")" = "$app" ] \
  || fail "title label is not $app"
uid=$(pm run --rm --network=none --entrypoint id "$image" -u) || fail "could not run 'id -u' in $image"
[ "$uid" = 65532 ] || fail "process runs as uid $uid, expected 65532"
echo "id -u in the container: $uid"

name=shopstack-smoke-$app-$$
cleanup() { pm rm -f "$name" >/dev/null 2>&1 || true; }
trap cleanup EXIT
# 512 MiB limit: MaxRAMPercentage=75 sizes the heap from it.
started=$(date +%s%N)
pm run -d --name "$name" --network=host --memory=512m -e SHOPSTACK_BIND_ADDRESS=0.0.0.0 -e PORT="$port" "$image" >/dev/null
url=http://127.0.0.1:$port/actuator/health/liveness
code=000
for _ in $(seq 1 240); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)
  [ "$code" = 200 ] && break
  [ "$(pm inspect --format '{{.State.Running}}' "$name")" = true ] || { pm logs "$name" | tail -40 >&2; fail "container exited"; }
  sleep 0.25 # polling an external process from bash; there is nothing to await on
done
[ "$code" = 200 ] || { pm logs "$name" | tail -40 >&2; fail "$url answered $code"; }
elapsed_ms=$((($(date +%s%N) - started) / 1000000))
echo "liveness 200 after $elapsed_ms ms (podman run to first 200): $(curl -s "$url")"
pm logs "$name" 2>&1 | grep -m1 -o 'Started [A-Za-z]* in [0-9.]* seconds[^)]*)' || true
heap=$(pm exec "$name" sh -c 'cat /proc/1/cmdline | tr "\0" " "' || true)
echo "command line: $heap"
echo "PASS: $image runs as uid 65532 with its labels and is live"
