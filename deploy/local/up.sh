#!/usr/bin/env bash
# The main job on one machine: bash deploy/local/up.sh [--restated] [--keep-running]
#
# Installs what is missing, builds, starts the local stack (PostgreSQL and nats-server on
# loopback, see stack.sh) and the four VNN services with migrations applied, waits until each is
# SERVING, and plays the seed's campaign through them with vnn-campaign (Định Quán district, đợt
# cao điểm 03/02–19/05/2024: funds, the communes' household lists, reviews, donations of every
# channel, support under the regulation, results reports; data generated from a fixed seed).
# Then, through vnnctl and in Vietnamese: the district's progress and lagging units, the final
# report (also written as XLSX and CSV under .local/out/), the commendation lists, the public
# disclosure of the district fund, and reconciliation (zero differences, or the job fails).
# --restated shows the same figures rolled up into the communes that replaced them on 01/07/2025.
#
# Every run starts from empty data: the stack of an earlier run is deleted first (the keys under
# .local/keys are kept). Without --keep-running it stops the services and the stack at the end;
# with it, they stay up for exploring until Ctrl-C or SIGTERM.
#
# The services listen on 127.0.0.1:17051 (donation), 17052 (household-review), 17053
# (allocation) and 17054 (reporting), metrics on 17464, 17465, 17466, 17467; VNN_UP_PORT_SHIFT
# (0) moves all eight, e.g. for a second copy beside the first (with its own VNN_PG_PORT,
# VNN_NATS_PORT… for stack.sh, and its own VNN_STACK_DIR). VNN_CAMPAIGN_SEED (20240203),
# VNN_CAMPAIGN_DONORS (1200) and VNN_CAMPAIGN_HOUSEHOLDS (320) change the generated data.
set -euo pipefail

REPO_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
BUILD_DIR=${VNN_BUILD_DIR:-$REPO_ROOT/build}
STACK="$REPO_ROOT/deploy/local/stack.sh"
STATE="$REPO_ROOT/.local"
PORT_SHIFT=${VNN_UP_PORT_SHIFT:-0}
[[ $PORT_SHIFT =~ ^[0-9]+$ ]] || { echo "VNN_UP_PORT_SHIFT must be a number" >&2; exit 2; }
port() { echo $(($1 + PORT_SHIFT)); }
DONATION_PORT=$(port 17051) HOUSEHOLD_PORT=$(port 17052) ALLOCATION_PORT=$(port 17053)
REPORTING_PORT=$(port 17054)
KEEP_RUNNING=false
RESTATED=false
for argument in "$@"; do
  case $argument in
  --keep-running) KEEP_RUNNING=true ;;
  --restated) RESTATED=true ;;
  *)
    echo "usage: bash deploy/local/up.sh [--restated] [--keep-running]" >&2
    exit 2
    ;;
  esac
done

say() { printf '\n== %s ==\n' "$*"; }

bash "$REPO_ROOT/tools/install-deps.sh"
# Only what this job runs; the test command builds the rest.
VNN_BUILD_DIR=$BUILD_DIR VNN_BUILD_TARGETS="${VNN_BUILD_TARGETS:-vnn-donation vnn-household-review vnn-allocation vnn-reporting vnnctl vnn-token vnn-campaign}" \
  bash "$REPO_ROOT/tools/build.sh"
# Stops the services (SIGTERM: they drain and exit) and waits for them, then the stack.
stop_services() {
  local pids=() pidfile
  for pidfile in "$STATE"/run/*.pid; do
    [[ -f $pidfile ]] || continue
    pids+=("$(cat "$pidfile")")
    kill -TERM "${pids[-1]}" 2>/dev/null || true
    rm -f "$pidfile"
  done
  local pid i
  for pid in "${pids[@]}"; do
    for ((i = 0; i < 100; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  done
  bash "$STACK" stop >/dev/null 2>&1 || true
}

# A campaign is played once per set of data: an earlier run's data is deleted, not reused.
mkdir -p "$STATE/run"
STACK_DIR=${VNN_STACK_DIR:-$STATE/stack}
if [[ -e $STACK_DIR ]]; then
  stop_services
  echo "up: dữ liệu của lần chạy trước ($STACK_DIR) được xóa; chạy lại từ đầu (reset)"
  bash "$STACK" purge >/dev/null
else
  echo "up: chưa có dữ liệu; bắt đầu từ đầu"
fi
eval "$(bash "$STACK" start)"
# Whatever fails from here on, the services and the stack stop with the job.
trap stop_services EXIT

BIN_TOKEN="$BUILD_DIR/tools/vnn-token/vnn-token"
BIN_CTL="$BUILD_DIR/tools/vnnctl/vnnctl"
mkdir -p "$STATE/keys" "$STATE/logs" "$STATE/run"
# Token keys for this machine only, ES256 so that a service holds public keys only: the
# officers' issuer key (development tokens are minted with it by vnn-token), donation's and
# allocation's own keys for their service tokens to household review, and reporting's for its
# service tokens to donation and allocation (reconciliation). Each verification key says
# which roles and issuers it may sign for, so no key can make another's tokens.
es256_key() { # private-key public-key
  [[ -f $1 ]] || (umask 077 && openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
    -out "$1" 2>/dev/null)
  [[ -f $2 ]] || openssl pkey -in "$1" -pubout -out "$2"
}
OFFICERS_KEY="$STATE/keys/officers-es256.key"
es256_key "$OFFICERS_KEY" "$STATE/keys/officers-es256.pub"
DONATION_KEY="$STATE/keys/donation-es256.key"
es256_key "$DONATION_KEY" "$STATE/keys/donation-es256.pub"
OFFICER_ROLES="district_office|commune_officer|social_affairs_officer|member_organisation|agency|auditor|integration|public"
OFFICERS_PUBLIC="kid=local-officers,alg=ES256,file=$STATE/keys/officers-es256.pub,iss=vnn-local,roles=$OFFICER_ROLES"
DONATION_PUBLIC="kid=local-donation,alg=ES256,file=$STATE/keys/donation-es256.pub,iss=donation,roles=service"
ALLOCATION_KEY="$STATE/keys/allocation-es256.key"
es256_key "$ALLOCATION_KEY" "$STATE/keys/allocation-es256.pub"
ALLOCATION_PUBLIC="kid=local-allocation,alg=ES256,file=$STATE/keys/allocation-es256.pub,iss=allocation,roles=service"
REPORTING_KEY="$STATE/keys/reporting-es256.key"
es256_key "$REPORTING_KEY" "$STATE/keys/reporting-es256.pub"
REPORTING_PUBLIC="kid=local-reporting,alg=ES256,file=$STATE/keys/reporting-es256.pub,iss=reporting,roles=service"
# vnn-token signs officers' tokens with the issuer key.
SIGN_OFFICERS="kid=local-officers,alg=ES256,file=$OFFICERS_KEY"
# The key of the hash that matches donors' citizen ids (never stored in clear).
DONOR_KEY="$STATE/keys/donor-id-hash.key"
[[ -f $DONOR_KEY ]] || "$BIN_TOKEN" --generate-hs256-key "$DONOR_KEY"
export VNN_DONOR_ID_HASH_KEY_FILE=$DONOR_KEY
# household-review: the key of the hash that matches citizen ids across communes, and the key
# that encrypts citizen ids and addresses. Two different keys, neither ever leaves this machine.
CITIZEN_KEY="$STATE/keys/household-citizen-id-hash.key"
[[ -f $CITIZEN_KEY ]] || "$BIN_TOKEN" --generate-hs256-key "$CITIZEN_KEY"
PERSONAL_KEY="$STATE/keys/household-personal-data.key"
[[ -f $PERSONAL_KEY ]] || "$BIN_TOKEN" --generate-hs256-key "$PERSONAL_KEY"
export VNN_CITIZEN_ID_HASH_KEY_FILE=$CITIZEN_KEY VNN_PERSONAL_DATA_KEY_FILE=$PERSONAL_KEY
# The key list page tokens are signed with (one per machine here; all replicas of a service
# share theirs in production).
PAGE_KEY="$STATE/keys/page-token.key"
[[ -f $PAGE_KEY ]] || "$BIN_TOKEN" --generate-hs256-key "$PAGE_KEY"
export VNN_PAGE_TOKEN_KEY_FILE=$PAGE_KEY
export VNN_DB_MIGRATION_DSN=$VNN_DB_ADMIN_DSN
# donation and allocation both ask household review.
export VNN_HOUSEHOLD_REVIEW_TARGET=127.0.0.1:$HOUSEHOLD_PORT

# name port metrics-port [VAR=value…]: starts vnn-<name> (built in build/services/<name with _>/)
# in the background, with the extra settings given.
start_service() {
  local name=$1 port metrics pidfile="$STATE/run/$1.pid"
  port=$(port "$2") metrics=$(port "$3")
  shift 3
  if [[ -f $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    echo "vnn-$name already running (pid $(cat "$pidfile"))"
    return
  fi
  VNN_DB_DSN="postgresql://vnn_${name//-/_}@$VNN_DB_HOST:$VNN_DB_PORT/$VNN_DB_NAME" \
  VNN_GRPC_LISTEN="127.0.0.1:$port" VNN_METRICS_LISTEN="127.0.0.1:$metrics" \
    setsid env "$@" "$BUILD_DIR/services/${name//-/_}/vnn-$name" >>"$STATE/logs/$name.log" 2>&1 &
  echo $! >"$pidfile"
  "$BIN_CTL" --target "127.0.0.1:$port" health --wait 15 ||
    { tail -n 20 "$STATE/logs/$name.log"; exit 1; }
}

say "Khởi động dịch vụ (services)"
# donation checks direct support to a household with household review, as itself: it signs its
# own short-lived service tokens with its own key; household review trusts that key for role
# service only. allocation does the same for a household's eligibility, with its own key.
# reporting asks donation and allocation for their totals the same way, with its own key, which
# both trust for role service only.
# Each connects to NATS as its own user (stack.sh): it may publish only its own subjects.
start_service donation 17051 17464 VNN_JWT_KEYS="$OFFICERS_PUBLIC;$REPORTING_PUBLIC" \
  VNN_JWT_SIGNING_KEY="kid=local-donation,alg=ES256,file=$DONATION_KEY" \
  VNN_NATS_USER=vnn_donation VNN_NATS_PASSWORD_FILE="$VNN_NATS_USERS_DIR/vnn_donation.password"
# The campaign is of 2024, replayed now: household review and allocation take 30/06/2024 as today,
# so that the unit codes reused after the 2025 reorganisation (26206, 26209, 26215, 26221, 26227)
# still name the communes of Định Quán district its officers act for. Reporting runs on today's
# date: its restated view rolls the campaign up into today's communes.
REPLAY_TODAY=2024-06-30
start_service household-review 17052 17465 VNN_REPLAY_TODAY=$REPLAY_TODAY \
  VNN_JWT_KEYS="$OFFICERS_PUBLIC;$DONATION_PUBLIC;$ALLOCATION_PUBLIC" \
  VNN_NATS_USER=vnn_household_review \
  VNN_NATS_PASSWORD_FILE="$VNN_NATS_USERS_DIR/vnn_household_review.password"
start_service allocation 17053 17466 VNN_REPLAY_TODAY=$REPLAY_TODAY VNN_JWT_KEYS="$OFFICERS_PUBLIC;$REPORTING_PUBLIC" \
  VNN_JWT_SIGNING_KEY="kid=local-allocation,alg=ES256,file=$ALLOCATION_KEY" \
  VNN_NATS_USER=vnn_allocation VNN_NATS_PASSWORD_FILE="$VNN_NATS_USERS_DIR/vnn_allocation.password"
# reporting keeps its progress snapshots in the NATS key-value bucket vnn_progress.
start_service reporting 17054 17467 VNN_JWT_KEYS="$OFFICERS_PUBLIC" \
  VNN_JWT_SIGNING_KEY="kid=local-reporting,alg=ES256,file=$REPORTING_KEY" \
  VNN_DONATION_TARGET="127.0.0.1:$DONATION_PORT" VNN_ALLOCATION_TARGET="127.0.0.1:$ALLOCATION_PORT" \
  VNN_NATS_USER=vnn_reporting VNN_NATS_PASSWORD_FILE="$VNN_NATS_USERS_DIR/vnn_reporting.password"

TOKEN=$("$BIN_TOKEN" --key "$SIGN_OFFICERS" --subject "vp-mttq-dinh-quan" \
  --role district_office --unit 736 --ttl 1h)
export VNN_TOKEN=$TOKEN VNN_TARGET=127.0.0.1:$DONATION_PORT VNN_HOUSEHOLD_TARGET=127.0.0.1:$HOUSEHOLD_PORT
export VNN_ALLOCATION_TARGET=127.0.0.1:$ALLOCATION_PORT VNN_REPORTING_TARGET=127.0.0.1:$REPORTING_PORT

say "Đơn vị hành chính huyện Định Quán trong đợt vận động (03/02/2024)"
"$BIN_CTL" units list --parent 736 --on 2024-02-03
say "Các xã thay thế từ 01/07/2025 (Nghị quyết 1662/NQ-UBTVQH15)"
"$BIN_CTL" units list --parent 75 --on 2025-07-01

CAMPAIGN=dot-cao-diem-2024
say "Đợt cao điểm vận động Quỹ \"Vì người nghèo\" 03/02–19/05/2024 (dữ liệu tạo theo kế hoạch)"
# Every officer of the campaign gets a token signed with the officers' key, as vnn-token does.
"$BUILD_DIR/tools/vnn-campaign/vnn-campaign" --signing-key "$SIGN_OFFICERS" \
  --seed "${VNN_CAMPAIGN_SEED:-20240203}" --donors "${VNN_CAMPAIGN_DONORS:-1200}" \
  --households "${VNN_CAMPAIGN_HOUSEHOLDS:-320}"

VIEW=()
if $RESTATED; then
  VIEW=(--restated)
  say "Số liệu quy về các xã sau sắp xếp đơn vị hành chính (01/07/2025)"
fi
AUDITOR_TOKEN=$("$BIN_TOKEN" --key "$SIGN_OFFICERS" --subject kiem-toan-huyen --role auditor \
  --unit 736 --ttl 1h)
# What anyone may read: the public disclosure.
PUBLIC_TOKEN=$("$BIN_TOKEN" --key "$SIGN_OFFICERS" --subject cong-khai --role public --ttl 1h)
say "Tiến độ đợt vận động của huyện và các xã"
"$BIN_CTL" report progress --campaign "$CAMPAIGN" --unit 736 "${VIEW[@]}"
say "Đơn vị chậm nộp danh sách hoặc báo cáo"
"$BIN_CTL" report lagging --campaign "$CAMPAIGN" --unit 736 --as-of 2024-05-20
say "Báo cáo kết quả đợt vận động của huyện"
"$BIN_CTL" report final --campaign "$CAMPAIGN" --unit 736 "${VIEW[@]}"
mkdir -p "$STATE/out"
"$BIN_CTL" report final --campaign "$CAMPAIGN" --unit 736 "${VIEW[@]}" \
  --out "$STATE/out/bao-cao-ket-qua-736.xlsx"
"$BIN_CTL" report final --campaign "$CAMPAIGN" --unit 736 "${VIEW[@]}" \
  --out "$STATE/out/bao-cao-ket-qua-736.csv"
echo "Đã ghi: $STATE/out/bao-cao-ket-qua-736.xlsx, $STATE/out/bao-cao-ket-qua-736.csv"
say "Đề nghị khen thưởng: nhà hảo tâm, tổ chức vận động"
"$BIN_CTL" report commendation --campaign "$CAMPAIGN" --unit 736 --limit 10
"$BIN_CTL" report commendation --campaign "$CAMPAIGN" --unit 736 --mobilisers --limit 10
say "Công khai: Quỹ \"Vì người nghèo\" huyện Định Quán đã nhận"
"$BIN_CTL" --token "$PUBLIC_TOKEN" report disclosure --fund fund-736 --campaign "$CAMPAIGN"
say "Công khai: quỹ đã sử dụng cho ai, việc gì"
"$BIN_CTL" --token "$PUBLIC_TOKEN" report disclosure --fund fund-736 --campaign "$CAMPAIGN" --used
say "Đối chiếu với sổ của dịch vụ quỹ và dịch vụ phân bổ"
"$BIN_CTL" --token "$AUDITOR_TOKEN" report reconcile --campaign "$CAMPAIGN"
say "Kiểm tra sổ quỹ: số dư của mỗi quỹ bằng tổng các bút toán"
"$BIN_CTL" fund balances --unit 736 --all
for fund in $("$BIN_CTL" fund balances --unit 736 --all --json | python3 -c 'import json, sys
print(" ".join(f["fund_id"] for f in json.load(sys.stdin).get("funds", [])))'); do
  "$BIN_CTL" --token "$AUDITOR_TOKEN" fund verify "$fund"
done

say "Chỉ số dịch vụ (metrics)"
for metrics in $(port 17464) $(port 17465) $(port 17466) $(port 17467); do
  curl -fsS "http://127.0.0.1:$metrics/metrics" | grep -E '^vnn_(rpc_requests_total|db_pool)' || true
done

if $KEEP_RUNNING; then
  say "Đang chạy. Ctrl-C (hoặc SIGTERM) để dừng. Logs: $STATE/logs"
  echo "donation $VNN_TARGET, household-review $VNN_HOUSEHOLD_TARGET, allocation $VNN_ALLOCATION_TARGET,"
  echo "reporting $VNN_REPORTING_TARGET, e.g.:"
  echo "  VNN_TOKEN=\$($BIN_TOKEN --key $SIGN_OFFICERS --subject me \\"
  echo "    --role district_office --unit 736) $BIN_CTL report progress --campaign $CAMPAIGN"
  sleeper=""
  trap 'kill "$sleeper" 2>/dev/null; stop_services; say "Đã dừng (stopped)"; exit 0' INT TERM
  # A sleep in the background and a wait that a signal interrupts: the trap runs at once, not
  # when an hour-long sleep ends.
  while true; do
    sleep 3600 &
    sleeper=$!
    wait "$sleeper" || true
  done
fi
trap - EXIT
stop_services
say "Xong (done)"
