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

# The seed plan: the district fund and its account (as printed in the plan), two commune funds,
# the peak period with its two milestones, and the member organisations that mobilise.
# Request ids are fixed, so running this again replays instead of recording twice.
say "Quỹ và đợt vận động (theo Kế hoạch của Ban vận động Quỹ huyện)"
CAMPAIGN=dot-cao-diem-2024
"$BIN_CTL" fund create --request-id seed-fund-736 --id fund-736 --unit 736 --on 2024-02-03 \
  --name 'Quỹ "Vì người nghèo" huyện Định Quán' \
  --account '1000007061600643|Quỹ "Vì người nghèo" huyện Định Quán|Ngân hàng Chính sách xã hội|Phòng giao dịch huyện Định Quán'
"$BIN_CTL" fund create --request-id seed-fund-26206 --id fund-26206 --unit 26206 --on 2024-02-03 \
  --name 'Quỹ "Vì người nghèo" thị trấn Định Quán'
"$BIN_CTL" fund create --request-id seed-fund-26242 --id fund-26242 --unit 26242 --on 2024-02-03 \
  --name 'Quỹ "Vì người nghèo" xã Phú Túc'
"$BIN_CTL" fund list
"$BIN_CTL" campaign create --request-id seed-campaign --id "$CAMPAIGN" \
  --name 'Đợt cao điểm vận động Quỹ "Vì người nghèo" từ ngày 03/02 đến ngày 19/05/2024' \
  --unit 736 --from 2024-02-03 --to 2024-05-19 --fund fund-736 --fund fund-26206 \
  --fund fund-26242 --lists-due 2024-02-22 --report-due 2024-05-19
"$BIN_CTL" mobiliser create --request-id seed-hlhpn --id hoi-lhpn-huyen \
  --kind member_organisation --name 'Hội Liên hiệp Phụ nữ huyện' --unit 736
"$BIN_CTL" mobiliser create --request-id seed-hnd --id hoi-nong-dan-huyen \
  --kind member_organisation --name 'Hội Nông dân huyện' --unit 736

# Illustrative donations (dữ liệu minh họa): not real donors, just the channels the plan names.
say "Tiếp nhận ủng hộ (dữ liệu minh họa)"
"$BIN_CTL" donation record --request-id demo-1 --campaign "$CAMPAIGN" --fund fund-736 \
  --channel transfer --account 1000007061600643 --reference FT24064000001 --amount 20000000 \
  --on 2024-03-04 --donor-kind business --donor-name 'Doanh nghiệp A (minh họa)' \
  --mobiliser hoi-lhpn-huyen
"$BIN_CTL" donation record --request-id demo-2 --campaign "$CAMPAIGN" --fund fund-736 \
  --amount 3500000 --on 2024-03-11 --donor-kind agency \
  --donor-name 'Cán bộ, công chức cơ quan B — một ngày lương (minh họa)'
"$BIN_CTL" donation record --request-id demo-3 --campaign "$CAMPAIGN" --fund fund-26242 \
  --amount 30000 --on 2024-03-15 --donor-kind household --donor-name 'Hộ gia đình C (minh họa)' \
  --mobiliser hoi-nong-dan-huyen
"$BIN_CTL" donation record --request-id demo-4 --campaign "$CAMPAIGN" --fund fund-26206 \
  --amount 500000 --on 2024-04-02 --donor-kind anonymous
"$BIN_CTL" donation list --campaign "$CAMPAIGN"
say "Tổng hợp theo quỹ"
"$BIN_CTL" totals --campaign "$CAMPAIGN"

say "Chỉ số dịch vụ (metrics)"
curl -fsS http://127.0.0.1:17464/metrics | grep -E '^vnn_(rpc_requests_total|db_pool)' || true

if $KEEP_RUNNING; then
  say "Đang chạy. Ctrl-C để dừng. Logs: $STATE/logs"
  trap 'stop_services; exit 0' INT TERM
  while true; do sleep 3600; done
fi
stop_services
say "Xong (done)"
