// vnn-allocation-load: ApproveSupport under load against the real vnn-allocation process (with
// the real vnn-household-review it asks at every approval, and the real vnn-donation whose events
// credit the funds), and the ledger consumer's lag while the donation service takes donations
// at its full rate. Figures are printed per round and as medians (the machine is shared).
//
// Setup, through the services' own APIs and not measured: --funds funds of Định Quán (736) and a
// campaign they take part in; enough poor households of Phú Túc and Phú Cường, registered,
// listed and approved in household review; donations that cover every approval of the run.
// Then, twice — every approval against one fund, then spread over all --funds funds — for each
// round: --approvals supports are proposed (not measured), and approved with exactly
// --approvers ApproveSupport calls in flight (the callback API); each round reports
// approvals/s, p50, p99, CPU per approval by process, and the allocation process's peak RSS.
// After every round the invariants are checked: every approval succeeded (the funds cover
// them), each fund's ledger verifies, its reserved and available balances are exactly what the
// approvals made them, never below zero, and one reservation was posted per approval.
//
// The lag: --intake-callers RecordDonation calls in flight into the funds for --intake-seconds;
// every 100 ms the bench compares the donations the donation service has confirmed with those
// allocation has credited (its balance rows), and prints the largest and final lag and how long
// allocation took to catch up once the intake stopped.
// Needs the stack of tests/bench/run.sh (the variables of deploy/local/stack.sh env).

#include <signal.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <numeric>
#include <optional>
#include <pqxx/pqxx>
#include <random>
#include <thread>

#include "cpu_meter.h"
#include "donation_seed.h"
#include "vnn/allocation/v1/allocation.grpc.pb.h"
#include "vnn/donation/v1/donation.grpc.pb.h"
#include "vnn/household_review/v1/household_review.grpc.pb.h"
#include "vnn/platform/date.h"
#include "vnn/platform/events/outbox.h"
#include "vnn/platform/log.h"
#include "vnn/platform/mutex_checks.h"
#include "vnn/platform/rpc/error_details.h"
#include "vnn/testing/service_process.h"
#include "vnn/testing/test_stack.h"
#include "vnn/testing/test_tokens.h"

namespace vnn::testing {
namespace {

namespace av1 = allocation::v1;
namespace dv1 = donation::v1;
namespace hv1 = household_review::v1;
using namespace std::chrono_literals;
using Role = platform::auth::Role;

constexpr double kTargetApprovalsPerSecond = 2000;  // across 14 funds (issue 15)
constexpr std::int64_t kIntakeDong = 100'000;       // every intake donation: lag in events

struct Options {
  int approvers = 16;
  int approvals = 2000;  // per round
  int rounds = 3;
  int warmup = 300;  // approvals before round 1 of each case, not counted
  int funds = 14;
  int setup_in_flight = 16;
  int intake_seconds = 10;
  int intake_callers = 64;
  bool skip_intake = false;
};

// ------------------------------------------------------------------------------------------
// Calls with a fixed number in flight (the callback API on gRPC's threads).

struct CallRun {
  std::vector<double> latencies_ms;  // of the calls that succeeded, in completion order
  double seconds = 0;                // first call started → last call finished
  long errors = 0;
  std::map<std::string, long> reasons;  // refused calls by reason (or code)
  std::string first_error;

  double rate() const { return seconds > 0 ? latencies_ms.size() / seconds : 0; }
  double percentile_ms(double p) const {
    if (latencies_ms.empty()) return 0;
    auto sorted = latencies_ms;
    std::sort(sorted.begin(), sorted.end());
    return sorted[std::min(sorted.size() - 1, static_cast<std::size_t>(sorted.size() * p))];
  }
};

// Runs `total` calls, `in_flight` at a time. start(i, done) starts call i and calls done(status)
// when it finishes (on a gRPC thread); `until`, if set, ends the run at that time instead (calls
// then start until it passes, `total` is ignored).
class Flight {
 public:
  using Done = std::function<void(const grpc::Status&)>;
  using Start = std::function<void(std::size_t, Done)>;

  static CallRun run(std::size_t total, int in_flight, const Start& start,
                     std::optional<SteadyClock::time_point> until = std::nullopt) {
    Flight f(total, start, until);
    const auto began = SteadyClock::now();
    const int slots = until ? in_flight : static_cast<int>(std::min<std::size_t>(in_flight, total));
    f.active_ = slots;
    for (int s = 0; s < slots; ++s) f.next();
    {
      std::unique_lock lock(f.mutex_);
      f.finished_.wait(lock, [&] { return f.active_ == 0; });
    }
    f.result_.seconds = seconds_between(began, SteadyClock::now());
    return std::move(f.result_);
  }

 private:
  Flight(std::size_t total, const Start& start, std::optional<SteadyClock::time_point> until)
      : total_(total), start_(start), until_(until) {}

  // Starts the next call of a slot, or ends the slot.
  void next() {
    const std::size_t i = cursor_++;
    if (until_ ? SteadyClock::now() >= *until_ : i >= total_) {
      std::lock_guard lock(mutex_);
      if (--active_ == 0) finished_.notify_all();
      return;
    }
    const auto started = SteadyClock::now();
    start_(i, [this, started](const grpc::Status& status) {
      const double ms = seconds_between(started, SteadyClock::now()) * 1000;
      {
        std::lock_guard lock(mutex_);
        if (status.ok()) {
          result_.latencies_ms.push_back(ms);
        } else {
          ++result_.errors;
          const auto d = platform::rpc::read_error_details(status);
          ++result_.reasons[d.reason.empty() ? "code " + std::to_string(status.error_code())
                                             : d.reason];
          if (result_.first_error.empty()) result_.first_error = status.error_message();
        }
      }
      next();
    });
  }

  std::size_t total_;
  const Start& start_;
  std::optional<SteadyClock::time_point> until_;
  std::atomic<std::size_t> cursor_{0};
  std::mutex mutex_;
  std::condition_variable finished_;
  int active_ = 0;
  CallRun result_;
};

// A call of the callback API kept alive until it finishes.
template <class Request, class Response>
struct Call {
  grpc::ClientContext context;
  Request request;
  Response response;
};

template <class Request, class Response>
Call<Request, Response>* new_call(const std::string& bearer, std::chrono::seconds deadline = 30s) {
  auto* call = new Call<Request, Response>;
  call->context.AddMetadata("authorization", bearer);
  call->context.set_deadline(std::chrono::system_clock::now() + deadline);
  return call;
}

std::string bearer(Role role, const std::string& unit, const std::string& subject) {
  platform::auth::Principal p{.subject = subject, .role = role, .unit_codes = {unit}};
  return test_tokens().bearer(p, std::chrono::hours(12));
}

void check(const grpc::Status& status, const std::string& what) {
  if (!status.ok()) throw std::runtime_error(what + ": " + status.error_message());
}

void require_clean(const CallRun& run, const std::string& what) {
  if (run.errors == 0) return;
  throw std::runtime_error(what + ": " + std::to_string(run.errors) +
                           " calls failed, first: " + run.first_error);
}

void set_today_plus(common::v1::Date* out, int days) {
  const auto d =
      platform::Date::in_vietnam(std::chrono::system_clock::now() + std::chrono::hours(24) * days);
  set_date(out, d.year, d.month, d.day);
}

// ------------------------------------------------------------------------------------------
// The three services.

struct Services {
  std::unique_ptr<ServiceProcess> household_review, donation, allocation;
  std::unique_ptr<hv1::HouseholdReviewService::Stub> households;
  std::unique_ptr<dv1::DonationService::Stub> donations;
  std::unique_ptr<av1::AllocationService::Stub> stub;
};

Services start_services() {
  const auto& stack = TestStack::get();
  const auto& tokens = test_tokens();
  Services s;
  auto hr_env = stack.service_env("vnn_household_review");
  hr_env.insert({{"VNN_JWT_KEYS", tokens.all_verification_keys()},
                 {"VNN_LOG_LEVEL", "warn"},
                 {"VNN_CITIZEN_ID_HASH_KEY_FILE", write_secret_file("vnn_citizen_key")},
                 {"VNN_PERSONAL_DATA_KEY_FILE", write_secret_file("vnn_personal_key")},
                 {"VNN_PAGE_TOKEN_KEY_FILE", write_secret_file("vnn_page_key")}});
  s.household_review = std::make_unique<ServiceProcess>(
      VNN_HOUSEHOLD_REVIEW_BINARY, std::vector<std::string>{}, std::move(hr_env));
  const std::string hr_target =
      "127.0.0.1:" + std::to_string(s.household_review->wait_for_port(60s));
  s.donation = std::make_unique<ServiceProcess>(VNN_DONATION_BINARY, std::vector<std::string>{},
                                                donation_service_env(16));
  s.donation->wait_for_port(60s);
  auto env = stack.service_env("vnn_allocation");
  env.insert({{"VNN_JWT_KEYS", tokens.key_spec()},
              {"VNN_JWT_SIGNING_KEY", tokens.allocation_key_spec()},
              {"VNN_LOG_LEVEL", "warn"},
              {"VNN_PAGE_TOKEN_KEY_FILE", write_secret_file("vnn_page_key")},
              {"VNN_HOUSEHOLD_REVIEW_TARGET", hr_target}});
  s.allocation = std::make_unique<ServiceProcess>(VNN_ALLOCATION_BINARY, std::vector<std::string>{},
                                                  std::move(env));
  s.allocation->wait_for_port(60s);
  s.households = hv1::HouseholdReviewService::NewStub(s.household_review->channel());
  s.donations = dv1::DonationService::NewStub(s.donation->channel());
  s.stub = av1::AllocationService::NewStub(s.allocation->channel());
  return s;
}

std::string scalar(pqxx::connection& admin, const std::string& sql) {
  pqxx::nontransaction tx(admin);
  const auto r = tx.exec(sql);
  return r.empty() || r[0][0].is_null() ? std::string() : r[0][0].c_str();
}

// ------------------------------------------------------------------------------------------
// What the approvals need: funds, a campaign, approved households, money.

// The kinds a poor household may have several of in one campaign without further conditions
// (regulation DQ-2024-01/DN-2025-07: production capital, livestock, materials once; scholarships
// three times; bicycles, food and gifts twice), with amounts well within their norms.
const std::vector<std::pair<av1::SupportKind, std::int64_t>> kSupportsPerHousehold = {
    {av1::SUPPORT_KIND_PRODUCTION_CAPITAL, 5'000'000},
    {av1::SUPPORT_KIND_LIVESTOCK_SEEDLINGS, 2'000'000},
    {av1::SUPPORT_KIND_PRODUCTION_MATERIALS, 2'000'000},
    {av1::SUPPORT_KIND_SCHOLARSHIP, 1'000'000},
    {av1::SUPPORT_KIND_SCHOLARSHIP, 1'000'000},
    {av1::SUPPORT_KIND_SCHOLARSHIP, 1'000'000},
    {av1::SUPPORT_KIND_BICYCLE, 2'000'000},
    {av1::SUPPORT_KIND_BICYCLE, 2'000'000},
    {av1::SUPPORT_KIND_FOOD_AND_GIFTS, 500'000},
    {av1::SUPPORT_KIND_FOOD_AND_GIFTS, 500'000},
};

struct Planned {
  std::int64_t household = 0;
  std::string unit;
  av1::SupportKind kind{};
  std::int64_t amount = 0;
  std::string fund;
  std::int64_t support_id = 0;  // once proposed
  bool approved = false;
};

struct Seed {
  std::string suffix, campaign;
  std::vector<std::string> funds;
};

Seed seed_funds_and_campaign(Services& s, pqxx::connection& admin, int funds) {
  Seed seed;
  seed.suffix = unique_name("alloc");
  seed.campaign = "dot-" + seed.suffix;
  const std::string district = bearer(Role::kDistrictOffice, "736", "cb-huyen");
  for (int i = 0; i < funds; ++i) {
    dv1::CreateFundRequest r;
    const std::string id = "fund-736-" + seed.suffix + "-" + std::to_string(i);
    r.set_request_id("fund-" + id);
    r.set_id(id);
    r.set_unit_code("736");
    set_date(r.mutable_unit_valid_on(), 2024, 2, 3);
    r.set_name("Quỹ \"Vì người nghèo\" huyện Định Quán " + std::to_string(i + 1));
    dv1::Fund out;
    check(s.donations->CreateFund(bench_context(district, 20s).get(), r, &out), "CreateFund");
    seed.funds.push_back(id);
  }
  dv1::CreateCampaignRequest r;
  r.set_request_id("campaign-" + seed.campaign);
  auto* c = r.mutable_campaign();
  c->set_id(seed.campaign);
  c->set_name("Đợt cao điểm vận động Quỹ \"Vì người nghèo\"");
  c->set_unit_code("736");
  set_date(c->mutable_starts_on(), 2024, 2, 3);
  set_today_plus(c->mutable_ends_on(), 90);
  for (const auto& f : seed.funds) c->add_fund_ids(f);
  auto* lists = c->add_milestones();
  lists->set_kind(dv1::MILESTONE_KIND_HOUSEHOLD_LISTS_DUE);
  set_today_plus(lists->mutable_due_on(), 30);
  dv1::Campaign out;
  check(s.donations->CreateCampaign(bench_context(district, 20s).get(), r, &out), "CreateCampaign");
  const auto until = SteadyClock::now() + 30s;
  while (scalar(admin, "SELECT count(*) FROM household_review.campaign WHERE id = '" +
                           seed.campaign + "'") != "1" ||
         scalar(admin, "SELECT count(*) FROM allocation.campaign WHERE campaign_id = '" +
                           seed.campaign + "'") != "1") {
    if (SteadyClock::now() > until) throw std::runtime_error("the campaign's event did not arrive");
    std::this_thread::sleep_for(20ms);
  }
  return seed;
}

// Registers, lists and approves `n` poor households in `unit` for the campaign.
std::vector<std::int64_t> approved_households(Services& s, const Seed& seed,
                                              const std::string& unit, int n, int in_flight) {
  static const char* const families[] = {"Nguyễn", "Trần", "Lê",   "Phạm", "Hoàng", "Huỳnh", "Phan",
                                         "Vũ",     "Võ",   "Đặng", "Bùi",  "Đỗ",    "Hồ",    "Ngô"};
  static const char* const givens[] = {"An",  "Bình", "Cường", "Dũng",  "Hà",   "Hải",  "Hùng",
                                       "Lan", "Linh", "Mai",   "Nam",   "Nga",  "Phúc", "Quang",
                                       "Sơn", "Tâm",  "Thảo",  "Trang", "Tuấn", "Việt", "Xuân"};
  static std::atomic<unsigned> serial{std::random_device{}() % 400000};
  const std::string commune = bearer(Role::kCommuneOfficer, unit, "cb-xa-" + unit);
  std::vector<std::int64_t> ids(n);
  auto run = Flight::run(n, in_flight, [&](std::size_t i, Flight::Done done) {
    auto* call = new_call<hv1::RegisterHouseholdRequest, hv1::Household>(commune);
    const unsigned k = serial++;
    auto& r = call->request;
    r.set_request_id("register-" + seed.suffix + "-" + unit + "-" + std::to_string(i));
    auto* h = r.mutable_household();
    h->set_household_code("HN-" + unit + "-" + std::to_string(i) + "-" + seed.suffix);
    h->set_unit_code(unit);
    h->set_hamlet("Ấp " + seed.suffix + "-" + unit + "-" + std::to_string(i));
    h->set_address("Tổ 3, " + h->hamlet());
    h->set_poverty_status(hv1::POVERTY_STATUS_POOR);
    h->set_poverty_standard("2022-2025");
    h->set_classified_year(2023);
    h->set_housing(hv1::HOUSING_TEMPORARY);
    h->mutable_head()->set_full_name(std::string(families[k % 14]) + " Văn " + givens[k / 14 % 21]);
    const int year = 1940 + static_cast<int>(k % 50);
    h->mutable_head()->set_birth_year(year);
    char citizen[16];
    std::snprintf(citizen, sizeof citizen, "0750%02d%06u", year % 100, k % 1000000);
    h->mutable_head()->set_citizen_id(citizen);
    s.households->async()->RegisterHousehold(&call->context, &call->request, &call->response,
                                             [&ids, i, call, done](grpc::Status status) {
                                               if (status.ok()) ids[i] = call->response.id();
                                               delete call;
                                               done(status);
                                             });
  });
  require_clean(run, "RegisterHousehold in " + unit);

  hv1::SubmitListRequest submit;
  submit.set_request_id("submit-" + seed.suffix + "-" + unit);
  submit.set_campaign_id(seed.campaign);
  submit.set_unit_code(unit);
  submit.set_proposal_reference("15/TTr-MTTQ");
  for (auto id : ids) submit.add_household_ids(id);
  hv1::Submission submission;
  check(s.households->SubmitList(bench_context(commune, 60s).get(), submit, &submission),
        "SubmitList " + unit);

  const std::string district = bearer(Role::kDistrictOffice, "736", "cb-huyen");
  run = Flight::run(n, in_flight, [&](std::size_t i, Flight::Done done) {
    auto* call = new_call<hv1::ReviewHouseholdRequest, hv1::Candidacy>(district);
    auto& r = call->request;
    r.set_request_id("review-" + seed.suffix + "-" + std::to_string(ids[i]));
    r.set_campaign_id(seed.campaign);
    r.set_household_id(ids[i]);
    r.set_decision(hv1::REVIEW_DECISION_APPROVE);
    s.households->async()->ReviewHousehold(&call->context, &call->request, &call->response,
                                           [call, done](grpc::Status status) {
                                             delete call;
                                             done(status);
                                           });
  });
  require_clean(run, "ReviewHousehold in " + unit);
  return ids;
}

// Proposes the planned supports [from, to) as the commune officers; fills in their ids.
void propose(Services& s, const Seed& seed, std::vector<Planned>& plan, std::size_t from,
             std::size_t to, int in_flight) {
  std::map<std::string, std::string> officers;
  for (const char* unit : {"26242", "26236"}) {
    officers[unit] = bearer(Role::kCommuneOfficer, unit, std::string("cb-xa-") + unit);
  }
  auto run = Flight::run(to - from, in_flight, [&](std::size_t i, Flight::Done done) {
    auto& p = plan[from + i];
    auto* call = new_call<av1::ProposeSupportRequest, av1::Support>(officers.at(p.unit));
    auto& r = call->request;
    r.set_request_id("propose-" + seed.suffix + "-" + std::to_string(from + i));
    r.set_campaign_id(seed.campaign);
    r.set_household_id(p.household);
    r.set_kind(p.kind);
    auto* part = r.add_funding();
    part->set_source(av1::FUNDING_SOURCE_DISTRICT_FUND);
    part->set_fund_id(p.fund);
    part->mutable_amount()->set_dong(p.amount);
    s.stub->async()->ProposeSupport(&call->context, &call->request, &call->response,
                                    [&p, call, done](grpc::Status status) {
                                      if (status.ok()) p.support_id = call->response.id();
                                      delete call;
                                      done(status);
                                    });
  });
  require_clean(run, "ProposeSupport");
}

// Cash donations of `dong` in all into `fund`, in pieces of at most 50 billion.
void donate(Services& s, const Seed& seed, const std::string& fund, std::int64_t dong) {
  const std::string district = bearer(Role::kDistrictOffice, "736", "cb-huyen");
  static int n = 0;
  while (dong > 0) {
    const std::int64_t piece = std::min<std::int64_t>(dong, 50'000'000'000);
    dv1::RecordDonationRequest r;
    r.set_request_id("seed-donation-" + seed.suffix + "-" + std::to_string(++n));
    r.set_campaign_id(seed.campaign);
    r.set_fund_id(fund);
    r.mutable_donor()->set_kind(dv1::DONOR_KIND_BUSINESS);
    r.mutable_donor()->set_name("Công ty TNHH Định Quán Xanh");
    r.set_channel(dv1::CHANNEL_CASH);
    r.mutable_amount()->set_dong(piece);
    set_date(r.mutable_received_on(), 2024, 3, 1);
    dv1::Donation out;
    check(s.donations->RecordDonation(bench_context(district, 20s).get(), r, &out),
          "RecordDonation");
    dong -= piece;
  }
}

// Commits of the database so far (every service's, their relays' and consumers').
double commits(pqxx::connection& admin) {
  pqxx::nontransaction tx(admin);
  return tx.exec1("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")[0]
      .as<double>();
}

// ------------------------------------------------------------------------------------------
// The invariants after a round.

struct FundExpect {
  std::int64_t donated = 0;   // credited to the fund
  std::int64_t approved = 0;  // reserved by approvals so far
  long approvals = 0;
};

// Every fund: the ledger verifies, reserved and available are exactly what the approvals made
// them (never below zero), and one reservation was posted per approval. False if any fails.
bool check_invariants(Services& s, pqxx::connection& admin,
                      const std::map<std::string, FundExpect>& expect) {
  bool sound = true;
  const std::string auditor = bearer(Role::kAuditor, "736", "kiem-toan");
  for (const auto& [fund, e] : expect) {
    av1::VerifyLedgerRequest v;
    v.set_fund_id(fund);
    av1::LedgerVerification out;
    const auto status = s.stub->VerifyLedger(bench_context(auditor, 60s).get(), v, &out);
    const auto& b = out.recorded();
    const std::string postings = scalar(
        admin, "SELECT count(*) FROM allocation.posting WHERE kind = 'reserve' AND fund_id = '" +
                   fund + "'");
    const bool ok = status.ok() && out.balanced() && out.matches() &&
                    b.received().dong() == e.donated && b.reserved().dong() == e.approved &&
                    b.available().dong() == e.donated - e.approved && b.available().dong() >= 0 &&
                    !b.flagged_short() && postings == std::to_string(e.approvals);
    if (!ok) {
      sound = false;
      std::cout << "  INVARIANT BROKEN on " << fund << ": "
                << (status.ok() ? out.ShortDebugString() : status.error_message())
                << "; expected received " << e.donated << ", reserved " << e.approved
                << ", reservations " << e.approvals << ", found " << postings << "\n";
    }
  }
  return sound;
}

// ------------------------------------------------------------------------------------------
// The ledger consumer's lag behind the donation service's full intake.

void intake_lag(Services& s, pqxx::connection& admin, const Seed& seed, const Options& options,
                CpuMeter& meter) {
  std::string fund_list;
  for (const auto& f : seed.funds) fund_list += (fund_list.empty() ? "'" : ", '") + f + "'";
  const std::string credited_sql =
      "SELECT coalesce(sum(received), 0) FROM allocation.fund WHERE fund_id IN (" + fund_list + ")";
  const std::int64_t base = std::stoll(scalar(admin, credited_sql));
  const std::string district = bearer(Role::kDistrictOffice, "736", "cb-huyen");
  const std::string run_id = platform::events::new_uuid();
  std::atomic<long> confirmed{0};

  // The donation service's events not yet published by its relay: the part of the lag that is
  // the donation service's, not allocation's consumer's.
  const std::string unpublished_sql =
      "SELECT count(*) FROM donation.outbox WHERE published_at IS NULL";
  struct Sample {
    double at;
    long confirmed, credited, unpublished;
  };
  std::vector<Sample> samples;
  std::atomic<bool> stop{false};
  const auto began = SteadyClock::now();
  std::thread sampler([&] {
    pqxx::connection c(TestStack::get().admin_dsn);
    while (!stop) {
      const long before = confirmed;
      const long credited =
          static_cast<long>((std::stoll(scalar(c, credited_sql)) - base) / kIntakeDong);
      const long unpublished = std::stol(scalar(c, unpublished_sql));
      samples.push_back(
          {seconds_between(began, SteadyClock::now()), before, credited, unpublished});
      std::this_thread::sleep_for(100ms);
    }
  });
  const auto cpu_before = meter.sample();
  const auto run = Flight::run(
      0, options.intake_callers,
      [&](std::size_t i, Flight::Done done) {
        auto* call = new_call<dv1::RecordDonationRequest, dv1::Donation>(district);
        auto& r = call->request;
        r.set_request_id(run_id + "-" + std::to_string(i));
        r.set_campaign_id(seed.campaign);
        r.set_fund_id(seed.funds[i % seed.funds.size()]);
        r.mutable_donor()->set_kind(dv1::DONOR_KIND_INDIVIDUAL);
        r.mutable_donor()->set_name("Nguyễn Văn An");
        r.set_channel(dv1::CHANNEL_CASH);
        r.mutable_amount()->set_dong(kIntakeDong);
        set_date(r.mutable_received_on(), 2024, 3, 1);
        s.donations->async()->RecordDonation(&call->context, &call->request, &call->response,
                                             [&confirmed, call, done](grpc::Status status) {
                                               if (status.ok()) ++confirmed;
                                               delete call;
                                               done(status);
                                             });
      },
      SteadyClock::now() + std::chrono::seconds(options.intake_seconds));
  const auto cpu_after = meter.sample();
  const double intake_end = seconds_between(began, SteadyClock::now());
  // Catching up: until allocation has credited every confirmed donation.
  const auto deadline = SteadyClock::now() + 180s;
  double caught_up = -1;
  pqxx::connection c(TestStack::get().admin_dsn);
  while (SteadyClock::now() < deadline) {
    const long credited =
        static_cast<long>((std::stoll(scalar(c, credited_sql)) - base) / kIntakeDong);
    if (credited >= confirmed) {
      caught_up = seconds_between(began, SteadyClock::now()) - intake_end;
      break;
    }
    std::this_thread::sleep_for(20ms);
  }
  stop = true;
  sampler.join();

  long max_lag = 0, max_lag_unpublished = 0;
  double max_lag_at = 0;
  long end_lag = 0, end_unpublished = 0;
  long credited_during = 0;
  for (const auto& smp : samples) {
    if (smp.at > intake_end) break;
    const long lag = smp.confirmed - smp.credited;
    if (lag > max_lag) {
      max_lag = lag;
      max_lag_at = smp.at;
      max_lag_unpublished = smp.unpublished;
    }
    end_lag = lag;
    end_unpublished = smp.unpublished;
    credited_during = smp.credited;
  }
  const double intake_rate = confirmed / intake_end;
  const double credit_rate = credited_during / intake_end;
  const bool keeps_up = caught_up >= 0 && caught_up <= 2.0 && end_lag <= intake_rate;
  std::cout << verdict(keeps_up) << " ledger consumer lag at the donation service's full intake ("
            << options.intake_callers << " RecordDonation calls in flight, "
            << options.intake_seconds << " s): intake " << static_cast<long>(intake_rate)
            << " donations/s (errors " << run.errors << "), credited by allocation meanwhile "
            << static_cast<long>(credit_rate) << "/s; lag largest " << max_lag << " donations ("
            << fixed(intake_rate > 0 ? max_lag / intake_rate : 0, 2) << " s of intake, at "
            << fixed(max_lag_at, 1) << " s; " << max_lag_unpublished
            << " events then unpublished by the donation relay), at the end of the intake "
            << end_lag << " (" << fixed(intake_rate > 0 ? end_lag / intake_rate : 0, 2) << " s; "
            << end_unpublished << " unpublished); caught up "
            << (caught_up >= 0 ? fixed(caught_up, 2) + " s" : std::string("NOT within 180 s"))
            << " after the intake stopped\n"
            << "  " << describe(CpuMeter::split(cpu_before, cpu_after), "bench") << "\n";
}

// ------------------------------------------------------------------------------------------

struct CaseFigures {
  std::vector<double> rates, p50s, p99s;
  std::vector<CpuPerUnit> costs;
  std::vector<double> household_review_us;
  long errors = 0;
  bool sound = true;
};

int run(const Options& options) {
  platform::log::init("bench", "warn");
  const auto& stack = TestStack::get();
  pqxx::connection admin(stack.admin_dsn);
  CpuMeter meter(postmaster_pid(admin), nats_pid());
  CpuMeter hr_meter(0, 0);
  std::cout << "vnn-allocation-load: " << options.approvers << " approvers, " << options.rounds
            << " rounds x " << options.approvals << " approvals (warm-up " << options.warmup
            << "), against 1 fund and against " << options.funds << " funds, "
            << sysconf(_SC_NPROCESSORS_ONLN) << " cores\n";

  auto s = start_services();
  meter.set_service(s.allocation->pid());
  hr_meter.set_service(s.household_review->pid());
  const auto setup_began = SteadyClock::now();
  const Seed seed = seed_funds_and_campaign(s, admin, options.funds);

  // The plan: every support of the run, case by case and round by round.
  const std::size_t per_case =
      options.warmup + static_cast<std::size_t>(options.rounds) * options.approvals;
  const std::size_t total = 2 * per_case;
  const int households =
      static_cast<int>((total + kSupportsPerHousehold.size() - 1) / kSupportsPerHousehold.size());
  std::vector<std::pair<std::int64_t, std::string>> people;
  for (const char* unit : {"26242", "26236"}) {
    const int n = households / 2 + (std::string(unit) == "26242" ? households % 2 : 0);
    for (auto id : approved_households(s, seed, unit, n, options.setup_in_flight)) {
      people.emplace_back(id, unit);
    }
  }
  std::vector<Planned> plan;
  for (std::size_t k = 0; k < kSupportsPerHousehold.size() && plan.size() < total; ++k) {
    for (const auto& [id, unit] : people) {
      if (plan.size() == total) break;
      plan.push_back(
          {id, unit, kSupportsPerHousehold[k].first, kSupportsPerHousehold[k].second, "", 0});
    }
  }
  std::map<std::string, FundExpect> expect;
  for (std::size_t i = 0; i < total; ++i) {
    plan[i].fund = i < per_case ? seed.funds[0] : seed.funds[(i - per_case) % seed.funds.size()];
    expect[plan[i].fund].donated += plan[i].amount;
  }
  for (auto& [fund, e] : expect) {
    e.donated += 1'000'000;  // a little left over at the end
    donate(s, seed, fund, e.donated);
  }
  {
    const auto until = SteadyClock::now() + 60s;
    for (const auto& [fund, e] : expect) {
      while (scalar(admin, "SELECT received FROM allocation.fund WHERE fund_id = '" + fund + "'") !=
             std::to_string(e.donated)) {
        if (SteadyClock::now() > until) throw std::runtime_error("donations did not arrive");
        std::this_thread::sleep_for(20ms);
      }
    }
  }
  std::cout << "setup: " << options.funds << " funds, " << people.size() << " approved households, "
            << total << " supports planned, "
            << fixed(seconds_between(setup_began, SteadyClock::now()), 1) << " s\n";

  const std::string checker = bearer(Role::kDistrictOffice, "736", "checker");
  std::size_t cursor = 0;
  bool sound = check_invariants(s, admin, expect);
  auto approve = [&](std::size_t from, std::size_t n) {
    return Flight::run(n, options.approvers, [&, from](std::size_t i, Flight::Done done) {
      auto& p = plan[from + i];
      auto* call = new_call<av1::ApproveSupportRequest, av1::Support>(checker);
      call->request.set_request_id("approve-" + seed.suffix + "-" + std::to_string(from + i));
      call->request.set_support_id(p.support_id);
      s.stub->async()->ApproveSupport(&call->context, &call->request, &call->response,
                                      [&p, call, done](grpc::Status status) {
                                        p.approved = status.ok();
                                        delete call;
                                        done(status);
                                      });
    });
  };
  // What the approvals that succeeded made of the funds.
  auto account = [&](std::size_t from, std::size_t n) {
    for (std::size_t i = from; i < from + n; ++i) {
      if (!plan[i].approved) continue;
      auto& e = expect[plan[i].fund];
      e.approved += plan[i].amount;
      ++e.approvals;
    }
  };

  std::map<std::string, CaseFigures> cases;
  const std::vector<std::string> names = {"1 fund", std::to_string(options.funds) + " funds"};
  for (const auto& name : names) {
    auto& f = cases[name];
    if (options.warmup > 0) {
      propose(s, seed, plan, cursor, cursor + options.warmup, options.setup_in_flight);
      const auto warm = approve(cursor, options.warmup);
      require_clean(warm, "warm-up approvals");
      account(cursor, options.warmup);
      cursor += options.warmup;
      std::cout << name << ": warm-up " << options.warmup << " approvals, "
                << static_cast<long>(warm.rate()) << "/s (not counted)\n";
    }
    for (int r = 0; r < options.rounds; ++r) {
      const std::size_t n = options.approvals;
      propose(s, seed, plan, cursor, cursor + n, options.setup_in_flight);
      const double commits_before = commits(admin);
      const auto cpu_before = meter.sample();
      const auto hr_before = hr_meter.sample();
      const auto run = approve(cursor, n);
      const auto cpu_after = meter.sample();
      const auto hr_after = hr_meter.sample();
      // PostgreSQL publishes its counters about once a second: wait for them.
      std::this_thread::sleep_for(1100ms);
      const double commits_per_approval =
          run.latencies_ms.empty() ? 0
                                   : (commits(admin) - commits_before) / run.latencies_ms.size();
      account(cursor, n);
      cursor += n;
      const auto cpu = CpuMeter::split(cpu_before, cpu_after);
      const auto hr = CpuMeter::split(hr_before, hr_after);
      f.rates.push_back(run.rate());
      f.p50s.push_back(run.percentile_ms(0.50));
      f.p99s.push_back(run.percentile_ms(0.99));
      f.costs.push_back(per_unit(cpu, run.rate()));
      f.household_review_us.push_back(run.rate() > 0 ? hr.service * 1e6 / run.rate() : 0);
      f.errors += run.errors;
      std::string reasons;
      for (const auto& [reason, count] : run.reasons) {
        reasons += " " + reason + " " + std::to_string(count);
      }
      const bool round_sound = run.errors == 0 && check_invariants(s, admin, expect);
      f.sound = f.sound && round_sound;
      std::cout
          << name << ", round " << r + 1 << ": " << static_cast<long>(run.rate())
          << " approvals/s, p50 " << fixed(run.percentile_ms(0.50), 1) << " ms, p99 "
          << fixed(run.percentile_ms(0.99), 1) << " ms, errors " << run.errors
          << (reasons.empty() ? "" : " (" + reasons.substr(1) + "; first: " + run.first_error + ")")
          << "; invariants " << (round_sound ? "hold" : "BROKEN") << "; allocation peak RSS so far "
          << status_kib(s.allocation->pid(), "VmHWM") / 1024 << " MiB\n"
          << "           " << describe(cpu, "bench") << "\n"
          << "           " << describe(f.costs.back(), "approval", "bench") << "; household review "
          << fixed(f.household_review_us.back(), 0) << " µs; " << fixed(commits_per_approval, 1)
          << " PostgreSQL commits per approval (all services)\n";
    }
    sound = sound && f.sound;
  }

  const long peak_kib = status_kib(s.allocation->pid(), "VmHWM");
  for (const auto& name : names) {
    auto& f = cases[name];
    auto costs = f.costs;
    std::sort(costs.begin(), costs.end(),
              [](const CpuPerUnit& a, const CpuPerUnit& b) { return a.all() < b.all(); });
    const double rate = median(f.rates);
    const bool target_case = name != names[0];
    std::cout << (target_case ? verdict(rate >= kTargetApprovalsPerSecond && f.sound) + " "
                              : std::string())
              << "ApproveSupport, " << options.approvers << " approvers against " << name << ": "
              << static_cast<long>(rate) << " approvals/s, p50 " << fixed(median(f.p50s), 1)
              << " ms, p99 " << fixed(median(f.p99s), 1) << " ms (medians of " << options.rounds
              << " x " << options.approvals << "), errors " << f.errors << ", invariants "
              << (f.sound ? "held after every round" : "BROKEN")
              << (target_case ? ", target " + fixed(kTargetApprovalsPerSecond, 0) + "/s" : "")
              << "\n  " << describe(costs[costs.size() / 2], "approval", "bench")
              << "; household review " << fixed(median(f.household_review_us), 0)
              << " µs (the round with the median total)\n";
  }
  std::cout << "allocation peak RSS " << peak_kib / 1024 << " MiB; household review peak RSS "
            << status_kib(s.household_review->pid(), "VmHWM") / 1024 << " MiB\n";

  if (!options.skip_intake) intake_lag(s, admin, seed, options, meter);

  for (auto* p : {s.allocation.get(), s.donation.get(), s.household_review.get()}) {
    p->signal(SIGTERM);
    p->wait();
  }
  return sound ? 0 : 1;
}

}  // namespace
}  // namespace vnn::testing

int main(int argc, char** argv) {
  vnn::platform::skip_mutex_deadlock_detection();  // as the services do
  CLI::App app("ApproveSupport under load against one fund and many, and the ledger's lag");
  vnn::testing::Options options;
  app.add_option("--approvers", options.approvers, "ApproveSupport calls kept in flight")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--approvals", options.approvals, "approvals per round")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--rounds", options.rounds, "rounds per case (medians are reported)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--warmup", options.warmup, "uncounted approvals before each case")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--funds", options.funds, "funds of the spread case")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--setup-in-flight", options.setup_in_flight,
                 "calls in flight while setting up (households, proposals)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--intake-seconds", options.intake_seconds, "length of the donation intake")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--intake-callers", options.intake_callers, "RecordDonation calls in flight")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_flag("--skip-intake", options.skip_intake, "measure approvals only");
  CLI11_PARSE(app, argc, argv);
  try {
    return vnn::testing::run(options);
  } catch (const std::exception& e) {
    std::cerr << "vnn-allocation-load: " << e.what() << "\n";
    return 1;
  }
}
