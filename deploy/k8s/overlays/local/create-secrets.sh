#!/usr/bin/env bash
# Creates every Secret the shopstack manifests reference, with fresh random values, in namespace shopstack of the
# current kubectl context (a local kind/minikube cluster). Nothing is written into the repository: the generated
# passwords operators and Prometheus need are kept in deploy/k8s/overlays/local/.secrets/ (git-ignored, owner-only).
# Run once before the first `kubectl apply -k deploy/k8s/overlays/local`; re-running replaces the Secrets (restart
# the Deployments afterwards). Needs openssl and a bcrypt hasher: htpasswd (Debian: apache2-utils) or Python's bcrypt.
set -euo pipefail
cd "$(dirname "$0")"
NS=${NS:-shopstack}
OUT=.secrets
mkdir -p "$OUT" && chmod 700 "$OUT"

rand() { openssl rand -hex 24; }
bcrypt() {
  if command -v htpasswd >/dev/null; then htpasswd -nbBC 12 x "$1" | cut -d: -f2 | tr -d '\n'
  else python3 -c 'import bcrypt,sys; print(bcrypt.hashpw(sys.argv[1].encode(), bcrypt.gensalt(12)).decode(), end="")' "$1"
  fi
}
secret() { # name, then --from-literal/--from-file arguments
  local name=$1; shift
  kubectl -n "$NS" create secret generic "$name" "$@" --dry-run=client -o yaml | kubectl apply -f -
}
remember() { echo "$2" > "$OUT/$1"; chmod 600 "$OUT/$1"; }

kubectl get namespace "$NS" >/dev/null 2>&1 || kubectl create namespace "$NS"

config_password=$(rand); remember config-server-password "$config_password"
secret shopstack-config-server-credentials --type=kubernetes.io/basic-auth \
  --from-literal=username=config --from-literal=password="$config_password"
secret shopstack-config-server --from-literal=encrypt-key="$(rand)"

hashes=()
for identity in auth-server product-service cart-service order-service gateway observability prometheus operator; do
  password=$(rand); remember "eureka-$identity-password" "$password"
  hashes+=(--from-literal="$identity=$(bcrypt "$password")")
  case $identity in prometheus|operator) ;; *) secret "shopstack-eureka-$identity" --from-literal=password="$password" ;; esac
done
secret shopstack-eureka-password-hashes "${hashes[@]}"

# Database logins: the same names and keys a CloudNativePG Cluster takes as bootstrap.initdb.secret.
for db in auth product cart orders; do
  password=$(rand); remember "$db-db-password" "$password"
  secret "shopstack-$db-db" --type=kubernetes.io/basic-auth --from-literal=username="$db" --from-literal=password="$password"
done

redis_password=$(rand); remember redis-password "$redis_password"
secret shopstack-redis --from-literal=password="$redis_password"

client_hashes=()
for client in product-service operator observability prometheus shopstack-web; do
  password=$(rand); remember "client-$client-secret" "$password"
  client_hashes+=(--from-literal="$client={bcrypt}$(bcrypt "$password")")
  if [ "$client" = shopstack-web ]; then secret shopstack-web-client --from-literal=client-secret="$password"; fi
done
secret shopstack-auth-client-secret-hashes "${client_hashes[@]}"

[ -f "$OUT/signing-key.pem" ] || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$OUT/signing-key.pem" 2>/dev/null
chmod 600 "$OUT/signing-key.pem"
secret shopstack-auth-signing-key --from-file=signing-key.pem="$OUT/signing-key.pem"

admin_password=$(rand); remember admin-password "$admin_password"
secret shopstack-observability --from-literal=admin-username=admin --from-literal=admin-password="$admin_password" \
  --from-literal=client-secret="$(cat "$OUT/client-observability-secret")"

echo "Secrets created in namespace $NS; passwords for people and Prometheus are in $(pwd)/$OUT/"
