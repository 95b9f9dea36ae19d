// A randomised concurrent test of the fund ledger (issue 15): many callers issue a random mix of
// donations, reversals, proposals, approvals, disbursements, completions and cancellations on
// three funds, while the test keeps its own model of every fund and checks each reply against
// it (as TigerBeetle's auditor does): an approval the model says fits must succeed, one it says
// cannot fit must fail. At the end, with every event applied, it checks every invariant: each
// posting balances, the balances equal the sums of the entries and the model's figures, no
// available balance is below zero except on a flagged fund, and every donation and reversal was
// posted once.
//
// The seed is printed; VNN_TEST_SEED=<seed> replays the same choices of operations (the
// interleaving of the callers is the machine's). VNN_TEST_OPS sets the number of operations.
//
// Donations and reversals reach allocation asynchronously, and callers race, so the model
// bounds each fund's available balance rather than knowing it: while an operation is in flight,
// the true available balance lies between
//   lo = received seen − reversals issued − reserved − disbursed − approvals in flight
//   hi = donations issued − reversed seen − reserved − disbursed + releases in flight
// (reserved and disbursed as confirmed by replies; "seen": the largest value GetFundBalance has
// shown, as both only grow). An approval of A whose window had A ≤ min lo must succeed; one with
// A > max hi must fail; in between either is right. A refusal must name an available amount
// within the window and below A, or be FUND_FLAGGED_SHORT while the fund may be short.

#include <cstdlib>
#include <deque>
#include <iostream>
#include <random>
#include <set>
#include <thread>

#include "allocation_fixture.h"

namespace vnn::testing {
namespace {

namespace av1 = allocation::v1;

enum class State { kProposed, kApproved, kDisbursed, kCompleted, kCancelled };

struct SupportModel {
  std::int64_t id = 0;
  std::int64_t household = 0;
  av1::SupportKind kind = av1::SUPPORT_KIND_UNSPECIFIED;
  std::string fund;
  std::int64_t amount = 0;
  std::int64_t paid = 0;  // handed over
  State state = State::kProposed;
  bool busy = false;  // an operation of a caller is on it
};

struct DonationModel {
  std::int64_t id = 0;
  std::int64_t amount = 0;
  bool reversed = false;
};

// The window of one operation in flight on a fund: the smallest lo and largest hi seen while it
// was. `own` is an approval's own amount, which is not held against itself.
struct Window {
  std::int64_t own = 0;
  std::int64_t lo = 0, hi = 0;
};

struct FundModel {
  std::int64_t donated_issued = 0, received_seen = 0;
  std::int64_t reversal_issued = 0, reversed_seen = 0;
  std::int64_t reserved = 0, disbursed = 0;  // confirmed by replies
  std::int64_t approvals_in_flight = 0, releases_in_flight = 0;
  int donations = 0, reversals = 0;  // recorded (replies received)
  std::vector<DonationModel> donation_list;
  std::set<Window*> open;

  std::int64_t lo() const {
    return received_seen - reversal_issued - reserved - disbursed - approvals_in_flight;
  }
  std::int64_t hi() const {
    return donated_issued - reversed_seen - reserved - disbursed + releases_in_flight;
  }
};

struct Tally {
  int must_fit_approved = 0, cannot_fit_refused = 0, either_approved = 0, either_refused = 0;
  int flagged_refusals = 0, approvals = 0, disbursements = 0, partial = 0, completions = 0;
  int cancellations = 0, cancelled_approved = 0, proposals = 0, limit_probes = 0;
  int donations = 0, reversals = 0, observations = 0, verifications = 0, wrong_state_probes = 0;
};

std::string state_word(State s) {
  switch (s) {
    case State::kProposed:
      return "proposed";
    case State::kApproved:
      return "approved";
    case State::kDisbursed:
      return "disbursed";
    case State::kCompleted:
      return "completed";
    case State::kCancelled:
      return "cancelled";
  }
  return "?";
}

class RandomisedLedgerTest : public AllocationFixture {
 protected:
  static constexpr int kHouseholdsPerCommune = 24;
  static constexpr int kCallers = 8;

  void SetUp() override {
    AllocationFixture::SetUp();
    if (HasFailure()) return;
    for (const char* unit : {kPhuTuc, kPhuCuong}) {
      for (auto id : approved_households(unit, kHouseholdsPerCommune))
        households_list_.push_back(id);
    }
    for (const char* unit : {kDistrict, kPhuTuc, kPhuCuong}) funds_list_.push_back(fund_of(unit));
    for (const auto& f : funds_list_) model_[f];
    // How many active supports of a kind a household may have: the regulation in force.
    av1::GetRegulationRequest request;
    av1::Regulation regulation;
    const auto status = stub_->GetRegulation(client_context(commune()).get(), request, &regulation);
    ASSERT_TRUE(status.ok()) << status.error_message();
    for (const auto& norm : regulation.norms()) limit_[norm.kind()] = norm.max_per_campaign();
    ASSERT_GE(limit_[av1::SUPPORT_KIND_FOOD_AND_GIFTS], 1);
    ASSERT_GE(limit_[av1::SUPPORT_KIND_PRODUCTION_CAPITAL], 1);
  }

  // ---- The model's bookkeeping (all under mutex_).
  void refresh(const std::string& fund) {
    auto& m = model_[fund];
    const auto lo = m.lo(), hi = m.hi();
    for (auto* w : m.open) {
      w->lo = std::min(w->lo, lo + w->own);
      w->hi = std::max(w->hi, hi);
    }
  }
  void open(const std::string& fund, Window* w) {
    auto& m = model_[fund];
    w->lo = m.lo() + w->own;
    w->hi = m.hi();
    m.open.insert(w);
  }

  // ---- Operations; each returns false when there was nothing to do it on.
  bool donate_op(std::mt19937_64& random) {
    const auto& fund = funds_list_[random() % funds_list_.size()];
    const std::int64_t amount = 500'000 + static_cast<std::int64_t>(random() % 46) * 100'000;
    {
      std::lock_guard lock(mutex_);
      model_[fund].donated_issued += amount;
      refresh(fund);
    }
    const auto donation = donate(fund, amount);
    std::lock_guard lock(mutex_);
    auto& m = model_[fund];
    if (donation.id() == 0) {
      m.donated_issued -= amount;  // refused (the test has failed already)
    } else {
      m.donation_list.push_back({donation.id(), amount, false});
      ++m.donations;
      ++tally_.donations;
    }
    refresh(fund);
    return true;
  }

  bool reverse_op(std::mt19937_64& random) {
    const auto& fund = funds_list_[random() % funds_list_.size()];
    std::int64_t donation_id = 0, amount = 0;
    {
      std::lock_guard lock(mutex_);
      auto& m = model_[fund];
      std::vector<DonationModel*> candidates;
      for (auto& d : m.donation_list) {
        if (!d.reversed) candidates.push_back(&d);
      }
      if (candidates.size() < 2) return false;  // keep the first donation
      auto* d = candidates[1 + random() % (candidates.size() - 1)];
      d->reversed = true;
      donation_id = d->id;
      amount = d->amount;
      m.reversal_issued += amount;
      refresh(fund);
    }
    donation::v1::Donation reversal;
    const auto status = reverse(donation_id, &reversal);
    EXPECT_TRUE(status.ok()) << "reversing donation " << donation_id << ": "
                             << status.error_message();
    std::lock_guard lock(mutex_);
    auto& m = model_[fund];
    if (status.ok()) {
      EXPECT_EQ(reversal.amount().dong(), -amount);
      ++m.reversals;
      ++tally_.reversals;
    } else {
      m.reversal_issued -= amount;
    }
    refresh(fund);
    return true;
  }

  bool propose_op(std::mt19937_64& random) {
    std::int64_t household = 0;
    av1::SupportKind kind{};
    {
      std::lock_guard lock(mutex_);
      for (int tries = 0; tries < 8 && household == 0; ++tries) {
        const auto h = households_list_[random() % households_list_.size()];
        const auto k =
            random() % 2 ? av1::SUPPORT_KIND_FOOD_AND_GIFTS : av1::SUPPORT_KIND_PRODUCTION_CAPITAL;
        if (active_[{h, k}] < limit_[k]) {
          ++active_[{h, k}];
          household = h;
          kind = k;
        }
      }
    }
    if (household == 0) return false;
    const auto& fund = random() % 2 ? district_fund() : commune_fund(unit_of(household));
    const std::int64_t amount = kind == av1::SUPPORT_KIND_FOOD_AND_GIFTS
                                    ? 100'000 + static_cast<std::int64_t>(random() % 9) * 50'000
                                    : 1'000'000 + static_cast<std::int64_t>(random() % 9) * 500'000;
    Support out;
    const auto status = propose(support_request(household, kind, fund, amount), &out);
    EXPECT_TRUE(status.ok()) << "proposing " << av1::SupportKind_Name(kind) << " for household "
                             << household << ": " << status.error_message();
    std::lock_guard lock(mutex_);
    if (!status.ok()) {
      --active_[{household, kind}];
      return true;
    }
    EXPECT_EQ(out.state(), av1::SUPPORT_STATE_PROPOSED);
    EXPECT_EQ(out.from_funds().dong(), amount);
    supports_.push_back({out.id(), household, kind, fund, amount, 0, State::kProposed, false});
    ++tally_.proposals;
    return true;
  }

  // One more active support of a kind than the household may have: refused by the regulation's
  // limit. Its supports of the kind are held, so that no cancellation frees a place meanwhile.
  bool limit_probe_op(std::mt19937_64& random) {
    std::int64_t household = 0;
    av1::SupportKind kind{};
    std::string fund;
    std::vector<std::size_t> held;
    {
      std::lock_guard lock(mutex_);
      if (supports_.empty()) return false;
      const auto& s = supports_[random() % supports_.size()];
      if (active_[{s.household, s.kind}] < limit_[s.kind]) return false;
      for (std::size_t i = 0; i < supports_.size(); ++i) {
        auto& other = supports_[i];
        if (other.household != s.household || other.kind != s.kind ||
            other.state == State::kCancelled) {
          continue;
        }
        if (other.busy) {
          for (const auto h : held) supports_[h].busy = false;
          return false;
        }
        other.busy = true;
        held.push_back(i);
      }
      // A proposal still in flight counts in active_ but is not among the supports yet: the
      // server may take this probe first, so it proves nothing.
      if (static_cast<int>(held.size()) < limit_[s.kind]) {
        for (const auto h : held) supports_[h].busy = false;
        return false;
      }
      household = s.household;
      kind = s.kind;
      fund = s.fund;
    }
    Support out;
    const auto status = propose(support_request(household, kind, fund, 100'000), &out);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
        << "support " << limit_[kind] + 1 << " of " << av1::SupportKind_Name(kind)
        << " for household " << household << " (limit " << limit_[kind]
        << "): " << status.error_message();
    EXPECT_EQ(details(status).reason, "SUPPORT_LIMIT_REACHED") << status.error_message();
    std::lock_guard lock(mutex_);
    for (const auto h : held) supports_[h].busy = false;
    if (status.ok()) {  // wrong, but the model must know it to check the rest
      ++active_[{household, kind}];
      supports_.push_back({out.id(), household, kind, fund, 100'000, 0, State::kProposed, false});
    }
    ++tally_.limit_probes;
    return true;
  }

  // Claims a support in one of `states` for this caller; nullptr if none is free.
  SupportModel* claim(std::mt19937_64& random, std::initializer_list<State> states) {
    std::vector<SupportModel*> candidates;
    for (auto& s : supports_) {
      if (s.busy) continue;
      for (auto st : states) {
        if (s.state == st) candidates.push_back(&s);
      }
    }
    if (candidates.empty()) return nullptr;
    auto* s = candidates[random() % candidates.size()];
    s->busy = true;
    return s;
  }

  bool approve_op(std::mt19937_64& random) {
    SupportModel* s = nullptr;
    Window window;
    {
      std::lock_guard lock(mutex_);
      s = claim(random, {State::kProposed});
      if (!s) return false;
      window.own = s->amount;
      open(s->fund, &window);
      model_[s->fund].approvals_in_flight += s->amount;
      refresh(s->fund);
    }
    Support out;
    const auto status = approve(s->id, &out);
    std::lock_guard lock(mutex_);
    auto& m = model_[s->fund];
    m.open.erase(&window);
    m.approvals_in_flight -= s->amount;
    const bool must_fit = s->amount <= window.lo;
    const bool cannot_fit = s->amount > window.hi;
    const std::string where = "approval of support " + std::to_string(s->id) + " (" +
                              std::to_string(s->amount) + " đ from " + s->fund +
                              ", model window [" + std::to_string(window.lo) + ", " +
                              std::to_string(window.hi) + "])";
    if (status.ok()) {
      EXPECT_FALSE(cannot_fit) << where << " succeeded though it could not fit";
      EXPECT_EQ(out.state(), av1::SUPPORT_STATE_APPROVED) << where;
      s->state = State::kApproved;
      m.reserved += s->amount;
      ++tally_.approvals;
      ++(must_fit ? tally_.must_fit_approved : tally_.either_approved);
    } else {
      const auto d = details(status);
      EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
          << where << ": " << status.error_message();
      EXPECT_FALSE(must_fit) << where << " was refused though it fitted: " << d.reason << " "
                             << status.error_message();
      if (d.reason == "FUND_INSUFFICIENT") {
        const auto available = d.metadata.find("available_dong");
        if (available == d.metadata.end()) {
          ADD_FAILURE() << where << ": no available_dong in the details";
        } else {
          const std::int64_t a = std::stoll(available->second);
          EXPECT_LT(a, s->amount) << where << ": refused with " << a << " đ available";
          EXPECT_GE(a, window.lo) << where;
          EXPECT_LE(a, window.hi) << where;
        }
        EXPECT_EQ(d.metadata.count("fund_id") ? d.metadata.at("fund_id") : "", s->fund) << where;
        ++(cannot_fit ? tally_.cannot_fit_refused : tally_.either_refused);
      } else if (d.reason == "FUND_FLAGGED_SHORT") {
        EXPECT_LT(window.lo, 0) << where << ": refused as flagged short, yet never short";
        ++tally_.flagged_refusals;
      } else {
        ADD_FAILURE() << where << ": unexpected refusal " << d.reason << " "
                      << status.error_message();
      }
    }
    s->busy = false;
    refresh(s->fund);
    return true;
  }

  bool disburse_op(std::mt19937_64& random) {
    SupportModel* s = nullptr;
    std::int64_t paid = 0;
    {
      std::lock_guard lock(mutex_);
      s = claim(random, {State::kApproved});
      if (!s) return false;
      paid = s->amount;
      if (random() % 10 < 3) paid = s->amount / 10 * static_cast<std::int64_t>(6 + random() % 4);
      model_[s->fund].releases_in_flight += s->amount - paid;
      refresh(s->fund);
    }
    std::map<std::string, std::int64_t> partial;
    if (paid != s->amount) partial[s->fund] = paid;
    Support out;
    const auto status = disburse(s->id, &out, partial);
    EXPECT_TRUE(status.ok()) << "disbursing support " << s->id << ": " << status.error_message();
    std::lock_guard lock(mutex_);
    auto& m = model_[s->fund];
    m.releases_in_flight -= s->amount - paid;
    if (status.ok()) {
      EXPECT_EQ(out.state(), av1::SUPPORT_STATE_DISBURSED);
      EXPECT_EQ(out.disbursed().dong(), paid) << "support " << s->id;
      s->state = State::kDisbursed;
      s->paid = paid;
      m.reserved -= s->amount;
      m.disbursed += paid;
      ++tally_.disbursements;
      if (paid != s->amount) ++tally_.partial;
    }
    s->busy = false;
    refresh(s->fund);
    return true;
  }

  bool complete_op(std::mt19937_64& random) {
    SupportModel* s = nullptr;
    {
      std::lock_guard lock(mutex_);
      s = claim(random, {State::kDisbursed});
      if (!s) return false;
    }
    Support out;
    const auto status = complete(s->id, &out);
    EXPECT_TRUE(status.ok()) << "completing support " << s->id << ": " << status.error_message();
    std::lock_guard lock(mutex_);
    if (status.ok()) {
      s->state = State::kCompleted;
      ++tally_.completions;
    }
    s->busy = false;
    return true;
  }

  bool cancel_op(std::mt19937_64& random) {
    SupportModel* s = nullptr;
    std::int64_t release = 0;
    {
      std::lock_guard lock(mutex_);
      s = claim(random, {State::kProposed, State::kApproved});
      if (!s) return false;
      if (s->state == State::kApproved) release = s->amount;
      model_[s->fund].releases_in_flight += release;
      refresh(s->fund);
    }
    Support out;
    const auto status = cancel(s->id, &out);
    EXPECT_TRUE(status.ok()) << "cancelling " << state_word(s->state) << " support " << s->id
                             << ": " << status.error_message();
    std::lock_guard lock(mutex_);
    auto& m = model_[s->fund];
    m.releases_in_flight -= release;
    if (status.ok()) {
      EXPECT_EQ(out.state(), av1::SUPPORT_STATE_CANCELLED);
      if (release) {
        m.reserved -= release;
        ++tally_.cancelled_approved;
      }
      s->state = State::kCancelled;
      --active_[{s->household, s->kind}];  // its place is free again
      ++tally_.cancellations;
    }
    s->busy = false;
    refresh(s->fund);
    return true;
  }

  // A transition the support's state does not allow: cancelling a handed-over support, or
  // disbursing a proposed one. Refused, with the ledger untouched.
  bool wrong_state_op(std::mt19937_64& random) {
    SupportModel* s = nullptr;
    {
      std::lock_guard lock(mutex_);
      s = claim(random, {State::kProposed, State::kDisbursed, State::kCompleted});
      if (!s) return false;
    }
    const auto status = s->state == State::kProposed ? disburse(s->id) : cancel(s->id);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
        << (s->state == State::kProposed ? "disbursing " : "cancelling ") << state_word(s->state)
        << " support " << s->id << ": " << status.error_message();
    EXPECT_EQ(details(status).reason, "SUPPORT_STATE_CONFLICT") << status.error_message();
    std::lock_guard lock(mutex_);
    s->busy = false;
    ++tally_.wrong_state_probes;
    return true;
  }

  // Reads a balance: within the model's window, never below zero unless flagged.
  bool observe_op(std::mt19937_64& random) {
    const auto& fund = funds_list_[random() % funds_list_.size()];
    Window window;
    {
      std::lock_guard lock(mutex_);
      open(fund, &window);
    }
    av1::FundBalance b;
    const auto status = balance(fund, &b);
    std::lock_guard lock(mutex_);
    auto& m = model_[fund];
    m.open.erase(&window);
    if (status.ok()) {
      const std::string where = "balance of " + fund + " " + b.ShortDebugString() +
                                " (model window [" + std::to_string(window.lo) + ", " +
                                std::to_string(window.hi) + "])";
      EXPECT_GE(b.available().dong(), window.lo) << where;
      EXPECT_LE(b.available().dong(), window.hi) << where;
      EXPECT_EQ(b.available().dong(), b.received().dong() - b.reversed().dong() -
                                          b.reserved().dong() - b.disbursed().dong())
          << where;
      if (b.available().dong() < 0) {
        EXPECT_TRUE(b.flagged_short()) << where;
        EXPECT_EQ(b.shortfall().dong(), -b.available().dong()) << where;
      }
      m.received_seen = std::max(m.received_seen, b.received().dong());
      m.reversed_seen = std::max(m.reversed_seen, b.reversed().dong());
      ++tally_.observations;
    } else if (status.error_code() != grpc::StatusCode::NOT_FOUND) {
      ADD_FAILURE() << "GetFundBalance(" << fund << "): " << status.error_message();
    }
    refresh(fund);
    return true;
  }

  bool verify_op(std::mt19937_64& random) {
    const auto& fund = funds_list_[random() % funds_list_.size()];
    av1::VerifyLedgerRequest r;
    r.set_fund_id(fund);
    av1::LedgerVerification out;
    const auto status = stub_->VerifyLedger(client_context(auditor()).get(), r, &out);
    if (status.error_code() == grpc::StatusCode::NOT_FOUND) return true;  // no event yet
    EXPECT_TRUE(status.ok()) << "VerifyLedger(" << fund << "): " << status.error_message();
    EXPECT_TRUE(out.balanced()) << "during the run: " << out.ShortDebugString();
    EXPECT_TRUE(out.matches()) << "during the run: " << out.ShortDebugString();
    std::lock_guard lock(mutex_);
    ++tally_.verifications;
    return true;
  }

  void caller(std::uint64_t seed, int ops) {
    std::mt19937_64 random(seed);
    // Weights of the operations, in the order of the switch below.
    static constexpr int kWeights[] = {12, 4, 22, 24, 10, 4, 10, 2, 2, 6, 2};
    int total = 0;
    for (int w : kWeights) total += w;
    for (int done = 0; done < ops && !HasFatalFailure();) {
      int pick = static_cast<int>(random() % static_cast<unsigned>(total));
      int op = 0;
      while (pick >= kWeights[op]) pick -= kWeights[op++];
      bool did = false;
      switch (op) {
        case 0:
          did = donate_op(random);
          break;
        case 1:
          did = reverse_op(random);
          break;
        case 2:
          did = propose_op(random);
          break;
        case 3:
          did = approve_op(random);
          break;
        case 4:
          did = disburse_op(random);
          break;
        case 5:
          did = complete_op(random);
          break;
        case 6:
          did = cancel_op(random);
          break;
        case 7:
          did = limit_probe_op(random);
          break;
        case 8:
          did = wrong_state_op(random);
          break;
        case 9:
          did = observe_op(random);
          break;
        default:
          did = verify_op(random);
          break;
      }
      if (did) ++done;
    }
  }

  std::mutex mutex_;
  std::vector<std::int64_t> households_list_;
  std::vector<std::string> funds_list_;
  std::map<std::string, FundModel> model_;
  std::deque<SupportModel> supports_;  // stable addresses
  std::map<int, int> limit_;           // kind → active supports a household may have per campaign
  std::map<std::pair<std::int64_t, int>, int> active_;  // (household, kind) → active supports
  Tally tally_;
};

std::uint64_t test_seed() {
  if (const char* s = std::getenv("VNN_TEST_SEED"); s && *s) return std::stoull(s);
  return std::random_device{}() * 4294967296ULL + std::random_device{}();
}

int test_ops() {
  if (const char* s = std::getenv("VNN_TEST_OPS"); s && *s) return std::stoi(s);
  return 1600;
}

TEST_F(RandomisedLedgerTest, EveryReplyMatchesTheModelAndEveryInvariantHolds) {
  ASSERT_FALSE(HasFailure());
  const std::uint64_t seed = test_seed();
  const int ops = test_ops();
  std::cout << "randomised ledger test: seed " << seed << " (replay: VNN_TEST_SEED=" << seed
            << "), " << ops << " operations by " << kCallers << " callers" << std::endl;
  RecordProperty("seed", std::to_string(seed));
  SCOPED_TRACE("VNN_TEST_SEED=" + std::to_string(seed));

  // Some money in every fund first, so that approvals have something to race for.
  for (const auto& fund : funds_list_) {
    const auto d = donate(fund, 8'000'000);
    std::lock_guard lock(mutex_);
    model_[fund].donated_issued += 8'000'000;
    model_[fund].donation_list.push_back({d.id(), 8'000'000, false});
    ++model_[fund].donations;
  }
  for (const auto& fund : funds_list_) {
    const auto b = wait_for_net_received(fund, 8'000'000);
    model_[fund].received_seen = b.received().dong();
  }
  ASSERT_FALSE(HasFailure());

  const auto started = std::chrono::steady_clock::now();
  std::vector<std::thread> callers;
  for (int i = 0; i < kCallers; ++i) {
    callers.emplace_back([this, seed, ops, i] {
      caller(seed + 0x9E3779B97F4A7C15ULL * static_cast<std::uint64_t>(i + 1), ops / kCallers);
    });
  }
  for (auto& t : callers) t.join();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  // Quiescence: every donation and reversal applied.
  std::map<std::string, av1::FundBalance> final_balance;
  for (const auto& fund : funds_list_) {
    const auto& m = model_[fund];
    final_balance[fund] = wait_for_balance(
        fund,
        [&m](const av1::FundBalance& b) {
          return b.received().dong() == m.donated_issued &&
                 b.reversed().dong() == m.reversal_issued;
        },
        "every donation and reversal applied");
  }

  for (const auto& fund : funds_list_) {
    SCOPED_TRACE(fund);
    const auto& m = model_[fund];
    const auto& b = final_balance[fund];
    // The balances are the model's.
    EXPECT_EQ(b.received().dong(), m.donated_issued);
    EXPECT_EQ(b.reversed().dong(), m.reversal_issued);
    EXPECT_EQ(b.reserved().dong(), m.reserved);
    EXPECT_EQ(b.disbursed().dong(), m.disbursed);
    const std::int64_t available = m.donated_issued - m.reversal_issued - m.reserved - m.disbursed;
    EXPECT_EQ(b.available().dong(), available);
    // No available balance below zero except on a flagged fund, whose shortfall it shows.
    EXPECT_EQ(b.flagged_short(), available < 0) << b.ShortDebugString();
    EXPECT_EQ(b.shortfall().dong(), available < 0 ? -available : 0) << b.ShortDebugString();
    std::int64_t reserved_by_supports = 0, paid_by_supports = 0;
    for (const auto& s : supports_) {
      if (s.fund != fund) continue;
      if (s.state == State::kApproved) reserved_by_supports += s.amount;
      if (s.state == State::kDisbursed || s.state == State::kCompleted) paid_by_supports += s.paid;
    }
    EXPECT_EQ(m.reserved, reserved_by_supports);
    EXPECT_EQ(m.disbursed, paid_by_supports);

    // The ledger: recomputed by the service, and by this test from the postings themselves.
    const auto verification = verify_ledger(fund);
    const auto all = postings(fund);
    EXPECT_EQ(verification.postings(), static_cast<std::int64_t>(all.size()));
    // The version counts postings, and (as implemented) raising or lowering the flag.
    EXPECT_GE(b.version(), static_cast<std::int64_t>(all.size()));
    std::map<int, std::int64_t> sums;
    std::map<int, int> kinds;
    std::set<std::pair<int, std::string>> causes;
    for (const auto& p : all) {
      std::int64_t sum = 0;
      for (const auto& e : p.entries()) {
        sum += e.amount_dong();
        sums[e.account()] += e.amount_dong();
      }
      EXPECT_EQ(sum, 0) << "posting " << p.ShortDebugString();
      EXPECT_EQ(p.fund_id(), fund);
      ++kinds[p.kind()];
      EXPECT_TRUE(causes.insert({p.kind(), p.reference()}).second)
          << "posted twice: " << p.ShortDebugString();
    }
    EXPECT_EQ(sums[av1::LEDGER_ACCOUNT_AVAILABLE], b.available().dong());
    EXPECT_EQ(sums[av1::LEDGER_ACCOUNT_RESERVED], b.reserved().dong());
    EXPECT_EQ(sums[av1::LEDGER_ACCOUNT_DISBURSED], b.disbursed().dong());
    EXPECT_EQ(-sums[av1::LEDGER_ACCOUNT_DONATIONS], b.received().dong());
    EXPECT_EQ(sums[av1::LEDGER_ACCOUNT_REVERSALS], b.reversed().dong());
    // Every event applied once: one posting per donation and per reversal.
    EXPECT_EQ(kinds[av1::POSTING_KIND_DONATION], m.donations);
    EXPECT_EQ(kinds[av1::POSTING_KIND_REVERSAL], m.reversals);
    int approved_ever = 0, posted = 0;
    for (const auto& s : supports_) {
      if (s.fund != fund || s.state == State::kProposed) continue;
      if (s.state != State::kCancelled) ++approved_ever;
      if (s.state == State::kDisbursed || s.state == State::kCompleted) ++posted;
    }
    EXPECT_EQ(kinds[av1::POSTING_KIND_POST], posted);
    EXPECT_GE(kinds[av1::POSTING_KIND_RESERVE], approved_ever);
    EXPECT_EQ(kinds[av1::POSTING_KIND_RESERVE], approved_ever + kinds[av1::POSTING_KIND_VOID])
        << "every reservation is live, posted, or voided once";
    // The database agrees: one reservation per approval, resolved at most once.
    EXPECT_EQ(scalar("SELECT count(*) FROM reservation WHERE fund_id = '" + fund + "'"),
              std::to_string(kinds[av1::POSTING_KIND_RESERVE]));
    EXPECT_EQ(scalar("SELECT count(*) FROM reservation r JOIN reservation_resolution x ON "
                     "x.reservation_id = r.id WHERE r.fund_id = '" +
                     fund + "'"),
              std::to_string(kinds[av1::POSTING_KIND_POST] + kinds[av1::POSTING_KIND_VOID]));
  }
  // The inbox: each donation event of the test applied once (its postings above), and the
  // donation service's outbox rows of this test's funds all consumed.
  EXPECT_EQ(scalar("SELECT count(*) FROM (SELECT event_id FROM inbox GROUP BY consumer, event_id "
                   "HAVING count(*) > 1) AS twice"),
            "0");
  EXPECT_EQ(scalar("SELECT count(*) FROM support WHERE campaign_id = '" + campaign_ + "'"),
            std::to_string(supports_.size()));

  const auto& t = tally_;
  std::cout << "randomised ledger test: " << static_cast<int>(seconds * 10) / 10.0
            << " s; approvals " << t.approvals << " (" << t.must_fit_approved << " had to fit, "
            << t.either_approved << " might), refusals " << t.cannot_fit_refused
            << " could not fit, " << t.either_refused << " might not, " << t.flagged_refusals
            << " flagged short; proposals " << t.proposals << ", disbursements " << t.disbursements
            << " (" << t.partial << " partial), completions " << t.completions << ", cancellations "
            << t.cancellations << " (" << t.cancelled_approved << " approved), donations "
            << t.donations << ", reversals " << t.reversals << ", limit probes " << t.limit_probes
            << ", wrong-state probes " << t.wrong_state_probes << ", balance reads "
            << t.observations << ", verifications " << t.verifications << "; seed " << seed
            << std::endl;
  EXPECT_GT(t.approvals, 0);
}

}  // namespace
}  // namespace vnn::testing
