// Reversing a donation takes two officers: one asks, with a reason; another approves (which
// posts the reversal) or rejects. The officer who asked cannot approve their own request.

#include "donation_fixture.h"

namespace vnn::testing {
namespace {

namespace v1 = donation::v1;
using grpc::StatusCode;

class ReversalTest : public DonationFixture {
 protected:
  std::string maker() const { return token(Role::kDistrictOffice, {"736"}, {}, "thu-quy"); }
  std::string checker() const { return token(Role::kDistrictOffice, {"736"}, {}, "ke-toan"); }

  grpc::Status ask(std::int64_t donation_id, const std::string& id, v1::ReversalRequest* out,
                   const std::string& bearer) {
    v1::RequestReversalRequest r;
    r.set_request_id(id + "-" + suffix_);
    r.set_donation_id(donation_id);
    r.set_reason("Nhập sai số tiền");
    return stub_->RequestReversal(as(bearer).get(), r, out);
  }
  grpc::Status decide(std::int64_t request_id, bool approve, const std::string& note,
                      const std::string& id, v1::ReversalRequest* out, const std::string& bearer,
                      grpc::ClientContext* context = nullptr) {
    v1::DecideReversalRequest r;
    r.set_request_id(id + "-" + suffix_);
    r.set_reversal_request_id(request_id);
    r.set_approve(approve);
    r.set_note(note);
    if (context) return stub_->DecideReversal(context, r, out);
    return stub_->DecideReversal(as(bearer).get(), r, out);
  }
  std::int64_t cash_total() {
    v1::GetCampaignTotalsRequest request;
    request.set_campaign_id(campaign_);
    v1::CampaignTotals totals;
    EXPECT_TRUE(stub_->GetCampaignTotals(as(district()).get(), request, &totals).ok());
    return totals.total().dong();
  }
};

TEST_F(ReversalTest, OneOfficerAsksAndAnotherApproves) {
  v1::Donation cash_gift;
  ASSERT_TRUE(record(cash(2'000'000, "cash-" + suffix_), &cash_gift, maker()).ok());

  v1::ReversalRequest pending;
  auto status = ask(cash_gift.id(), "ask", &pending, maker());
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(pending.state(), v1::REVERSAL_STATE_PENDING);
  EXPECT_EQ(pending.requested_by(), "thu-quy");
  // Nothing is posted while it waits.
  EXPECT_EQ(cash_total(), 2'000'000);
  EXPECT_EQ(scalar("SELECT count(*) FROM donation WHERE reverses_donation_id = " +
                   std::to_string(cash_gift.id())),
            "0");

  // The officer who asked cannot approve, nor reject, their own request.
  auto own = as(maker());
  v1::ReversalRequest decided;
  status = decide(pending.id(), true, "", "own", &decided, maker(), own.get());
  EXPECT_EQ(status.error_code(), StatusCode::PERMISSION_DENIED) << status.error_message();
  EXPECT_NE(status.error_details().find("SAME_OFFICER"), std::string::npos);
  EXPECT_EQ(
      decide(pending.id(), false, "Không đồng ý", "own-reject", &decided, maker()).error_code(),
      StatusCode::PERMISSION_DENIED);
  // One request at a time per donation.
  v1::ReversalRequest second;
  EXPECT_EQ(ask(cash_gift.id(), "ask-again", &second, checker()).error_code(),
            StatusCode::FAILED_PRECONDITION);
  // The auditor neither asks nor decides.
  EXPECT_EQ(decide(pending.id(), true, "", "auditor", &decided, token(Role::kAuditor)).error_code(),
            StatusCode::PERMISSION_DENIED);

  // Another officer approves: the reversal is posted, totals are net, the event goes out.
  status = decide(pending.id(), true, "", "approve", &decided, checker());
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(decided.state(), v1::REVERSAL_STATE_APPROVED);
  EXPECT_EQ(decided.decided_by(), "ke-toan");
  ASSERT_NE(decided.reversal_donation_id(), 0);
  v1::GetDonationRequest get;
  get.set_id(decided.reversal_donation_id());
  v1::Donation reversal;
  ASSERT_TRUE(stub_->GetDonation(as(district()).get(), get, &reversal).ok());
  EXPECT_EQ(reversal.amount().dong(), -2'000'000);
  EXPECT_EQ(reversal.reverses_donation_id(), cash_gift.id());
  EXPECT_EQ(reversal.reversal_reason(), "Nhập sai số tiền");
  EXPECT_EQ(cash_total(), 0);
  EXPECT_EQ(scalar("SELECT count(*) FROM outbox WHERE aggregate_type = 'donation' AND "
                   "aggregate_id = '" +
                   std::to_string(cash_gift.id()) + "' AND subject LIKE '%reversed'"),
            "1");
  // Decided once.
  EXPECT_EQ(decide(pending.id(), true, "", "approve-again", &decided, district()).error_code(),
            StatusCode::FAILED_PRECONDITION);
}

TEST_F(ReversalTest, ARejectedRequestPostsNothingAndNeedsANote) {
  v1::Donation cash_gift;
  ASSERT_TRUE(record(cash(700'000, "cash-" + suffix_), &cash_gift, maker()).ok());
  v1::ReversalRequest pending;
  ASSERT_TRUE(ask(cash_gift.id(), "ask", &pending, maker()).ok());

  auto context = as(checker());
  v1::ReversalRequest decided;
  EXPECT_EQ(decide(pending.id(), false, "", "reject-bare", &decided, checker(), context.get())
                .error_code(),
            StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(field_of(*context), "note");
  auto status =
      decide(pending.id(), false, "Biên lai đúng, không hủy", "reject", &decided, checker());
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(decided.state(), v1::REVERSAL_STATE_REJECTED);
  EXPECT_EQ(decided.reversal_donation_id(), 0);
  EXPECT_EQ(cash_total(), 700'000);

  // The donation stands, and may be asked about again.
  v1::ReversalRequest again;
  EXPECT_TRUE(ask(cash_gift.id(), "ask-again", &again, maker()).ok());
  EXPECT_EQ(again.state(), v1::REVERSAL_STATE_PENDING);
}

}  // namespace
}  // namespace vnn::testing
