// The campaign's frame in the donation service, and the wait until the others know it.
#include <thread>

#include "runner/parallel.h"
#include "runner/progress.h"
#include "runner/steps.h"
#include "runner/wait.h"
#include "vnn/platform/proto_convert.h"

namespace vnn::campaign {

namespace dv1 = donation::v1;
using platform::to_proto;

namespace {

dv1::MobiliserKind mobiliser_kind(MobiliserKind kind) {
  switch (kind) {
    case MobiliserKind::kMemberOrganisation:
      return dv1::MOBILISER_KIND_MEMBER_ORGANISATION;
    case MobiliserKind::kAgency:
      return dv1::MOBILISER_KIND_AGENCY;
    case MobiliserKind::kBoardMember:
      return dv1::MOBILISER_KIND_BOARD_MEMBER;
  }
  return dv1::MOBILISER_KIND_UNSPECIFIED;
}

void create_fund(Play& play, const Fund& fund) {
  dv1::CreateFundRequest request;
  request.set_request_id(play.request_id("fund", fund.id));
  request.set_id(fund.id);
  request.set_unit_code(fund.unit_code);
  to_proto(play.scenario.campaign.starts_on, request.mutable_unit_valid_on());
  request.set_name(fund.name);
  if (!fund.account_number.empty()) {
    auto* account = request.add_accounts();
    account->set_account_number(fund.account_number);
    account->set_account_name(fund.account_name);
    account->set_bank(fund.bank);
    account->set_branch(fund.branch);
  }
  call(play.stats, "CreateFund", play.officers.district_maker(), *play.services.donation,
       &dv1::DonationService::Stub::CreateFund, request);
}

void create_campaign(Play& play) {
  const Campaign& c = play.scenario.campaign;
  dv1::CreateCampaignRequest request;
  request.set_request_id(play.request_id("campaign", c.id));
  auto* campaign = request.mutable_campaign();
  campaign->set_id(c.id);
  campaign->set_name(c.name);
  campaign->set_unit_code(c.unit_code);
  to_proto(c.starts_on, campaign->mutable_starts_on());
  to_proto(c.ends_on, campaign->mutable_ends_on());
  for (const auto& fund_id : c.fund_ids) campaign->add_fund_ids(fund_id);
  auto* lists = campaign->add_milestones();
  lists->set_kind(dv1::MILESTONE_KIND_HOUSEHOLD_LISTS_DUE);
  to_proto(c.lists_due, lists->mutable_due_on());
  auto* report = campaign->add_milestones();
  report->set_kind(dv1::MILESTONE_KIND_RESULTS_REPORT_DUE);
  to_proto(c.report_due, report->mutable_due_on());
  for (const auto& t : c.targets) {
    auto* target = campaign->add_targets();
    target->set_unit_code(t.unit_code);
    target->mutable_amount()->set_dong(t.amount);
    target->set_houses(t.houses);
  }
  call(play.stats, "CreateCampaign", play.officers.district_maker(), *play.services.donation,
       &dv1::DonationService::Stub::CreateCampaign, request);
}

void create_mobiliser(Play& play, const Mobiliser& m) {
  dv1::CreateMobiliserRequest request;
  request.set_request_id(play.request_id("mobiliser", m.id));
  auto* mobiliser = request.mutable_mobiliser();
  mobiliser->set_id(m.id);
  mobiliser->set_kind(mobiliser_kind(m.kind));
  mobiliser->set_name(m.name);
  mobiliser->set_unit_code(m.unit_code);
  call(play.stats, "CreateMobiliser", play.officers.district_maker(), *play.services.donation,
       &dv1::DonationService::Stub::CreateMobiliser, request);
}

}  // namespace

void set_up_campaign(Play& play) {
  const Scenario& s = play.scenario;
  Progress progress("Quỹ, đợt vận động, tổ chức vận động",
                    static_cast<long>(s.funds.size() + 1 + s.mobilisers.size()));
  for (const auto& fund : s.funds) {
    create_fund(play, fund);
    progress.tick();
  }
  create_campaign(play);
  progress.tick();
  for_each_parallel(s.mobilisers, play.options.threads, [&](const Mobiliser& m) {
    create_mobiliser(play, m);
    progress.tick();
  });
}

void wait_until_campaign_known(Play& play) {
  const Campaign& c = play.scenario.campaign;
  Progress progress("Các dịch vụ nhận đợt vận động từ sự kiện", 3);
  wait_until(play, "household review knows the campaign", [&] {
    household_review::v1::GetCoverageRequest request;
    request.set_campaign_id(c.id);
    request.set_unit_code(c.unit_code);
    return try_call(play, play.officers.district_maker(), *play.services.household_review,
                    &household_review::v1::HouseholdReviewService::Stub::GetCoverage, request);
  });
  progress.tick();
  wait_until(play, "allocation knows every fund", [&] {
    for (const auto& fund : play.scenario.funds) {
      allocation::v1::GetFundBalanceRequest request;
      request.set_fund_id(fund.id);
      if (!try_call(play, play.officers.district_maker(), *play.services.allocation,
                    &allocation::v1::AllocationService::Stub::GetFundBalance, request)) {
        return false;
      }
    }
    return true;
  });
  progress.tick();
  wait_until(play, "reporting knows the campaign", [&] {
    reporting::v1::GetCampaignProgressRequest request;
    request.set_campaign_id(c.id);
    return try_call(play, play.officers.district_maker(), *play.services.reporting,
                    &reporting::v1::ReportingService::Stub::GetCampaignProgress, request);
  });
  progress.tick();
}

}  // namespace vnn::campaign
