#!/usr/bin/env bash
# Makes a local JRE base image for Jib when no image registry is reachable (as on the build machines):
# Debian bookworm (debootstrap minbase, from the Debian mirror apt is configured with) + a jlink runtime of the
# Temurin 25 JDK in /opt/java, imported with podman and saved as a docker-archive tar that Jib reads as
# `-Dshopstack.image.base=tar:///path/base.tar`. Real users keep the default public base (eclipse-temurin:25-jre).
#
# Idempotent: the tar is cached under $SHOPSTACK_CACHE (default ~/.cache/shopstack/base-image) and rebuilt only when
# its inputs change (this script, the JDK release, the mirror). Prints the tar's path as its last line of stdout.
# Runs as root (debootstrap, podman); installs debootstrap, podman and runc with apt when missing.
#
#   scripts/make-base-image.sh            # build once, then reuse
#   scripts/make-base-image.sh --force    # rebuild
set -euo pipefail

force=false
[ "${1:-}" = "--force" ] && force=true

cache=${SHOPSTACK_CACHE:-$HOME/.cache/shopstack}/base-image
jdk=${SHOPSTACK_BASE_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
image=${SHOPSTACK_BASE_IMAGE_NAME:-localhost/shopstack/base-jre:25-bookworm}
tar_out=$cache/base.tar
log() { echo "make-base-image: $*" >&2; }

if [ "$(id -u)" != 0 ]; then
  log "must run as root (debootstrap and podman need it)"
  exit 1
fi
[ -x "$jdk/bin/jlink" ] || { log "no JDK with jlink at $jdk (set SHOPSTACK_BASE_JDK)"; exit 1; }

# The Debian mirror apt uses here (deb822 .sources or a classic .list); deb.debian.org otherwise.
debian_mirror() {
  local f uri
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    uri=$(awk 'BEGIN{RS=""} /Suites:[^\n]*bookworm( |\n|$)/ && !/security/ {
            if (match($0, /URIs: *[^ \n]+/)) { s = substr($0, RSTART, RLENGTH); sub(/URIs: */, "", s); print s; exit } }' "$f")
    [ -n "$uri" ] && { echo "$uri"; return; }
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    uri=$(awk '$1 == "deb" && $3 == "bookworm" {print $2; exit}' "$f")
    [ -n "$uri" ] && { echo "$uri"; return; }
  done
  echo http://deb.debian.org/debian
}
mirror=$(debian_mirror)

# Cache key: everything that changes the result.
key=$( { sha256sum "$0" | cut -d' ' -f1; cat "$jdk/release"; echo "$mirror $image"; } | sha256sum | cut -d' ' -f1)
if ! $force && [ -s "$tar_out" ] && [ "$(cat "$cache/key" 2>/dev/null)" = "$key" ]; then
  log "cached: $tar_out ($(du -h "$tar_out" | cut -f1))"
  echo "$tar_out"
  exit 0
fi

missing=()
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
command -v podman >/dev/null 2>&1 || missing+=(podman)
[ -x /usr/sbin/runc ] || missing+=(runc)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} with apt"
  # Never start services from package scripts (as .ci/run does for prometheus).
  [ -e /usr/sbin/policy-rc.d ] || { printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; }
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; }
fi

# Podman as it runs here: runc (crun fails on this cgroup hybrid setup), cgroupfs, no default ulimits.
source "$(dirname "$0")/podman-env.sh"

start=$(date +%s)
mkdir -p "$cache"
work=$(mktemp -d "$cache/work.XXXXXX")
trap 'rm -rf "$work"' EXIT
rootfs=$work/rootfs

log "debootstrap bookworm from $mirror"
debootstrap --variant=minbase --include=ca-certificates bookworm "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
  || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
# Not needed at run time; keeps the image smaller.
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* \
  "$rootfs"/usr/share/man/* "$rootfs"/usr/share/locale/*

# All JDK modules but the development tools. Temurin 25 has no jmods: jlink links from the run-time image (JEP 493).
log "jlink runtime from $jdk"
modules=$("$jdk/bin/java" --list-modules | sed 's/@.*//' \
  | grep -v -x -E 'jdk\.(jlink|jpackage|jshell|javadoc|jdeps|jartool|jstatd|editpad|hotspot\.agent|internal\.ed|internal\.le|internal\.opt|compiler)' \
  | paste -sd, -)
module_path=()
[ -d "$jdk/jmods" ] && module_path=(--module-path "$jdk/jmods")
"$jdk/bin/jlink" "${module_path[@]}" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6 --output "$rootfs/opt/java"
# A named account for uid 65532 (the images' user), so tools that look the user up find a home.
echo 'nonroot:x:65532:65532:nonroot:/home/nonroot:/usr/sbin/nologin' >>"$rootfs/etc/passwd"
echo 'nonroot:x:65532:' >>"$rootfs/etc/group"
install -d -o 65532 -g 65532 -m 0750 "$rootfs/home/nonroot"

log "podman import as $image"
tar -C "$rootfs" -c . | podman "${PODMAN_ARGS[@]}" import \
  --change 'ENV PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV JAVA_HOME=/opt/java' \
  --change 'ENV LANG=C.UTF-8' \
  - "$image" >/dev/null
rm -f "$tar_out"
podman "${PODMAN_ARGS[@]}" save --format docker-archive -o "$work/base.tar" "$image"
mv "$work/base.tar" "$tar_out"
echo "$key" >"$cache/key"
log "built $tar_out in $(($(date +%s) - start)) s: rootfs $(du -sh "$rootfs" | cut -f1), java $(du -sh "$rootfs/opt/java" | cut -f1), tar $(du -h "$tar_out" | cut -f1)"
echo "$tar_out"
