// The regulation's versions apply by date (issue 15, docs/regulation.md): DQ-2024-01 from
// 2024-01-01, DN-2025-07 from 2025-07-01. A proposal records the version in force on its
// proposed_on and is held to that version's norm (the machine's date is later, so every
// proposal here names its day).

#include "support_test_helpers.h"

namespace vnn::testing {
namespace {

namespace av1 = allocation::v1;

class RegulationVersionTest : public SupportTest {
 protected:
  av1::Regulation regulation_on(const common::v1::Date& day) {
    av1::GetRegulationRequest r;
    *r.mutable_as_of() = day;
    av1::Regulation out;
    const auto status = stub_->GetRegulation(client_context(commune()).get(), r, &out);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return out;
  }

  static std::int64_t norm_of(const av1::Regulation& regulation, av1::SupportKind kind) {
    for (const auto& n : regulation.norms()) {
      if (n.kind() == kind) return n.max_per_household().dong();
    }
    return -1;
  }

  av1::ProposeSupportRequest repair(std::int64_t household, std::int64_t dong,
                                    const common::v1::Date& on) {
    auto r = support_request(household, av1::SUPPORT_KIND_HOUSE_REPAIR, district_fund(), dong);
    *r.mutable_proposed_on() = on;
    return r;
  }
};

TEST_F(RegulationVersionTest, GetRegulationGivesTheVersionInForceOnTheDay) {
  const auto early = regulation_on(make_date(2024, 3, 1));
  EXPECT_EQ(early.version(), "DQ-2024-01");
  EXPECT_EQ(early.effective_from().year(), 2024);
  EXPECT_EQ(early.effective_from().month(), 1);
  EXPECT_EQ(early.effective_from().day(), 1);
  ASSERT_TRUE(early.has_effective_to());
  EXPECT_EQ(early.effective_to().year(), 2025);
  EXPECT_EQ(early.effective_to().month(), 6);
  EXPECT_EQ(early.effective_to().day(), 30);
  EXPECT_EQ(norm_of(early, av1::SUPPORT_KIND_HOUSE_REPAIR), 30'000'000);
  EXPECT_EQ(norm_of(early, av1::SUPPORT_KIND_NEW_HOUSE), 60'000'000);
  EXPECT_FALSE(early.title().empty());

  const auto late = regulation_on(make_date(2025, 8, 1));
  EXPECT_EQ(late.version(), "DN-2025-07");
  EXPECT_EQ(late.effective_from().year(), 2025);
  EXPECT_EQ(late.effective_from().month(), 7);
  EXPECT_FALSE(late.has_effective_to());
  EXPECT_EQ(norm_of(late, av1::SUPPORT_KIND_HOUSE_REPAIR), 35'000'000);
  EXPECT_EQ(norm_of(late, av1::SUPPORT_KIND_NEW_HOUSE), 70'000'000);

  // The last day of the first and the first day of the second.
  EXPECT_EQ(regulation_on(make_date(2025, 6, 30)).version(), "DQ-2024-01");
  EXPECT_EQ(regulation_on(make_date(2025, 7, 1)).version(), "DN-2025-07");
  // Before the first version: none in force.
  av1::GetRegulationRequest r;
  *r.mutable_as_of() = make_date(2023, 12, 31);
  av1::Regulation none;
  EXPECT_TRUE(refused(stub_->GetRegulation(client_context(commune()).get(), r, &none),
                      grpc::StatusCode::FAILED_PRECONDITION, "NO_REGULATION"));
}

TEST_F(RegulationVersionTest, AProposalIsHeldToTheNormOfItsDay) {
  const auto households = approved_households(kPhuTuc, 2);
  ASSERT_EQ(households.size(), 2u);
  const auto in_2024 = make_date(2024, 3, 1);
  const auto in_2025 = make_date(2025, 8, 1);

  // 2024: 30,000,000 đ is the norm; one đồng more is refused with the norm.
  Support out;
  const auto above = propose(repair(households[0], 30'000'001, in_2024), &out);
  ASSERT_TRUE(
      refused(above, grpc::StatusCode::INVALID_ARGUMENT, "ABOVE_NORM", "funding[0].amount.dong"));
  EXPECT_EQ(details(above).metadata["max_dong"], "30000000");
  const auto at_norm = proposed(repair(households[0], 30'000'000, in_2024));
  EXPECT_EQ(at_norm.regulation_version(), "DQ-2024-01");
  EXPECT_EQ(at_norm.total().dong(), 30'000'000);

  // 2025-08: DN-2025-07, whose norm is 35,000,000 đ.
  const auto above_late = propose(repair(households[1], 35'000'001, in_2025), &out);
  ASSERT_TRUE(refused(above_late, grpc::StatusCode::INVALID_ARGUMENT, "ABOVE_NORM",
                      "funding[0].amount.dong"));
  EXPECT_EQ(details(above_late).metadata["max_dong"], "35000000");
  const auto late = proposed(repair(households[1], 35'000'000, in_2025));
  EXPECT_EQ(late.regulation_version(), "DN-2025-07");

  // The version stays with the support through its approval.
  donate(district_fund(), 70'000'000);
  wait_for_net_received(district_fund(), 70'000'000);
  Support approved;
  ASSERT_TRUE(approve(at_norm.id(), &approved).ok());
  EXPECT_EQ(approved.regulation_version(), "DQ-2024-01");
  ASSERT_TRUE(approve(late.id(), &approved).ok());
  EXPECT_EQ(approved.regulation_version(), "DN-2025-07");
  expect_balances(district_fund(), {.received = 70'000'000, .reserved = 65'000'000}, "approved");
  // Both are listed to the commune, whatever day they were proposed on.
  const auto seen = listed(commune(kPhuTuc));
  EXPECT_EQ(seen.count(at_norm.id()), 1u);
  EXPECT_EQ(seen.count(late.id()), 1u);
}

}  // namespace
}  // namespace vnn::testing
