#!/usr/bin/env bash
# The main job on one machine: bash deploy/local/up.sh [--keep-running]
#
# Installs what is missing, builds, starts the local stack (PostgreSQL and nats-server on
# loopback, see stack.sh), starts every VNN service that exists with migrations applied, waits
# until each is SERVING, and runs what the services can do so far for the seed campaign
# (Định Quán district, đợt cao điểm 03/02–19/05/2024). Without --keep-running it stops the
# services and the stack at the end; with it, they stay up for exploring (Ctrl-C stops them).
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
BUILD_DIR=${VNN_BUILD_DIR:-$REPO_ROOT/build}
STACK="$REPO_ROOT/deploy/local/stack.sh"
STATE="$REPO_ROOT/.local"
KEEP_RUNNING=false
[[ ${1:-} == --keep-running ]] && KEEP_RUNNING=true

say() { printf '\n== %s ==\n' "$*"; }

bash "$REPO_ROOT/tools/install-deps.sh"
VNN_BUILD_DIR=$BUILD_DIR bash "$REPO_ROOT/tools/build.sh"
eval "$(bash "$STACK" start)"

BIN_TOKEN="$BUILD_DIR/tools/vnn-token/vnn-token"
BIN_CTL="$BUILD_DIR/tools/vnnctl/vnnctl"
mkdir -p "$STATE/keys" "$STATE/logs" "$STATE/run"
# A signing key for this machine only: development tokens are minted with it.
KEY="$STATE/keys/dev-hs256.key"
[[ -f $KEY ]] || "$BIN_TOKEN" --generate-hs256-key "$KEY"
export VNN_JWT_KEYS="kid=local,alg=HS256,file=$KEY"
# The key of the hash that matches donors' citizen ids (never stored in clear).
DONOR_KEY="$STATE/keys/donor-id-hash.key"
[[ -f $DONOR_KEY ]] || "$BIN_TOKEN" --generate-hs256-key "$DONOR_KEY"
export VNN_DONOR_ID_HASH_KEY_FILE=$DONOR_KEY
export VNN_DB_MIGRATION_DSN=$VNN_DB_ADMIN_DSN

# name port metrics-port: starts build/services/<name>/vnn-<name> in the background.
start_service() {
  local name=$1 port=$2 metrics=$3 pidfile="$STATE/run/$1.pid"
  if [[ -f $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "vnn-$name already running (pid $(cat "$pidfile"))"
    return
  fi
  VNN_DB_DSN="postgresql://vnn_${name//-/_}@$VNN_DB_HOST:$VNN_DB_PORT/$VNN_DB_NAME" \
  VNN_GRPC_LISTEN="127.0.0.1:$port" VNN_METRICS_LISTEN="127.0.0.1:$metrics" \
    setsid "$BUILD_DIR/services/$name/vnn-$name" >>"$STATE/logs/$name.log" 2>&1 &
  echo $! >"$pidfile"
  "$BIN_CTL" --target "127.0.0.1:$port" health --wait 15 ||
    { tail -n 20 "$STATE/logs/$name.log"; exit 1; }
}

stop_services() {
  for pidfile in "$STATE"/run/*.pid; do
    [[ -f $pidfile ]] || continue
    kill -TERM "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  done
  sleep 1
  bash "$STACK" stop >/dev/null 2>&1 || true
}

say "Khởi động dịch vụ (services)"
start_service donation 17051 17464

TOKEN=$("$BIN_TOKEN" --key "kid=local,alg=HS256,file=$KEY" --subject "vp-mttq-dinh-quan" \
  --role district_office --unit 736 --ttl 1h)
export VNN_TOKEN=$TOKEN VNN_TARGET=127.0.0.1:17051

say "Đơn vị hành chính huyện Định Quán trong đợt vận động (03/02/2024)"
"$BIN_CTL" units list --parent 736 --on 2024-02-03
say "Các xã thay thế từ 01/07/2025 (Nghị quyết 1662/NQ-UBTVQH15)"
"$BIN_CTL" units list --parent 75 --on 2025-07-01
say "Chỉ số dịch vụ (metrics)"
curl -fsS http://127.0.0.1:17464/metrics | grep -E '^vnn_(rpc_requests_total|db_pool)' || true

if $KEEP_RUNNING; then
  say "Đang chạy. Ctrl-C để dừng. Logs: $STATE/logs"
  trap 'stop_services; exit 0' INT TERM
  while true; do sleep 3600; done
fi
stop_services
say "Xong (done)"
