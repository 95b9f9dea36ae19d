// Proposal rules: shape, the household's standing, eligibility, sources, norms and frequency,
// under the shipped regulation versions.

#include "rules/proposal.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "rules/reason_codes.h"
#include "vnn/platform/errors.h"

namespace vnn::allocation::rules {
namespace {

using platform::Date;
using platform::Error;
using platform::ErrorCode;
using ::testing::HasSubstr;

Date day(std::string_view iso) { return *Date::parse_iso(iso); }

const RegulationVersion& v2024() { return *Regulation::builtin().find("DQ-2024-01"); }

HouseholdFacts poor_in_temporary_house() {
  HouseholdFacts h;
  h.household_id = 42;
  h.exists = true;
  h.unit_code = "26242";
  h.poverty_status = PovertyStatus::kPoor;
  h.housing = Housing::kTemporary;
  h.approved = true;
  return h;
}

ProposedPart district(std::int64_t amount, std::string fund = "quy-huyen-dinh-quan") {
  return {.source = FundingSource::kDistrictFund, .fund_id = std::move(fund), .amount = amount};
}
ProposedPart commune(std::int64_t amount, std::string fund = "quy-xa-phu-tuc") {
  return {.source = FundingSource::kCommuneFund, .fund_id = std::move(fund), .amount = amount};
}
ProposedPart sponsor(std::int64_t amount) {
  return {.source = FundingSource::kSponsor, .amount = amount, .sponsor = "Công ty TNHH Ánh Dương"};
}
ProposedPart budget(std::int64_t amount) {
  return {.source = FundingSource::kStateBudget, .amount = amount, .reference = "QĐ 123/QĐ-UBND"};
}
ProposedPart own(std::int64_t amount) {
  return {.source = FundingSource::kHousehold, .amount = amount};
}

ProposalFacts new_house(std::vector<ProposedPart> funding) {
  ProposalFacts p;
  p.kind = SupportKind::kNewHouse;
  p.funding = std::move(funding);
  p.land_use_certificate = "CS 01234";
  p.proposed_on = day("2024-03-01");
  return p;
}

ProposalFacts of_kind(SupportKind kind, std::vector<ProposedPart> funding) {
  ProposalFacts p;
  p.kind = kind;
  p.funding = std::move(funding);
  p.proposed_on = day("2024-03-01");
  return p;
}

// The error `call` throws; fails the test when it throws none.
Error error_of(const std::function<void()>& call) {
  try {
    call();
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "no error thrown";
  return Error(ErrorCode::kInternal, "none");
}

Error proposal_error(const HouseholdFacts& h, const ProposalFacts& p,
                     const RegulationVersion& version = v2024()) {
  return error_of([&] { check_proposal(version, h, p); });
}

void expect_field(const Error& e, std::string_view field) {
  EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument) << e.what();
  EXPECT_EQ(e.field(), field) << e.what();
}

// --- what is accepted -------------------------------------------------------------------------

TEST(Proposal, ANewHouseAtTheNormFromTwoFundsIsAccepted) {
  const auto checked = check_proposal(v2024(), poor_in_temporary_house(),
                                      new_house({district(40'000'000), commune(20'000'000)}));
  EXPECT_EQ(checked.total, 60'000'000);
  EXPECT_EQ(checked.from_funds, 60'000'000);
  EXPECT_EQ(checked.slot, 1);
}

TEST(Proposal, OnlyFundPartsCountAsFromFunds) {
  const auto checked = check_proposal(
      v2024(), poor_in_temporary_house(),
      new_house({district(30'000'000), sponsor(20'000'000), budget(40'000'000), own(15'000'000)}));
  EXPECT_EQ(checked.total, 105'000'000);  // a house may cost more than the norm
  EXPECT_EQ(checked.from_funds, 30'000'000);
}

TEST(Proposal, AHouseNeedNotTouchAFund) {
  const auto checked =
      check_proposal(v2024(), poor_in_temporary_house(), new_house({sponsor(70'000'000)}));
  EXPECT_EQ(checked.from_funds, 0);
  EXPECT_EQ(checked.total, 70'000'000);
}

TEST(Proposal, NearPoorInNonDurableHousingMayGetARepair) {
  auto h = poor_in_temporary_house();
  h.poverty_status = PovertyStatus::kNearPoor;
  h.housing = Housing::kNonDurable;
  auto p = new_house({commune(30'000'000)});
  p.kind = SupportKind::kHouseRepair;
  EXPECT_EQ(check_proposal(v2024(), h, p).from_funds, 30'000'000);
}

TEST(Proposal, SuddenHardshipNeedsNoPovertyStatus) {
  auto h = poor_in_temporary_house();
  h.poverty_status = PovertyStatus::kUnknown;
  h.housing = Housing::kDurable;
  h.sudden_hardship = true;
  EXPECT_EQ(check_proposal(v2024(), h, of_kind(SupportKind::kSuddenHardship, {district(5'000'000)}))
                .total,
            5'000'000);
}

TEST(Proposal, ANormOfZeroHasNoMoneyCeiling) {
  EXPECT_EQ(check_proposal(v2024(), poor_in_temporary_house(),
                           of_kind(SupportKind::kHealthInsurance, {budget(9'000'000)}))
                .total,
            9'000'000);
}

// --- rule versions apply by date --------------------------------------------------------------

TEST(ProposalVersions, TheSameProposalIsJudgedByTheVersionInForce) {
  auto p = new_house({district(65'000'000)});
  EXPECT_EQ(proposal_error(poor_in_temporary_house(), p, v2024()).reason(), reason::kAboveNorm);
  p.proposed_on = day("2025-08-01");
  const RegulationVersion& version = Regulation::builtin().in_force(p.proposed_on);
  EXPECT_EQ(version.version, "DN-2025-07");
  EXPECT_EQ(check_proposal(version, poor_in_temporary_house(), p).from_funds, 65'000'000);
}

TEST(ProposalVersions, ADecisionKeepsItsVersion) {
  // Approving in 2026 a house proposed in 2024 uses the stored version, not today's.
  const RegulationVersion* kept = Regulation::builtin().find("DQ-2024-01");
  ASSERT_NE(kept, nullptr);
  EXPECT_EQ(kept->norm(SupportKind::kNewHouse)->max_per_household, 60'000'000);
  EXPECT_EQ(Regulation::builtin().in_force(day("2026-01-01")).version, "DN-2025-07");
}

// --- bad input --------------------------------------------------------------------------------

TEST(ProposalShape, UnknownKindNamesTheField) {
  const Error e = error_of([] { require_kind(0); });
  expect_field(e, "kind");
  EXPECT_THAT(e.vietnamese(), HasSubstr("loại hỗ trợ không hợp lệ"));
  expect_field(error_of([] { require_kind(11); }), "kind");
  EXPECT_EQ(require_kind(1), SupportKind::kNewHouse);
  expect_field(error_of([] { require_source(0, "funding[2].source"); }), "funding[2].source");
  EXPECT_EQ(require_source(5, "funding[0].source"), FundingSource::kHousehold);
}

TEST(ProposalShape, AKindTheVersionDoesNotProvideIsRefusedOnKind) {
  const Regulation regulation = Regulation::parse(
      "version,effective_from,effective_to,title,source\nA,2024-01-01,,Quy chế A,thử\n",
      "version,kind,max_per_household,max_per_campaign,once_in_years,sources,poverty_statuses,"
      "housing,requires_land_use_certificate,meritorious_first,requires_sudden_hardship,name_vi,"
      "basis\nA,bicycle,0,1,0,sponsor,,,no,no,no,Xe đạp,test\n");
  const Error e = proposal_error(poor_in_temporary_house(),
                                 of_kind(SupportKind::kScholarship, {district(1'000'000)}),
                                 regulation.versions()[0]);
  expect_field(e, "kind");
  EXPECT_THAT(e.vietnamese(), HasSubstr("không có định mức cho loại hỗ trợ «Học bổng»"));
}

TEST(ProposalShape, ZeroOrNegativeAmountsNameThePart) {
  const Error zero =
      proposal_error(poor_in_temporary_house(), new_house({district(10'000'000), commune(0)}));
  expect_field(zero, "funding[1].amount.dong");
  EXPECT_THAT(zero.vietnamese(), HasSubstr("«funding[1].amount.dong»"));
  expect_field(proposal_error(poor_in_temporary_house(), new_house({district(-5)})),
               "funding[0].amount.dong");
  expect_field(proposal_error(poor_in_temporary_house(), new_house({sponsor(2'000'000'000'000)})),
               "funding[0].amount.dong");
}

TEST(ProposalShape, FundingIsRequiredAndBounded) {
  expect_field(proposal_error(poor_in_temporary_house(), new_house({})), "funding");
  std::vector<ProposedPart> many;
  for (int i = 0; i < 11; ++i) many.push_back(sponsor(1'000));
  expect_field(proposal_error(poor_in_temporary_house(), new_house(many)), "funding");
}

TEST(ProposalShape, FundPartsNameOneFundEachAndOthersNone) {
  expect_field(proposal_error(poor_in_temporary_house(), new_house({district(1'000, "")})),
               "funding[0].fund_id");
  auto with_fund = sponsor(1'000);
  with_fund.fund_id = "quy-huyen-dinh-quan";
  expect_field(proposal_error(poor_in_temporary_house(), new_house({with_fund})),
               "funding[0].fund_id");
  const Error twice = proposal_error(poor_in_temporary_house(),
                                     new_house({district(1'000), sponsor(1'000), district(2'000)}));
  expect_field(twice, "funding[2].fund_id");
  EXPECT_THAT(twice.vietnamese(), HasSubstr("đã có ở một phần kinh phí khác"));
}

TEST(ProposalShape, SponsorAndBudgetPartsSayWhoAndWhy) {
  auto nameless = sponsor(1'000);
  nameless.sponsor.clear();
  expect_field(proposal_error(poor_in_temporary_house(), new_house({nameless})),
               "funding[0].sponsor");
  auto fund_with_sponsor = district(1'000);
  fund_with_sponsor.sponsor = "Ai đó";
  expect_field(proposal_error(poor_in_temporary_house(), new_house({fund_with_sponsor})),
               "funding[0].sponsor");
  auto no_decision = budget(1'000);
  no_decision.reference.clear();
  expect_field(proposal_error(poor_in_temporary_house(), new_house({own(5), no_decision})),
               "funding[1].reference");
  auto long_reference = own(5);
  long_reference.reference = std::string(101, 'x');
  expect_field(proposal_error(poor_in_temporary_house(), new_house({long_reference})),
               "funding[0].reference");
}

TEST(ProposalShape, HousesNeedTheLandUseCertificate) {
  auto p = new_house({district(10'000'000)});
  p.land_use_certificate.clear();
  const Error e = proposal_error(poor_in_temporary_house(), p);
  expect_field(e, "land_use_certificate");
  EXPECT_THAT(e.vietnamese(), HasSubstr("giấy chứng nhận quyền sử dụng đất"));
  auto scholarship = of_kind(SupportKind::kScholarship, {district(1'000'000)});
  scholarship.land_use_certificate = "CS 1";
  expect_field(proposal_error(poor_in_temporary_house(), scholarship), "land_use_certificate");
}

// --- the household ----------------------------------------------------------------------------

TEST(ProposalHousehold, OnlyApprovedHouseholdsAreSupported) {
  auto h = poor_in_temporary_house();
  h.approved = false;
  Error e = proposal_error(h, new_house({district(1'000)}));
  EXPECT_EQ(e.code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(e.reason(), reason::kHouseholdNotApproved);
  EXPECT_EQ(e.subject(), "household/42");
  EXPECT_THAT(e.vietnamese(), HasSubstr("chưa được duyệt"));

  h = poor_in_temporary_house();
  h.exists = false;
  EXPECT_EQ(proposal_error(h, new_house({district(1'000)})).reason(),
            reason::kHouseholdNotApproved);

  h = poor_in_temporary_house();
  h.merged = true;
  h.merged_into_id = 7;
  e = proposal_error(h, new_house({district(1'000)}));
  EXPECT_EQ(e.reason(), reason::kHouseholdNotApproved);
  EXPECT_THAT(e.vietnamese(), HasSubstr("gộp vào một hộ khác"));
}

TEST(ProposalHousehold, NotWhileADuplicateQuestionIsOpen) {
  auto h = poor_in_temporary_house();
  h.open_duplicate = true;
  const Error e = proposal_error(h, new_house({district(1'000)}));
  EXPECT_EQ(e.code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(e.reason(), reason::kDuplicateOpen);
  EXPECT_EQ(e.subject(), "household/42");
}

TEST(ProposalHousehold, StillEligibleAtApproval) {
  auto h = poor_in_temporary_house();
  EXPECT_NO_THROW(check_still_eligible(h));
  h.open_duplicate = true;
  EXPECT_EQ(error_of([&] { check_still_eligible(h); }).reason(), reason::kDuplicateOpen);
  h = poor_in_temporary_house();
  h.merged = true;
  EXPECT_EQ(error_of([&] { check_still_eligible(h); }).reason(), reason::kHouseholdNotApproved);
}

TEST(ProposalEligibility, AHouseNeedsPoorHousingAndAPovertyStatus) {
  auto h = poor_in_temporary_house();
  h.housing = Housing::kDurable;
  h.poverty_status = PovertyStatus::kUnknown;
  const Error e = proposal_error(h, new_house({district(1'000)}));
  EXPECT_EQ(e.code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(e.reason(), reason::kNotEligible);
  EXPECT_EQ(e.metadata().at("missing"), "poverty_status,housing");
  EXPECT_EQ(e.metadata().at("regulation_version"), "DQ-2024-01");
  EXPECT_THAT(e.vietnamese(), HasSubstr("không thuộc diện hộ nghèo hoặc hộ cận nghèo"));
  EXPECT_THAT(e.vietnamese(), HasSubstr("không ở nhà tạm hoặc nhà thiếu kiên cố"));
}

TEST(ProposalEligibility, AHouseholdThatEscapedPovertyIsNotEligible) {
  auto h = poor_in_temporary_house();
  h.escaped_poverty = true;
  const Error e = proposal_error(h, of_kind(SupportKind::kProductionCapital, {district(1'000)}));
  EXPECT_EQ(e.reason(), reason::kNotEligible);
  EXPECT_THAT(e.vietnamese(), HasSubstr("hộ đã thoát nghèo"));
}

TEST(ProposalEligibility, SuddenHardshipMustBeRecorded) {
  const Error e = proposal_error(poor_in_temporary_house(),
                                 of_kind(SupportKind::kSuddenHardship, {district(1'000)}));
  EXPECT_EQ(e.reason(), reason::kNotEligible);
  EXPECT_EQ(e.metadata().at("missing"), "sudden_hardship");
}

TEST(ProposalEligibility, MeritoriousServiceIsAPriorityNotACondition) {
  auto h = poor_in_temporary_house();
  const Norm& house = *v2024().norm(SupportKind::kNewHouse);
  EXPECT_FALSE(has_priority(house, h));
  h.meritorious_member = true;
  EXPECT_TRUE(has_priority(house, h));
  EXPECT_FALSE(has_priority(*v2024().norm(SupportKind::kScholarship), h));
}

// --- sources ----------------------------------------------------------------------------------

TEST(ProposalSources, TheHouseholdContributesOnlyToHouses) {
  const Error e =
      proposal_error(poor_in_temporary_house(),
                     of_kind(SupportKind::kScholarship, {district(1'000'000), own(500'000)}));
  expect_field(e, "funding[1].source");
  EXPECT_EQ(e.reason(), reason::kSourceNotAllowed);
  EXPECT_EQ(e.metadata().at("source"), "household");
  EXPECT_THAT(e.vietnamese(), HasSubstr("không cho phép nguồn hộ gia đình đối ứng"));
}

TEST(ProposalSources, ScholarshipsAreNotFromTheStateBudget) {
  const Error e = proposal_error(poor_in_temporary_house(),
                                 of_kind(SupportKind::kScholarship, {budget(1'000'000)}));
  EXPECT_EQ(e.reason(), reason::kSourceNotAllowed);
  expect_field(e, "funding[0].source");
}

// --- norms ------------------------------------------------------------------------------------

TEST(ProposalNorm, AHouseFromFundsAboveTheNormIsRefused) {
  const Error e = proposal_error(poor_in_temporary_house(), new_house({district(60'000'001)}));
  expect_field(e, "funding[0].amount.dong");
  EXPECT_EQ(e.reason(), reason::kAboveNorm);
  EXPECT_EQ(e.metadata().at("max_dong"), "60000000");
  EXPECT_EQ(e.metadata().at("allowed_dong"), "60000000");
  EXPECT_THAT(e.vietnamese(), HasSubstr("60.000.000 đ"));
}

TEST(ProposalNorm, SponsorsForTheSameNeedLowerWhatFundsMayGive) {
  // 60M norm, 15M from a sponsor part, 10M given directly for housing: funds at most 35M.
  auto p = new_house({district(20'000'000), commune(15'000'001), sponsor(15'000'000)});
  p.direct_support_same_need = 10'000'000;
  const Error e = proposal_error(poor_in_temporary_house(), p);
  expect_field(e, "funding");  // two fund parts make the sum
  EXPECT_EQ(e.reason(), reason::kAboveNorm);
  EXPECT_EQ(e.metadata().at("allowed_dong"), "35000000");
  EXPECT_EQ(e.metadata().at("sponsors_dong"), "25000000");
  p.funding[1].amount = 15'000'000;
  EXPECT_EQ(check_proposal(v2024(), poor_in_temporary_house(), p).from_funds, 35'000'000);
}

TEST(ProposalNorm, ADirectSupportNamedByAPartIsCountedOnce) {
  // The sponsor's 20M is the direct support HTTT-2024-000012, which the donation service also
  // counts in the 25M given directly for housing: 25M in all, funds at most 35M.
  auto named = sponsor(20'000'000);
  named.reference = "HTTT-2024-000012";
  auto p = new_house({district(35'000'000), named});
  p.direct_support_same_need = 25'000'000;
  EXPECT_EQ(check_proposal(v2024(), poor_in_temporary_house(), p).from_funds, 35'000'000);
  p.funding[0].amount = 35'000'001;
  EXPECT_EQ(proposal_error(poor_in_temporary_house(), p).metadata().at("sponsors_dong"),
            "25000000");
  // Not yet counted by the donation service: the part itself counts.
  p.direct_support_same_need = 0;
  p.funding[0].amount = 40'000'001;
  EXPECT_EQ(proposal_error(poor_in_temporary_house(), p).metadata().at("allowed_dong"), "40000000");
  EXPECT_TRUE(is_direct_support_reference("HTTT-2024-000012"));
  EXPECT_FALSE(is_direct_support_reference("QĐ 12/QĐ-UBND"));
}

TEST(ProposalNorm, WhenSponsorsCoverTheNormNoFundPartIsAllowed) {
  auto p = new_house({district(1'000), sponsor(50'000'000)});
  p.direct_support_same_need = 20'000'000;
  const Error e = proposal_error(poor_in_temporary_house(), p);
  EXPECT_EQ(e.reason(), reason::kAboveNorm);
  EXPECT_EQ(e.metadata().at("allowed_dong"), "0");
}

TEST(ProposalNorm, OtherKindsCapTheWholeTotal) {
  const Error e =
      proposal_error(poor_in_temporary_house(),
                     of_kind(SupportKind::kScholarship, {district(1'500'000), sponsor(600'000)}));
  expect_field(e, "funding");
  EXPECT_EQ(e.reason(), reason::kAboveNorm);
  EXPECT_EQ(e.metadata().at("max_dong"), "2000000");
  EXPECT_NO_THROW(
      check_proposal(v2024(), poor_in_temporary_house(),
                     of_kind(SupportKind::kScholarship, {district(1'400'000), sponsor(600'000)})));
}

// --- frequency --------------------------------------------------------------------------------

TEST(ProposalFrequency, NoSecondActiveHouseInACampaign) {
  auto p = new_house({district(10'000'000)});
  p.active_same_kind = 1;
  const Error e = proposal_error(poor_in_temporary_house(), p);
  EXPECT_EQ(e.code(), ErrorCode::kFailedPrecondition);
  EXPECT_EQ(e.reason(), reason::kSupportLimitReached);
  EXPECT_EQ(e.metadata().at("max_per_campaign"), "1");
  EXPECT_EQ(e.subject(), "household/42");
}

TEST(ProposalFrequency, TheRegulationMayAllowSeveralOfAKind) {
  auto p = of_kind(SupportKind::kScholarship, {district(1'000'000)});
  p.active_same_kind = 2;
  EXPECT_EQ(check_proposal(v2024(), poor_in_temporary_house(), p).slot, 3);
  p.active_same_kind = 3;
  EXPECT_EQ(proposal_error(poor_in_temporary_house(), p).reason(), reason::kSupportLimitReached);
}

TEST(ProposalFrequency, TheNewSupportTakesTheLowestFreeSlot) {
  auto p = of_kind(SupportKind::kScholarship, {district(1'000'000)});
  p.active_slots = {1, 3};  // slot 2's support was cancelled
  EXPECT_EQ(check_proposal(v2024(), poor_in_temporary_house(), p).slot, 2);
  p.active_slots = {1, 2, 3};
  EXPECT_EQ(proposal_error(poor_in_temporary_house(), p).reason(), reason::kSupportLimitReached);
}

TEST(ProposalFrequency, ANewHouseAtMostOnceInTenYears) {
  auto p = new_house({district(10'000'000)});
  p.last_same_kind_on = day("2016-03-02");
  const Error e = proposal_error(poor_in_temporary_house(), p);
  EXPECT_EQ(e.reason(), reason::kSupportLimitReached);
  EXPECT_EQ(e.metadata().at("next_on"), "2026-03-02");
  EXPECT_THAT(e.vietnamese(), HasSubstr("02/03/2026"));
  p.last_same_kind_on = day("2014-03-01");
  EXPECT_NO_THROW(check_proposal(v2024(), poor_in_temporary_house(), p));
}

TEST(ProposalFrequency, TheTwentyNinthOfFebruaryCountsToTheTwentyEighth) {
  auto p = new_house({district(10'000'000)});
  p.kind = SupportKind::kHouseRepair;
  p.last_same_kind_on = day("2020-02-29");
  p.proposed_on = day("2025-02-27");
  EXPECT_EQ(proposal_error(poor_in_temporary_house(), p, v2024()).metadata().at("next_on"),
            "2025-02-28");
  p.proposed_on = day("2025-02-28");
  EXPECT_NO_THROW(check_proposal(v2024(), poor_in_temporary_house(), p));
}

// --- order of checks --------------------------------------------------------------------------

TEST(ProposalOrder, BadInputIsReportedBeforeTheHouseholdsState) {
  auto h = poor_in_temporary_house();
  h.approved = false;
  expect_field(proposal_error(h, new_house({district(0)})), "funding[0].amount.dong");
}

}  // namespace
}  // namespace vnn::allocation::rules
