#!/usr/bin/env bash
# The main job on one machine: bash deploy/local/up.sh [--keep-running]
#
# Installs what is missing, builds, starts the local stack (PostgreSQL and nats-server on
# loopback, see stack.sh), starts every VNN service that exists with migrations applied, waits
# until each is SERVING, and runs what the services can do so far for the seed campaign
# (Định Quán district, đợt cao điểm 03/02–19/05/2024): funds, donations and totals in the
# donation service, then in household-review the communes' lists of poor and near-poor
# households (illustrative, deploy/local/seed/), a late submission and its override, the
# district's review, a duplicate, assignment to member organisations, ranking and coverage.
# The allocation service runs beside them (it learns funds, campaigns and households from their
# events and asks household review about eligibility), and so does the reporting service (it
# keeps read models of all three services' events and asks donation and allocation for their
# totals to reconcile).
# Without --keep-running it stops the services and the stack at the end; with it, they stay
# up for exploring (Ctrl-C stops them).
#
# The services listen on 127.0.0.1:17051 (donation), 17052 (household-review), 17053
# (allocation) and 17054 (reporting), metrics on 17464, 17465, 17466, 17467; VNN_UP_PORT_SHIFT
# (0) moves all eight, e.g. for a second copy beside the first (with its own VNN_PG_PORT,
# VNN_NATS_PORT… for stack.sh).
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
[[ ${1:-} == --keep-running ]] && KEEP_RUNNING=true

say() { printf '\n== %s ==\n' "$*"; }

bash "$REPO_ROOT/tools/install-deps.sh"
# Only what this job runs; the test command builds the rest.
VNN_BUILD_DIR=$BUILD_DIR VNN_BUILD_TARGETS="${VNN_BUILD_TARGETS:-vnn-donation vnn-household-review vnn-allocation vnn-reporting vnnctl vnn-token}" \
  bash "$REPO_ROOT/tools/build.sh"
eval "$(bash "$STACK" start)"

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
# donation checks direct support to a household with household review, as itself: it signs its
# own short-lived service tokens with its own key; household review trusts that key for role
# service only. allocation does the same for a household's eligibility, with its own key.
# reporting asks donation and allocation for their totals the same way, with its own key, which
# both trust for role service only.
# Each connects to NATS as its own user (stack.sh): it may publish only its own subjects.
start_service donation 17051 17464 VNN_JWT_KEYS="$OFFICERS_PUBLIC;$REPORTING_PUBLIC" \
  VNN_JWT_SIGNING_KEY="kid=local-donation,alg=ES256,file=$DONATION_KEY" \
  VNN_NATS_USER=vnn_donation VNN_NATS_PASSWORD_FILE="$VNN_NATS_USERS_DIR/vnn_donation.password"
start_service household-review 17052 17465 \
  VNN_JWT_KEYS="$OFFICERS_PUBLIC;$DONATION_PUBLIC;$ALLOCATION_PUBLIC" \
  VNN_NATS_USER=vnn_household_review \
  VNN_NATS_PASSWORD_FILE="$VNN_NATS_USERS_DIR/vnn_household_review.password"
start_service allocation 17053 17466 VNN_JWT_KEYS="$OFFICERS_PUBLIC;$REPORTING_PUBLIC" \
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
# A payroll list collected by an agency (illustrative): one donation of the agency with one
# receipt, its staff as lines; two staff of one name giving the same are two lines; a bad
# amount is reported with its line; importing it again records nothing.
"$BIN_CTL" mobiliser create --request-id seed-phong-gd --id phong-gd-dt-huyen \
  --kind agency --name 'Phòng Giáo dục và Đào tạo huyện' --unit 736
say "Danh sách một ngày lương của cơ quan (dữ liệu minh họa)"
PAYROLL="$REPO_ROOT/deploy/local/seed/payroll-736-phong-gd-minh-hoa.csv"
import_payroll() {
  "$BIN_CTL" donation import --format payroll --campaign "$CAMPAIGN" --fund fund-736 \
    --mobiliser phong-gd-dt-huyen --on 2024-03-20 \
    --list-ref 'Một ngày lương tháng 3/2024 (minh họa)' "$PAYROLL"
}
imported=$(import_payroll)
printf '%s\n' "$imported"
payroll_donation=$(sed -n 's/.*khoản ủng hộ \([0-9][0-9]*\).*/\1/p' <<<"$imported" | head -n 1)
if [[ -n $payroll_donation ]]; then
  "$BIN_CTL" donation lines "$payroll_donation"
fi
import_payroll
"$BIN_CTL" donation list --campaign "$CAMPAIGN"
say "Tổng hợp theo quỹ"
"$BIN_CTL" totals --campaign "$CAMPAIGN"

# --- Households (household-review): who needs support in this campaign -----------------------
# The officers, each with their own token: a commune officer per commune makes the list; two
# district officers (Ban Thường trực Ủy ban MTTQ huyện) let a late list through and review it.
# Maker–checker: whoever submitted a household never decides on it.
mint() { "$BIN_TOKEN" --key "$SIGN_OFFICERS" --ttl 1h "$@"; }
PT_TOKEN=$(mint --subject cb-mttq-phu-tuc --role commune_officer --unit 26242)
PC_TOKEN=$(mint --subject cb-mttq-phu-cuong --role commune_officer --unit 26236)
REVIEWER_TOKEN=$(mint --subject pct-mttq-dinh-quan --role district_office --unit 736)
SEED="$REPO_ROOT/deploy/local/seed"

say "Dịch vụ xét duyệt hộ nhận đợt vận động từ sự kiện của dịch vụ quỹ"
learned=false
for _ in $(seq 1 60); do
  if "$BIN_CTL" coverage --campaign "$CAMPAIGN" --unit 736 >/dev/null 2>&1; then
    learned=true
    break
  fi
  sleep 0.5
done
if ! $learned; then
  echo "vnn-household-review has not learned campaign $CAMPAIGN after 30 s" >&2
  tail -n 20 "$STATE/logs/household-review.log" >&2
  exit 1
fi
echo "household-review đã nhận đợt vận động $CAMPAIGN (Hạn nộp danh sách: 22/02/2024)"

# Illustrative lists (dữ liệu minh họa, see deploy/local/seed/README.md): PT-005 is a planted bad
# household, PC-003 a planted duplicate of PT-004 (same citizen id).
say "Nhập danh sách hộ nghèo, hộ cận nghèo xã Phú Túc (dữ liệu minh họa)"
"$BIN_CTL" --token "$PT_TOKEN" household import --request-id seed-households-26242 \
  --unit 26242 --file "$SEED/households-26242-phu-tuc.csv"
say "Nhập danh sách hộ nghèo, hộ cận nghèo xã Phú Cường (dữ liệu minh họa)"
"$BIN_CTL" --token "$PC_TOKEN" household import --request-id seed-households-26236 \
  --unit 26236 --file "$SEED/households-26236-phu-cuong.csv"
say "Danh sách hộ xã Phú Túc"
"$BIN_CTL" --token "$PT_TOKEN" household list --unit 26242

# Household ids by household code (the service numbers households; the lists use codes).
PT_IDS=$("$BIN_CTL" --token "$PT_TOKEN" household list --unit 26242 --ids)
PC_IDS=$("$BIN_CTL" --token "$PC_TOKEN" household list --unit 26236 --ids)
id_of() {
  local id
  id=$(awk -F'\t' -v code="$2" '$2 == code { print $1 }' <<<"$1")
  [[ -n $id ]] || { echo "no household $2" >&2; exit 1; }
  echo "$id"
}
PT1=$(id_of "$PT_IDS" PT-001)
PT2=$(id_of "$PT_IDS" PT-002)
PT3=$(id_of "$PT_IDS" PT-003)
PT4=$(id_of "$PT_IDS" PT-004)
PT6=$(id_of "$PT_IDS" PT-006)
PT7=$(id_of "$PT_IDS" PT-007)
PT8=$(id_of "$PT_IDS" PT-008)
PC3=$(id_of "$PC_IDS" PC-003)

say "Xã Phú Túc nộp danh sách đề nghị hỗ trợ (sau Hạn nộp danh sách 22/02/2024: nộp trễ)"
SUBMITTED=$("$BIN_CTL" --token "$PT_TOKEN" household submit --request-id seed-submit-26242 \
  --campaign "$CAMPAIGN" --unit 26242 --proposal 15/TTr-MTTQ \
  "$PT1" "$PT2" "$PT3" "$PT4" "$PT6" "$PT7" "$PT8")
printf '%s\n' "$SUBMITTED"
SUBMISSION=$(sed -n 's/^danh sách số \([0-9]*\) .*/\1/p' <<<"$SUBMITTED")
[[ -n $SUBMISSION ]] || { echo "no submission number in the output above" >&2; exit 1; }

say "Huyện cho phép xét danh sách nộp trễ"
"$BIN_CTL" household override --request-id seed-override-26242 --submission "$SUBMISSION" \
  --reason 'Xã Phú Túc nộp trễ do phải họp bình xét lại ấp 3; Ban Thường trực đồng ý xét'

say "Hộ nghi trùng giữa hai xã"
"$BIN_CTL" duplicates list --unit 736 --open
CANDIDATE=$("$BIN_CTL" duplicates list --unit 736 --ids |
  awk -F'\t' -v a="$PT4" -v b="$PC3" '($2 == a && $3 == b) || ($2 == b && $3 == a) { print $1 }')
[[ -n $CANDIDATE ]] || { echo "the planted duplicate (PT-004, PC-003) was not found" >&2; exit 1; }
"$BIN_CTL" --token "$REVIEWER_TOKEN" duplicates resolve --request-id seed-duplicate-1 \
  "$CANDIDATE" duplicate --keep "$PT4" \
  --reason 'Cùng số CCCD: hộ đã chuyển đến ấp 3 xã Phú Túc; giữ hộ ở Phú Túc, đưa khỏi danh sách Phú Cường'
"$BIN_CTL" duplicates list --unit 736

say "Kiểm tra hai người: người nộp danh sách không được tự xét duyệt"
# The commune officer who submitted, now holding a district token: refused.
SUBMITTER_AS_DISTRICT=$(mint --subject cb-mttq-phu-tuc --role district_office --unit 736)
if "$BIN_CTL" --token "$SUBMITTER_AS_DISTRICT" household review --campaign "$CAMPAIGN" \
  --id "$PT8" approve; then
  echo "the submitter was allowed to review their own list" >&2
  exit 1
fi
echo "(bị từ chối như quy định: người xét phải khác người nộp)"

say "Huyện xét duyệt từng hộ (người xét khác người nộp)"
review() { "$BIN_CTL" --token "$REVIEWER_TOKEN" household review --campaign "$CAMPAIGN" "$@"; }
review --request-id seed-review-pt1 --id "$PT1" approve
review --request-id seed-review-pt3 --id "$PT3" approve
review --request-id seed-review-pt4 --id "$PT4" approve
review --request-id seed-review-pt6 --id "$PT6" approve
review --request-id seed-review-pt2 --id "$PT2" return \
  --reason 'Bổ sung biên bản bình xét của ấp 1'
review --request-id seed-review-pt7 --id "$PT7" reject \
  --reason 'Nhà kiên cố, đã có việc làm ổn định; không thuộc diện hỗ trợ đợt này'
echo "(hộ PT-008 chờ xét)"

say "Phân công tổ chức thành viên giúp đỡ hộ đã duyệt"
assign() { "$BIN_CTL" household assign --campaign "$CAMPAIGN" "$@"; }
assign --request-id seed-assign-pt1 --id "$PT1" --org hoi-nong-dan-huyen
assign --request-id seed-assign-pt4 --id "$PT4" --org hoi-lhpn-huyen
assign --request-id seed-assign-pt6 --id "$PT6" --org hoi-lhpn-huyen
echo "(hộ PT-003 chưa phân công)"

# Sponsors who hand support straight to a household (dữ liệu minh họa): checked with household
# review, counted in the campaign's results, never in a fund. Two sponsors for PT-001's house
# show up in the coverage report as one need met twice.
say "Hỗ trợ trao trực tiếp cho hộ (dữ liệu minh họa)"
"$BIN_CTL" donation record --request-id demo-direct-1 --campaign "$CAMPAIGN" --fund fund-736 \
  --channel direct --household-id "$PT1" --need housing --amount 40000000 --on 2024-04-10 \
  --donor-kind business --donor-name 'Doanh nghiệp D — xây nhà Đại đoàn kết (minh họa)' \
  --mobiliser hoi-nong-dan-huyen
"$BIN_CTL" donation record --request-id demo-direct-2 --campaign "$CAMPAIGN" --fund fund-736 \
  --channel direct --household-id "$PT1" --need housing --amount 20000000 --on 2024-04-18 \
  --donor-kind organisation --donor-name 'Câu lạc bộ E (minh họa)'
"$BIN_CTL" donation record --request-id demo-direct-3 --campaign "$CAMPAIGN" --fund fund-736 \
  --channel direct --household-id "$PT3" --need livelihood --amount 15000000 --on 2024-04-20 \
  --donor-kind individual --donor-name 'Nhà hảo tâm F (minh họa)'
"$BIN_CTL" totals --campaign "$CAMPAIGN"

say "Thứ tự ưu tiên hộ đã duyệt (người có công, nhà tạm trước)"
"$BIN_CTL" household rank --campaign "$CAMPAIGN" --unit 736
say "Bao phủ: hộ đã duyệt, đã phân công, chưa phân công, hỗ trợ trùng"
# Direct support reaches household review as events: give them a moment to arrive.
for _ in $(seq 1 20); do
  "$BIN_CTL" coverage --campaign "$CAMPAIGN" --unit 736 | grep -q 'Hỗ trợ trùng' && break
  sleep 0.5
done
"$BIN_CTL" coverage --campaign "$CAMPAIGN" --unit 736

say "Chỉ số dịch vụ (metrics)"
for metrics in $(port 17464) $(port 17465) $(port 17466) $(port 17467); do
  curl -fsS "http://127.0.0.1:$metrics/metrics" | grep -E '^vnn_(rpc_requests_total|db_pool)' || true
done

if $KEEP_RUNNING; then
  say "Đang chạy. Ctrl-C để dừng. Logs: $STATE/logs"
  echo "donation $VNN_TARGET, household-review $VNN_HOUSEHOLD_TARGET, allocation $VNN_ALLOCATION_TARGET,"
  echo "reporting $VNN_REPORTING_TARGET, e.g.:"
  echo "  VNN_TOKEN=\$($BIN_TOKEN --key $SIGN_OFFICERS --subject me \\"
  echo "    --role district_office --unit 736) $BIN_CTL household list --unit 736"
  trap 'stop_services; exit 0' INT TERM
  while true; do sleep 3600; done
fi
stop_services
say "Xong (done)"
