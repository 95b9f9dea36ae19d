#!/usr/bin/env bash
# The slow image check: builds the images (build.sh), starts a throwaway PostgreSQL
# (deploy/local/stack.sh) and a nats-server with the dev overlay's NATS configuration (its
# users and permissions), and per service runs its image with podman the way Kubernetes runs
# it — non-root, read-only root file system, no capabilities, no new privileges, keys mounted
# read-only, its own NATS user — first `migrate`, then `serve`. It passes when liveness and
# readiness answer SERVING on the plaintext health port, the whole server ("") does too (NATS
# reached with the service's user, stream in place), no NATS permission was refused, /metrics
# answers, the image has no shell, and SIGTERM ends the service with exit code 0. Prints the
# image sizes, start-up times and memory.
# Environment: VNN_STACK_DIR, VNN_PG_PORT, VNN_NATS_PORT, VNN_NATS_WS_PORT, VNN_NATS_HTTP_PORT
# (as stack.sh; each port not set is a free one, so that checks running side by side on one
# machine do not meet), VNN_BUILD_DIR, VNN_IMAGE_SKIP_BUILD=1 to reuse built binaries, VNN_IMAGE_CHECK_TAG
# (check: the images' tag, which another checkout running the check at the same time must not
# share, since images are tagged machine-wide).
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
HERE=$REPO_ROOT/deploy/images
BUILD_DIR=${VNN_BUILD_DIR:-$REPO_ROOT/build}
export VNN_STACK_DIR=${VNN_STACK_DIR:-$REPO_ROOT/.local/image-check-stack}
export STORAGE_DRIVER=${STORAGE_DRIVER:-vfs}
export CONTAINERS_CONF=$HERE/containers.conf
started=$(date +%s)

log() { printf 'image-check: %s\n' "$*" >&2; }

missing=()
for tool in podman runc buildah; do command -v $tool >/dev/null || missing+=("$tool"); done
if ((${#missing[@]} > 0)); then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

TAG=${VNN_IMAGE_CHECK_TAG:-check}
VNN_BUILD_DIR=$BUILD_DIR bash "$HERE/build.sh" "$TAG"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
export VNN_PG_PORT=${VNN_PG_PORT:-$(free_port)}
export VNN_NATS_PORT=${VNN_NATS_PORT:-$(free_port)}
export VNN_NATS_WS_PORT=${VNN_NATS_WS_PORT:-$(free_port)}
export VNN_NATS_HTTP_PORT=${VNN_NATS_HTTP_PORT:-$(free_port)}

WORK=$(mktemp -d)
containers=()
nats_pid=""
cleanup() {
  for c in "${containers[@]}"; do podman rm -f "$c" >/dev/null 2>&1 || true; done
  [[ -z $nats_pid ]] || kill "$nats_pid" 2>/dev/null || true
  bash "$REPO_ROOT/deploy/local/stack.sh" purge >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# A failed start must stop the check here: eval of an empty output would carry on.
stack_env=$(bash "$REPO_ROOT/deploy/local/stack.sh" start) || {
  log "FAILED: the stack did not start"
  exit 1
}
eval "$stack_env"
token=$BUILD_DIR/tools/vnn-token/vnn-token
mkdir -p "$WORK/keys"
for key in jwt donor citizen personal; do "$token" --generate-hs256-key "$WORK/keys/$key.key" >/dev/null; done
chmod 0755 "$WORK/keys"
chmod 0644 "$WORK/keys"/*.key  # throwaway keys; in Kubernetes they are 0440 with fsGroup

# NATS as the dev overlay configures it (single node), its files under $WORK/nats.
mkdir -p "$WORK/nats/data"  # the volume's mount point in the StatefulSet
kubectl kustomize "$REPO_ROOT/deploy/k8s/overlays/dev" | python3 -c 'import sys, yaml
[cm] = [o for o in yaml.safe_load_all(sys.stdin)
        if o and o["kind"] == "ConfigMap" and o["metadata"]["name"].startswith("nats-config")]
for name, text in cm["data"].items():
    open(sys.argv[1] + "/" + name, "w").write(text.replace("/data/", sys.argv[1] + "/data/"))
' "$WORK/nats"
for service in donation household_review allocation reporting; do
  # A letter first, as deploy/k8s/secrets.sh makes them (see base/nats/users.conf).
  printf 'v%s\n' "$(openssl rand -hex 24)" >"$WORK/keys/nats-$service"
  chmod 0644 "$WORK/keys/nats-$service"
done
nats_port=$(free_port)
(cd "$WORK/nats" && POD_NAME=nats-0 JETSTREAM_MAX_FILE_STORE=256M \
  VNN_DONATION_NATS_PASSWORD=$(cat "$WORK/keys/nats-donation") \
  VNN_HOUSEHOLD_REVIEW_NATS_PASSWORD=$(cat "$WORK/keys/nats-household_review") \
  VNN_ALLOCATION_NATS_PASSWORD=$(cat "$WORK/keys/nats-allocation") \
  VNN_REPORTING_NATS_PASSWORD=$(cat "$WORK/keys/nats-reporting") \
  VNN_TOOLS_NATS_PASSWORD=$(openssl rand -hex 24 | sed 's/^/v/') \
  exec nats-server -c nats.conf -a 127.0.0.1 -p "$nats_port" -m "$(free_port)" >"$WORK/nats.log" 2>&1) &
nats_pid=$!
NATS_URL=nats://127.0.0.1:$nats_port
for _ in $(seq 1 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$nats_port") 2>/dev/null && break
  kill -0 "$nats_pid" 2>/dev/null || break
  sleep 0.1
done
if ! kill -0 "$nats_pid" 2>/dev/null; then
  log "FAILED: nats-server with the dev overlay's configuration did not start"
  cat "$WORK/nats.log" >&2
  exit 1
fi

# podman run with the restrictions of the Deployment's securityContext.
run_restricted() {
  podman run --network host --read-only --user 65532:65532 --cap-drop ALL \
    --security-opt no-new-privileges --ulimit "nofile=$(ulimit -Hn):$(ulimit -Hn)" --ulimit nproc=4096:4096 \
    -v "$WORK/keys:/keys:ro" "$@"
}

failed=0
check_service() {
  local service=$1 image=vnn/${1//_/-}:$TAG
  local grpc_port health_port metrics_port
  grpc_port=$(free_port)
  health_port=$(free_port)
  metrics_port=$(free_port)
  local env=(
    -e VNN_DB_DSN="postgresql://vnn_$service@127.0.0.1:$VNN_DB_PORT/$VNN_DB_NAME"
    -e VNN_NATS_URL="$NATS_URL"
    -e VNN_NATS_USER="vnn_$service"
    -e VNN_NATS_PASSWORD_FILE="/keys/nats-$service"
    -e VNN_JWT_KEYS="kid=check,alg=HS256,file=/keys/jwt.key,roles=auditor"
    -e VNN_GRPC_LISTEN="127.0.0.1:$grpc_port"
    -e VNN_HEALTH_LISTEN="127.0.0.1:$health_port"
    -e VNN_METRICS_LISTEN="127.0.0.1:$metrics_port"
    -e VNN_DONOR_ID_HASH_KEY_FILE=/keys/donor.key
    -e VNN_CITIZEN_ID_HASH_KEY_FILE=/keys/citizen.key
    -e VNN_PERSONAL_DATA_KEY_FILE=/keys/personal.key
  )
  log "$service: image $(podman image inspect -f '{{.Size}}' "$image" | numfmt --to=iec) bytes"
  if ! run_restricted --rm "${env[@]}" -e VNN_DB_MIGRATION_DSN="$VNN_DB_ADMIN_DSN" "$image" migrate \
    >"$WORK/$service-migrate.log" 2>&1; then
    log "FAILED: $service migrate"
    cat "$WORK/$service-migrate.log" >&2
    return 1
  fi
  local name=vnn-image-check-$service-$$
  containers+=("$name")
  local spawned
  spawned=$(date +%s%N)
  run_restricted -d --name "$name" "${env[@]}" "$image" serve >/dev/null
  local live="" ready=""
  for _ in $(seq 1 300); do
    live=$("$HERE/health_check.py" "127.0.0.1:$health_port" liveness 1 || true)
    ready=$("$HERE/health_check.py" "127.0.0.1:$health_port" readiness 1 || true)
    [[ $live == SERVING && $ready == SERVING ]] && break
    sleep 0.2
  done
  local ms=$((($(date +%s%N) - spawned) / 1000000))
  if [[ $live != SERVING || $ready != SERVING ]]; then
    log "FAILED: $service liveness=$live readiness=$ready"
    podman logs "$name" >&2
    return 1
  fi
  log "$service: liveness and readiness SERVING on the plaintext health port ${ms} ms after start"
  local whole=""
  for _ in $(seq 1 100); do
    whole=$("$HERE/health_check.py" "127.0.0.1:$health_port" "" 1 || true)
    [[ $whole == SERVING ]] && break
    sleep 0.2
  done
  sleep 3  # consumers create and bind their durable consumers
  if [[ $whole != SERVING ]] || podman logs "$name" 2>&1 | grep -i 'permissions violation'; then
    log "FAILED: $service with its NATS user: whole server $whole"
    podman logs "$name" >&2
    return 1
  fi
  log "$service: NATS reached as vnn_$service, stream in place, no permission refused"
  if ! curl -fsS "http://127.0.0.1:$metrics_port/metrics" | grep -q '^vnn_db_pool_connections'; then
    log "FAILED: $service /metrics"
    return 1
  fi
  if podman exec "$name" /bin/sh -c true >/dev/null 2>&1; then
    log "FAILED: $service image has a shell"
    return 1
  fi
  local pid
  pid=$(podman inspect -f '{{.State.Pid}}' "$name")
  log "$service: metrics answer, no shell in the image; resident memory when idle:" \
    "$(awk '/VmRSS/ {print $2 " " $3}' "/proc/$pid/status")"
  podman stop -t 20 "$name" >/dev/null
  local code
  code=$(podman inspect -f '{{.State.ExitCode}}' "$name")
  if [[ $code != 0 ]]; then
    log "FAILED: $service exited with $code on SIGTERM"
    podman logs "$name" >&2
    return 1
  fi
  log "$service: SIGTERM ended it with exit code 0"
}

for service in donation household_review allocation reporting; do
  check_service "$service" || failed=1
done
log "took $(($(date +%s) - started)) s"
if ((failed != 0)); then
  log "FAILED"
  exit 1
fi
log "images pass"
