// RecordDonation under a flood: the group-commit queue is bounded, and a call that finds it full
// is answered RESOURCE_EXHAUSTED at once instead of growing the queue (and the pod's memory)
// without end.

#include <chrono>
#include <future>
#include <pqxx/pqxx>
#include <thread>
#include <vector>

#include "donation_fixture.h"
#include "vnn/platform/errors.h"

namespace vnn::testing {
namespace {

namespace v1 = donation::v1;
using grpc::StatusCode;
using namespace std::chrono_literals;

class AdmissionTest : public DonationFixture {
 protected:
  static constexpr int kMaxQueued = 2;
  void SetUp() override {
    service_env_["VNN_GROUP_COMMIT_MAX_QUEUED"] = std::to_string(kMaxQueued);
    service_env_["VNN_PRUNE_INTERVAL_S"] = "1";
    DonationFixture::SetUp();
  }

  std::future<grpc::Status> record_async(const v1::RecordDonationRequest& request) {
    return std::async(std::launch::async, [this, request] {
      v1::Donation out;
      return record(request, &out);
    });
  }

  // Sessions waiting for the lock the test holds on the donation table: batches that are taken
  // and stuck writing.
  std::int64_t blocked_batches() const {
    return std::stoll(
        scalar("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = "
               "'donation.donation'::regclass"));
  }
};

TEST_F(AdmissionTest, AFullGroupCommitQueueAnswersResourceExhausted) {
  // Another writer holds the donation table: batches taken now wait for it.
  pqxx::connection blocker(TestStack::get().admin_dsn);
  pqxx::work lock(blocker);
  lock.exec("LOCK TABLE donation.donation IN SHARE MODE");

  // Two calls, one after the other, fill the fund's two writing batches.
  std::vector<std::future<grpc::Status>> taken;
  for (int i = 0; i < 2; ++i) {
    taken.push_back(record_async(cash(1'000 + i, "adm-taken-" + std::to_string(i) + suffix_)));
    bool blocked = false;
    for (auto until = std::chrono::steady_clock::now() + 10s;
         !blocked && std::chrono::steady_clock::now() < until; std::this_thread::sleep_for(20ms)) {
      blocked = blocked_batches() >= i + 1;
    }
    ASSERT_TRUE(blocked) << "batch " << i << " never reached the lock";
  }

  // Now calls queue: kMaxQueued of them wait, the rest are refused at once.
  constexpr int kFlood = 6;
  std::vector<std::future<grpc::Status>> flood;
  for (int i = 0; i < kFlood; ++i) {
    flood.push_back(record_async(cash(2'000 + i, "adm-flood-" + std::to_string(i) + suffix_)));
  }
  // The refused ones are answered at once; the queued ones wait for the lock. (Not for long:
  // the batches stuck at the lock run into the statement-timeout ceiling after 10 s.)
  std::this_thread::sleep_for(1500ms);
  int exhausted = 0;
  std::vector<std::future<grpc::Status>> queued;
  for (auto& call : flood) {
    if (call.wait_for(0s) == std::future_status::ready) {
      const grpc::Status status = call.get();
      EXPECT_EQ(status.error_code(), StatusCode::RESOURCE_EXHAUSTED) << status.error_message();
      ++exhausted;
    } else {
      queued.push_back(std::move(call));
    }
  }
  EXPECT_EQ(exhausted, kFlood - kMaxQueued);
  EXPECT_EQ(queued.size(), static_cast<std::size_t>(kMaxQueued));

  // Once the writer lets go, every call that was admitted completes.
  lock.abort();
  for (auto& call : taken) {
    const grpc::Status status = call.get();
    EXPECT_TRUE(status.ok()) << status.error_message();
  }
  for (auto& call : queued) {
    const grpc::Status status = call.get();
    EXPECT_TRUE(status.ok()) << status.error_message();
  }
  // And the queue takes calls again.
  v1::Donation out;
  EXPECT_TRUE(record(cash(3'000, "adm-after-" + suffix_), &out).ok());
}

// A request id is its caller's own (AIP-155): two officers who send the same id (a fixed
// "seed-…", or one built from a bank reference) each get their own donation, and each one's
// retry gets that caller's stored answer. Through the group-commit path, in one burst.
TEST_F(AdmissionTest, TwoCallersWithOneRequestIdDoNotCollide) {
  const std::string id = "adm-shared-" + suffix_;
  auto officer = [&](const std::string& subject) {
    return token(Role::kDistrictOffice, {"736"}, {}, subject);
  };
  v1::Donation a, b, a_again, b_again;
  ASSERT_TRUE(record(cash(10'000, id), &a, officer("officer-a")).ok());
  const grpc::Status other = record(cash(20'000, id), &b, officer("officer-b"));
  ASSERT_TRUE(other.ok()) << other.error_message();
  EXPECT_NE(a.id(), b.id());
  EXPECT_EQ(b.amount().dong(), 20'000);
  ASSERT_TRUE(record(cash(10'000, id), &a_again, officer("officer-a")).ok());
  ASSERT_TRUE(record(cash(20'000, id), &b_again, officer("officer-b")).ok());
  EXPECT_EQ(a_again.SerializeAsString(), a.SerializeAsString());
  EXPECT_EQ(b_again.SerializeAsString(), b.SerializeAsString());
  // Someone else's id with another request is still refused for that caller alone.
  v1::Donation refused;
  EXPECT_EQ(record(cash(30'000, id), &refused, officer("officer-a")).error_code(),
            StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(scalar("SELECT count(*) FROM idempotency_key WHERE request_id = '" + id + "'"), "2");
}

// Idempotency keys older than VNN_IDEMPOTENCY_RETENTION_H (30 days) and inbox rows older than
// VNN_INBOX_RETENTION_H (120 days) are pruned by the service; recent ones stay.
TEST_F(AdmissionTest, OldIdempotencyAndInboxRowsArePrunedRecentOnesStay) {
  const std::string tag = "adm-prune-" + suffix_;
  scalar(
      "WITH k AS (INSERT INTO idempotency_key (method, request_id, subject, request_hash, "
      "created_at) VALUES ('m', '" +
      tag +
      "-old', 's', decode('00', 'hex'), now() - interval '400 days'), "
      "('m', '" +
      tag +
      "-new', 's', decode('00', 'hex'), now() - interval '1 day') RETURNING 1), "
      "i AS (INSERT INTO inbox (consumer, event_id, subject, outcome, processed_at) VALUES "
      "('c', '" +
      tag +
      "-old', 'vnn.x', 'applied', now() - interval '400 days'), "
      "('c', '" +
      tag +
      "-new', 'vnn.x', 'applied', now() - interval '1 day') RETURNING 1) "
      "SELECT (SELECT count(*) FROM k) + (SELECT count(*) FROM i)");
  auto left = [&] {
    return scalar("SELECT (SELECT count(*) FROM idempotency_key WHERE request_id LIKE '" + tag +
                  "%') || ' ' || (SELECT count(*) FROM inbox WHERE event_id LIKE '" + tag + "%')");
  };
  std::string now = left();
  for (auto until = std::chrono::steady_clock::now() + 15s;
       now != "1 1" && std::chrono::steady_clock::now() < until;
       std::this_thread::sleep_for(100ms)) {
    now = left();
  }
  EXPECT_EQ(now, "1 1");
  EXPECT_EQ(scalar("SELECT count(*) FROM idempotency_key WHERE request_id = '" + tag + "-new'"),
            "1");
  EXPECT_EQ(scalar("SELECT count(*) FROM inbox WHERE event_id = '" + tag + "-new'"), "1");
}

}  // namespace
}  // namespace vnn::testing
