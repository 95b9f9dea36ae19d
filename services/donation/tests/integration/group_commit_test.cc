// RecordDonation's group commit: concurrent calls on one fund share transactions, and still
// each call gets its own outcome, its own audit entry and a gapless, unique receipt number.

#include <atomic>
#include <barrier>
#include <chrono>
#include <set>
#include <thread>

#include "donation_fixture.h"

namespace vnn::testing {
namespace {

namespace v1 = donation::v1;
using grpc::StatusCode;

class GroupCommitTest : public DonationFixture {
 protected:
  // Runs `requests` at once, one thread each, released together so that they queue on one
  // fund's batch.
  std::vector<grpc::Status> record_together(const std::vector<v1::RecordDonationRequest>& requests,
                                            std::vector<v1::Donation>& out,
                                            std::vector<std::string>& fields) {
    const auto n = requests.size();
    std::vector<grpc::Status> statuses(n);
    out.assign(n, {});
    fields.assign(n, {});
    std::barrier start(static_cast<std::ptrdiff_t>(n));
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < n; ++i) {
      threads.emplace_back([&, i] {
        auto context = as(district());
        start.arrive_and_wait();
        statuses[i] = stub_->RecordDonation(context.get(), requests[i], &out[i]);
        fields[i] = field_of(*context);
      });
    }
    for (auto& t : threads) t.join();
    return statuses;
  }

  std::string fund_numbers() const {
    return scalar(
        "SELECT count(DISTINCT receipt_number) || ' ' || min(receipt_number) || '-' || "
        "max(receipt_number) FROM donation WHERE fund_id = '" +
        district_fund_ + "'");
  }
};

TEST_F(GroupCommitTest, OneBadCallInABatchFailsAloneAndIsAuditedAsRefused) {
  constexpr int kCalls = 48, kBad = 23;
  std::vector<v1::RecordDonationRequest> requests;
  for (int i = 0; i < kCalls; ++i) {
    requests.push_back(cash(10'000 + i, "gc-" + std::to_string(i) + "-" + suffix_));
  }
  // Passes every check that needs no database; the batch finds the mobiliser unknown.
  requests[kBad].set_mobiliser_id("no-such-mobiliser-" + suffix_);
  std::vector<v1::Donation> out;
  std::vector<std::string> fields;
  auto statuses = record_together(requests, out, fields);

  std::set<std::int64_t> numbers;
  for (int i = 0; i < kCalls; ++i) {
    if (i == kBad) {
      EXPECT_EQ(statuses[i].error_code(), StatusCode::INVALID_ARGUMENT);
      EXPECT_EQ(fields[i], "mobiliser_id");
      continue;
    }
    ASSERT_TRUE(statuses[i].ok()) << i << ": " << statuses[i].error_message();
    EXPECT_EQ(out[i].amount().dong(), 10'000 + i);
    EXPECT_EQ(out[i].receipt().fund_id(), district_fund_);
    EXPECT_EQ(out[i].donor().name(), "Nguyễn Văn An");
    // The response is what a read returns.
    v1::GetDonationRequest get;
    get.set_id(out[i].id());
    v1::Donation read;
    auto context = as(district());
    ASSERT_TRUE(stub_->GetDonation(context.get(), get, &read).ok());
    EXPECT_EQ(read.SerializeAsString(), out[i].SerializeAsString()) << i;
    numbers.insert(out[i].receipt().number());
  }
  // Gapless and unique: the bad call took no number.
  EXPECT_EQ(numbers.size(), static_cast<std::size_t>(kCalls - 1));
  EXPECT_EQ(*numbers.begin(), 1);
  EXPECT_EQ(*numbers.rbegin(), kCalls - 1);
  EXPECT_EQ(fund_numbers(), std::to_string(kCalls - 1) + " 1-" + std::to_string(kCalls - 1));
  EXPECT_EQ(
      scalar("SELECT last_number FROM receipt_counter WHERE fund_id = '" + district_fund_ + "'"),
      std::to_string(kCalls - 1));
  // Calls shared transactions (one xmin per commit), or this test shows nothing.
  EXPECT_LT(std::stoi(scalar("SELECT count(DISTINCT xmin::text) FROM donation WHERE fund_id = '" +
                             district_fund_ + "'")),
            kCalls - 1);

  const std::string bad_id = requests[kBad].request_id();
  EXPECT_EQ(scalar("SELECT outcome || ' ' || status_code FROM audit_log WHERE request_id = '" +
                   bad_id + "'"),
            "refused INVALID_ARGUMENT");
  EXPECT_EQ(scalar("SELECT count(*) FROM audit_log WHERE outcome = 'ok' AND request_id LIKE "
                   "'gc-%-" +
                   suffix_ + "'"),
            std::to_string(kCalls - 1));
  // Each call's own audit: what it changed, under its own request id.
  EXPECT_EQ(scalar("SELECT count(*) FROM audit_log a JOIN donation d ON "
                   "(a.changes->>'donation_id')::bigint = d.id WHERE a.request_id LIKE 'gc-%-" +
                   suffix_ + "' AND a.changes->>'amount_dong' = d.amount_dong::text"),
            std::to_string(kCalls - 1));
  // The refused call gave its request id back: corrected, it is recorded under the same id.
  auto fixed = requests[kBad];
  fixed.set_mobiliser_id(mobiliser_);
  v1::Donation retried;
  auto status = record(fixed, &retried);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(retried.receipt().number(), kCalls);
}

TEST_F(GroupCommitTest, RetriesOfOneRequestInOneBurstYieldOneDonation) {
  constexpr int kCalls = 32;
  std::vector<v1::RecordDonationRequest> requests;
  for (int i = 0; i < kCalls; ++i) {
    // Every fourth call repeats one request id: they land in the same batches.
    requests.push_back(cash(20'000, i % 4 == 0 ? "gc-same-" + suffix_
                                               : "gc-other-" + std::to_string(i) + "-" + suffix_));
  }
  std::vector<v1::Donation> out;
  std::vector<std::string> fields;
  auto statuses = record_together(requests, out, fields);
  for (int i = 0; i < kCalls; ++i) {
    ASSERT_TRUE(statuses[i].ok()) << i << ": " << statuses[i].error_message();
    if (i % 4 == 0) {
      EXPECT_EQ(out[i].id(), out[0].id());
    }
  }
  const int distinct = kCalls - kCalls / 4 + 1;
  EXPECT_EQ(fund_numbers(), std::to_string(distinct) + " 1-" + std::to_string(distinct));
  EXPECT_EQ(scalar("SELECT count(*) FROM audit_log WHERE request_id = 'gc-same-" + suffix_ +
                   "' AND detail = 'replayed'"),
            std::to_string(kCalls / 4 - 1));
}

// A batch claims its request ids with its responses, at the end. Retries of calls that have
// committed, arriving among fresh calls, replay: one whose key the batch finds taken, and one
// that the body refuses because its original's bank reference is used. The batch runs again
// claiming first; a reused id with a different request is refused alone, and the fresh calls
// commit once each.
TEST_F(GroupCommitTest, RetriesOfCommittedCallsAmongFreshCallsReplayWhileTheOthersCommit) {
  auto first_cash = cash(40'000, "gc-done-" + suffix_);
  auto first_bank = cash(40'500, "gc-done-bank-" + suffix_);
  first_bank.set_channel(v1::CHANNEL_BANK_TRANSFER);
  first_bank.set_bank_account_number(district_account_);
  first_bank.set_bank_reference("FT24DONE" + suffix_);
  const std::string reused_id = "gc-done-reused-" + suffix_;
  v1::Donation original_cash, original_bank, reused_first;
  for (auto [request, out] :
       {std::pair{&first_cash, &original_cash}, std::pair{&first_bank, &original_bank}}) {
    auto status = record(*request, out);
    ASSERT_TRUE(status.ok()) << status.error_message();
  }
  auto status = record(cash(42'000, reused_id), &reused_first);
  ASSERT_TRUE(status.ok()) << status.error_message();

  // The bank transfer's retry comes alone among fresh calls: only its refusal can tell it is
  // a retry. Then the cash retry and the reused id, whose keys the batches find taken.
  constexpr int kCalls = 24, kRetryBank = 11, kRetryCash = 7, kReused = 15;
  for (int burst = 0; burst < 2; ++burst) {
    std::vector<v1::RecordDonationRequest> requests;
    for (int i = 0; i < kCalls; ++i) {
      requests.push_back(cash(41'000 + i, "gc-fresh-" + std::to_string(burst) + "-" +
                                              std::to_string(i) + "-" + suffix_));
    }
    if (burst == 0) {
      requests[kRetryBank] = first_bank;
    } else {
      requests[kRetryCash] = first_cash;
      requests[kReused] = cash(99'000, reused_id);
    }
    std::vector<v1::Donation> out;
    std::vector<std::string> fields;
    auto statuses = record_together(requests, out, fields);
    for (int i = 0; i < kCalls; ++i) {
      if (burst == 1 && i == kReused) {
        EXPECT_EQ(statuses[i].error_code(), StatusCode::INVALID_ARGUMENT);
        EXPECT_EQ(fields[i], "request_id");
        continue;
      }
      ASSERT_TRUE(statuses[i].ok()) << burst << "/" << i << ": " << statuses[i].error_message();
      if (burst == 0 && i == kRetryBank) {
        EXPECT_EQ(out[i].SerializeAsString(), original_bank.SerializeAsString());
      } else if (burst == 1 && i == kRetryCash) {
        EXPECT_EQ(out[i].SerializeAsString(), original_cash.SerializeAsString());
      } else {
        EXPECT_EQ(out[i].amount().dong(), 41'000 + i);
      }
    }
  }
  // Three before the bursts, and the bursts' fresh calls: gapless, each once.
  const int donations = 3 + (kCalls - 1) + (kCalls - 2);
  EXPECT_EQ(fund_numbers(), std::to_string(donations) + " 1-" + std::to_string(donations));
  EXPECT_EQ(scalar("SELECT count(*) FROM idempotency_key WHERE request_id LIKE 'gc-%" + suffix_ +
                   "' AND response IS NOT NULL"),
            std::to_string(donations));
  for (const auto* request : {&first_cash, &first_bank}) {
    EXPECT_EQ(scalar("SELECT count(*) FROM audit_log WHERE request_id = '" + request->request_id() +
                     "' AND detail = 'replayed'"),
              "1");
  }
  // Refusals are audited by a background writer: the row comes shortly after the answer.
  std::string reused_audit;
  for (auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
       reused_audit != "refused INVALID_ARGUMENT" && std::chrono::steady_clock::now() < until;
       std::this_thread::sleep_for(std::chrono::milliseconds(20))) {
    reused_audit = scalar(
        "SELECT coalesce((SELECT outcome || ' ' || status_code FROM audit_log WHERE request_id = "
        "'" +
        reused_id + "' ORDER BY id DESC LIMIT 1), '')");
  }
  EXPECT_EQ(reused_audit, "refused INVALID_ARGUMENT");
}

TEST_F(GroupCommitTest, OneBankReferenceTwiceInABurstIsTakenOnce) {
  constexpr int kCalls = 24;
  std::vector<v1::RecordDonationRequest> requests;
  for (int i = 0; i < kCalls; ++i) {
    requests.push_back(cash(30'000 + i, "gc-bank-" + std::to_string(i) + "-" + suffix_));
  }
  for (int i : {5, 17}) {
    requests[i].set_channel(v1::CHANNEL_BANK_TRANSFER);
    requests[i].set_bank_account_number(district_account_);
    requests[i].set_bank_reference("FT24GC" + suffix_);
  }
  std::vector<v1::Donation> out;
  std::vector<std::string> fields;
  auto statuses = record_together(requests, out, fields);
  int taken = 0;
  for (int i = 0; i < kCalls; ++i) {
    if (i == 5 || i == 17) {
      if (statuses[i].ok()) {
        ++taken;
      } else {
        EXPECT_EQ(statuses[i].error_code(), StatusCode::ALREADY_EXISTS);
        EXPECT_EQ(fields[i], "bank_reference");
      }
      continue;
    }
    ASSERT_TRUE(statuses[i].ok()) << i << ": " << statuses[i].error_message();
  }
  EXPECT_EQ(taken, 1);
  EXPECT_EQ(fund_numbers(), std::to_string(kCalls - 1) + " 1-" + std::to_string(kCalls - 1));
}

// Batches predict their receipt numbers from the batches before them and move the fund's counter
// last. A number taken meanwhile by another path (a donation naming a pledge commits on its own)
// makes the next batch's prediction wrong: that batch runs again, and the numbers stay gapless.
TEST_F(GroupCommitTest, ANumberTakenByAnotherPathBetweenBurstsLeavesTheNumbersGapless) {
  constexpr int kBurst = 16;
  auto burst = [&](const std::string& name) {
    std::vector<v1::RecordDonationRequest> requests;
    for (int i = 0; i < kBurst; ++i) {
      requests.push_back(cash(40'000 + i, "gc-" + name + "-" + std::to_string(i) + "-" + suffix_));
    }
    std::vector<v1::Donation> out;
    std::vector<std::string> fields;
    auto statuses = record_together(requests, out, fields);
    for (int i = 0; i < kBurst; ++i) {
      EXPECT_TRUE(statuses[i].ok()) << name << " " << i << ": " << statuses[i].error_message();
    }
    return out;
  };
  auto before = burst("before");

  v1::RecordPledgeRequest pledge;
  pledge.set_request_id("gc-pledge-" + suffix_);
  pledge.set_campaign_id(campaign_);
  pledge.set_fund_id(district_fund_);
  pledge.mutable_donor()->set_kind(v1::DONOR_KIND_INDIVIDUAL);
  pledge.mutable_donor()->set_name("Trần Thị Bình");
  pledge.mutable_amount()->set_dong(500'000);
  *pledge.mutable_pledged_on() = cash(1, "unused").received_on();
  *pledge.mutable_due_on() = pledge.pledged_on();
  v1::Pledge pledged;
  auto status = stub_->RecordPledge(as(district()).get(), pledge, &pledged);
  ASSERT_TRUE(status.ok()) << status.error_message();
  auto fulfilling = cash(500'000, "gc-fulfil-" + suffix_);
  fulfilling.clear_donor();
  fulfilling.set_pledge_id(pledged.id());
  v1::Donation between;
  status = record(fulfilling, &between);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(between.receipt().number(), kBurst + 1);

  auto after = burst("after");
  std::set<std::int64_t> numbers{between.receipt().number()};
  for (const auto& d : before) numbers.insert(d.receipt().number());
  for (const auto& d : after) numbers.insert(d.receipt().number());
  EXPECT_EQ(numbers.size(), 2u * kBurst + 1);
  EXPECT_EQ(fund_numbers(),
            std::to_string(2 * kBurst + 1) + " 1-" + std::to_string(2 * kBurst + 1));
}

// A predicted number written meanwhile by another writer of the fund (here straight into the
// table, as another process would) is skipped by the batch's write, which then runs again
// from the counter: no call fails and the numbers stay gapless (rules/receipts.h).
TEST_F(GroupCommitTest, APredictedNumberTakenMeanwhileMakesTheBatchRunAgainFromTheCounter) {
  constexpr int kBurst = 8;
  auto burst = [&](const std::string& name) {
    std::vector<v1::RecordDonationRequest> requests;
    for (int i = 0; i < kBurst; ++i) {
      requests.push_back(cash(60'000 + i, "gc-" + name + "-" + std::to_string(i) + "-" + suffix_));
    }
    std::vector<v1::Donation> out;
    std::vector<std::string> fields;
    auto statuses = record_together(requests, out, fields);
    for (int i = 0; i < kBurst; ++i) {
      EXPECT_TRUE(statuses[i].ok()) << name << " " << i << ": " << statuses[i].error_message();
    }
    return out;
  };
  auto before = burst("taken-before");
  // The number the next batch predicts, taken from the counter and written behind its back.
  const std::string fund = "'" + district_fund_ + "'";
  ASSERT_EQ(scalar("WITH moved AS (UPDATE receipt_counter SET last_number = last_number + 1 "
                   "WHERE fund_id = " +
                   fund +
                   " RETURNING last_number, year) "
                   "INSERT INTO donation (campaign_id, fund_id, unit_code, donor_id, channel, "
                   "amount_dong, received_on, note, receipt_year, receipt_number, recorded_by) "
                   "SELECT d.campaign_id, d.fund_id, d.unit_code, d.donor_id, d.channel, "
                   "d.amount_dong, d.received_on, 'another writer', m.year, m.last_number, "
                   "d.recorded_by FROM donation d, moved m WHERE d.fund_id = " +
                   fund + " AND d.receipt_number = 1 RETURNING receipt_number"),
            std::to_string(kBurst + 1));
  auto after = burst("taken-after");
  std::set<std::int64_t> numbers;
  for (const auto& d : after) numbers.insert(d.receipt().number());
  EXPECT_EQ(*numbers.begin(), kBurst + 2);
  EXPECT_EQ(fund_numbers(),
            std::to_string(2 * kBurst + 1) + " 1-" + std::to_string(2 * kBurst + 1));
}

// Calls refused before they join a batch (no token, a role that may not record) are answered
// with their own status and hold up no batch. A verified caller's refusal is audited (in the
// background); a call without a valid token only counted, never written row by row.
TEST_F(GroupCommitTest, CallsRefusedBeforeTheirBatchAreAnsweredAndAudited) {
  v1::Donation out;
  auto anonymous = std::make_unique<grpc::ClientContext>();
  EXPECT_EQ(
      stub_->RecordDonation(anonymous.get(), cash(1'000, "gc-anon-" + suffix_), &out).error_code(),
      StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(record(cash(1'000, "gc-auditor-" + suffix_), &out, token(Role::kAuditor)).error_code(),
            StatusCode::PERMISSION_DENIED);
  std::string refused;
  for (auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
       refused.empty() && std::chrono::steady_clock::now() < until;
       std::this_thread::sleep_for(std::chrono::milliseconds(20))) {
    refused = scalar(
        "SELECT coalesce((SELECT outcome || ' ' || status_code FROM audit_log WHERE request_id = "
        "'gc-auditor-" +
        suffix_ + "'), '')");
  }
  EXPECT_EQ(refused, "refused PERMISSION_DENIED");
  EXPECT_EQ(scalar("SELECT count(*) FROM audit_log WHERE request_id = 'gc-anon-" + suffix_ + "'"),
            "0");
  ASSERT_TRUE(record(cash(1'000, "gc-after-" + suffix_), &out).ok());
  EXPECT_EQ(out.receipt().number(), 1);
}

}  // namespace
}  // namespace vnn::testing
