// Approving a commune's proposed supports at once (issue 15): the preview lists them with what
// each fund needs, has and lacks; ApproveBatch with the preview's ids approves all of them in
// one call, refuses a stale list (BATCH_CHANGED), and approves nothing when a fund falls short.

#include <barrier>
#include <thread>

#include "support_test_helpers.h"

namespace vnn::testing {
namespace {

namespace av1 = allocation::v1;

class BatchApprovalTest : public SupportTest {
 protected:
  av1::BatchPreview preview(const std::string& bearer) {
    av1::PreviewBatchApprovalRequest r;
    r.set_campaign_id(campaign_);
    r.set_unit_code(kPhuTuc);
    av1::BatchPreview out;
    const auto status = stub_->PreviewBatchApproval(client_context(bearer).get(), r, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return out;
  }

  grpc::Status approve_batch(const std::string& bearer, const std::vector<std::int64_t>& ids,
                             av1::ApproveBatchResponse* out) {
    av1::ApproveBatchRequest r;
    r.set_request_id(request_id("batch"));
    r.set_campaign_id(campaign_);
    r.set_unit_code(kPhuTuc);
    for (const auto id : ids) r.add_support_ids(id);
    r.set_note("Đồng ý theo biên bản họp Ban Thường trực");
    return stub_->ApproveBatch(client_context(bearer).get(), r, out);
  }

  static std::vector<std::int64_t> ids_of(const av1::BatchPreview& p) {
    return {p.support_ids().begin(), p.support_ids().end()};
  }

  av1::SupportState state_of(std::int64_t id) {
    Support s;
    EXPECT_TRUE(get_support(id, district(), &s).ok());
    return s.state();
  }
};

TEST_F(BatchApprovalTest, ThePreviewsListIsApprovedAllOrNothing) {
  const auto households = approved_households(kPhuTuc, 4);
  ASSERT_EQ(households.size(), 4u);
  const auto& fund = commune_fund(kPhuTuc);
  donate(fund, 3'000'000);
  wait_for_net_received(fund, 3'000'000);
  const auto checker = commune(kPhuTuc, "checker");

  std::vector<std::int64_t> ids;
  for (int i = 0; i < 3; ++i) {
    ids.push_back(
        proposed(support_request(households[i], av1::SUPPORT_KIND_FOOD_AND_GIFTS, fund, 1'000'000))
            .id());
  }

  // The checker's preview: the three, 3 M needed from the commune fund, which has them.
  auto p = preview(checker);
  EXPECT_EQ(ids_of(p), ids);
  EXPECT_EQ(p.own_proposals_size(), 0);
  EXPECT_EQ(p.needed().dong(), 3'000'000);
  EXPECT_TRUE(p.fits());
  ASSERT_EQ(p.funds_size(), 1);
  EXPECT_EQ(p.funds(0).fund_id(), fund);
  EXPECT_EQ(p.funds(0).needed().dong(), 3'000'000);
  EXPECT_EQ(p.funds(0).available().dong(), 3'000'000);
  EXPECT_EQ(p.funds(0).shortfall().dong(), 0);
  EXPECT_FALSE(p.funds(0).flagged_short());
  // The proposer's: its own proposals, which it may not approve.
  const auto own = preview(commune(kPhuTuc));
  EXPECT_EQ(own.support_ids_size(), 0);
  EXPECT_EQ(own.own_proposals_size(), 3);

  // A fourth proposal since the preview: the preview's list is stale.
  ids.push_back(
      proposed(support_request(households[3], av1::SUPPORT_KIND_FOOD_AND_GIFTS, fund, 1'000'000))
          .id());
  av1::ApproveBatchResponse out;
  const auto stale = approve_batch(checker, ids_of(p), &out);
  EXPECT_TRUE(refused(stale, grpc::StatusCode::FAILED_PRECONDITION, "BATCH_CHANGED"));
  EXPECT_EQ(details(stale).metadata["proposed"], "4");
  EXPECT_EQ(state_of(ids[0]), av1::SUPPORT_STATE_PROPOSED);

  // The new preview: 4 M needed, 3 M available, 1 M short.
  p = preview(checker);
  EXPECT_EQ(ids_of(p), ids);
  EXPECT_FALSE(p.fits());
  ASSERT_EQ(p.funds_size(), 1);
  EXPECT_EQ(p.funds(0).needed().dong(), 4'000'000);
  EXPECT_EQ(p.funds(0).available().dong(), 3'000'000);
  EXPECT_EQ(p.funds(0).shortfall().dong(), 1'000'000);
  // Approving it anyway: refused as a whole, nothing approved, nothing reserved.
  const auto short_batch = approve_batch(checker, ids_of(p), &out);
  EXPECT_TRUE(refused(short_batch, grpc::StatusCode::FAILED_PRECONDITION, "FUND_INSUFFICIENT"));
  for (const auto id : ids) EXPECT_EQ(state_of(id), av1::SUPPORT_STATE_PROPOSED) << id;
  expect_balances(fund, {.received = 3'000'000}, "after the refused batch");

  // One more million: the whole list in one call.
  donate(fund, 1'000'000);
  wait_for_net_received(fund, 4'000'000);
  p = preview(checker);
  EXPECT_TRUE(p.fits());
  const auto done = approve_batch(checker, ids_of(p), &out);
  ASSERT_TRUE(done.ok()) << done.error_message();
  ASSERT_EQ(out.approved_size(), 4);
  for (const auto& s : out.approved()) {
    EXPECT_EQ(s.state(), av1::SUPPORT_STATE_APPROVED);
    EXPECT_EQ(s.approved_by(), "checker-" + std::string(kPhuTuc));
  }
  ASSERT_EQ(out.funds_size(), 1);
  EXPECT_EQ(out.funds(0).available().dong(), 0);
  expect_balances(fund, {.received = 4'000'000, .reserved = 4'000'000}, "after the batch");
  EXPECT_EQ(preview(checker).support_ids_size(), 0);
  // An emptied list cannot be approved again.
  EXPECT_TRUE(refused(approve_batch(checker, ids, &out), grpc::StatusCode::FAILED_PRECONDITION,
                      "BATCH_CHANGED"));
  const auto approved_events = events(
      "vnn.allocation.support.approved",
      [&](const common::v1::EventEnvelope& e) {
        return std::find(ids.begin(), ids.end(), std::stoll(e.aggregate_id())) != ids.end();
      },
      4);
  EXPECT_EQ(approved_events.size(), 4u);
}

// A batch whose supports draw on the district fund as well needs the district; a commune
// officer's batch is refused whole.
TEST_F(BatchApprovalTest, ABatchDrawingOnTheDistrictFundNeedsTheDistrict) {
  const auto households = approved_households(kPhuTuc, 2);
  ASSERT_EQ(households.size(), 2u);
  donate(district_fund(), 2'000'000);
  donate(commune_fund(kPhuTuc), 2'000'000);
  wait_for_net_received(district_fund(), 2'000'000);
  wait_for_net_received(commune_fund(kPhuTuc), 2'000'000);
  const auto a = proposed(support_request(households[0], av1::SUPPORT_KIND_FOOD_AND_GIFTS,
                                          commune_fund(kPhuTuc), 800'000));
  const auto b = proposed(
      support_request(households[1], av1::SUPPORT_KIND_FOOD_AND_GIFTS, district_fund(), 900'000));
  const auto commune_checker = commune(kPhuTuc, "checker");
  auto p = preview(commune_checker);
  EXPECT_EQ(p.support_ids_size(), 2);
  EXPECT_EQ(p.funds_size(), 2);
  av1::ApproveBatchResponse out;
  EXPECT_TRUE(refused(approve_batch(commune_checker, ids_of(p), &out),
                      grpc::StatusCode::PERMISSION_DENIED, "NOT_IN_SCOPE"));
  EXPECT_EQ(state_of(a.id()), av1::SUPPORT_STATE_PROPOSED);
  expect_balances(commune_fund(kPhuTuc), {.received = 2'000'000}, "commune fund untouched");

  p = preview(district("checker"));
  const auto done = approve_batch(district("checker"), ids_of(p), &out);
  ASSERT_TRUE(done.ok()) << done.error_message();
  EXPECT_EQ(out.approved_size(), 2);
  expect_balances(commune_fund(kPhuTuc), {.received = 2'000'000, .reserved = 800'000}, "commune");
  expect_balances(district_fund(), {.received = 2'000'000, .reserved = 900'000}, "district");
  EXPECT_EQ(state_of(b.id()), av1::SUPPORT_STATE_APPROVED);
}

// Officers approving the same list at once: one batch approves it, the others are told the list
// changed (not that a support is in the wrong state), and everything is reserved once.
TEST_F(BatchApprovalTest, ConcurrentBatchesOfOneListApproveItOnce) {
  const auto households = approved_households(kPhuTuc, 3);
  ASSERT_EQ(households.size(), 3u);
  donate(district_fund(), 5'000'000);
  wait_for_net_received(district_fund(), 5'000'000);
  for (const auto h : households) {
    proposed(support_request(h, av1::SUPPORT_KIND_FOOD_AND_GIFTS, district_fund(), 1'000'000));
  }
  const auto ids = ids_of(preview(district("checker")));
  ASSERT_EQ(ids.size(), 3u);

  constexpr int kOfficers = 4;
  std::vector<grpc::Status> outcomes(kOfficers);
  std::vector<std::string> officers;
  for (int i = 0; i < kOfficers; ++i) officers.push_back(district("checker-" + std::to_string(i)));
  std::barrier start(kOfficers);
  std::vector<std::thread> threads;
  for (int i = 0; i < kOfficers; ++i) {
    threads.emplace_back([&, i] {
      av1::ApproveBatchResponse out;
      start.arrive_and_wait();
      outcomes[i] = approve_batch(officers[i], ids, &out);
    });
  }
  for (auto& t : threads) t.join();
  int approved = 0;
  for (const auto& status : outcomes) {
    if (status.ok()) {
      ++approved;
      continue;
    }
    EXPECT_TRUE(refused(status, grpc::StatusCode::FAILED_PRECONDITION, "BATCH_CHANGED"));
  }
  EXPECT_EQ(approved, 1);
  for (const auto id : ids) EXPECT_EQ(state_of(id), av1::SUPPORT_STATE_APPROVED) << id;
  expect_balances(district_fund(), {.received = 5'000'000, .reserved = 3'000'000}, "once");
}

}  // namespace
}  // namespace vnn::testing
