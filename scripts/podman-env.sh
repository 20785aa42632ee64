# Sourced: podman as it runs on these machines (Debian podman 4.3 as root). crun fails here (cgroups hybrid mode,
# setrlimit), so runc with cgroupfs, and a containers.conf without default ulimits. Use: podman "${PODMAN_ARGS[@]}" ...
_shopstack_conf=${SHOPSTACK_CACHE:-$HOME/.cache/shopstack}/containers.conf
if [ ! -s "$_shopstack_conf" ]; then
  mkdir -p "$(dirname "$_shopstack_conf")"
  printf '[containers]\ndefault_ulimits = []\n' >"$_shopstack_conf"
fi
export CONTAINERS_CONF=${CONTAINERS_CONF:-$_shopstack_conf}
PODMAN_ARGS=(--runtime /usr/sbin/runc --cgroup-manager=cgroupfs)
unset _shopstack_conf
