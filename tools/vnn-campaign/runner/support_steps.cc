// Support in the allocation service: proposed by communes, approved by a second officer,
// handed over, completed or cancelled.
#include <map>
#include <stdexcept>
#include <vector>

#include "runner/parallel.h"
#include "runner/progress.h"
#include "runner/steps.h"
#include "vnn/platform/proto_convert.h"

namespace vnn::campaign {

namespace av1 = allocation::v1;
using Stub = av1::AllocationService::Stub;
using platform::to_proto;

namespace {

av1::SupportKind support_kind(const std::string& kind) {
  static const std::map<std::string, av1::SupportKind> kKinds = {
      {"new_house", av1::SUPPORT_KIND_NEW_HOUSE},
      {"house_repair", av1::SUPPORT_KIND_HOUSE_REPAIR},
      {"production_capital", av1::SUPPORT_KIND_PRODUCTION_CAPITAL},
      {"livestock_seedlings", av1::SUPPORT_KIND_LIVESTOCK_SEEDLINGS},
      {"production_materials", av1::SUPPORT_KIND_PRODUCTION_MATERIALS},
      {"sudden_hardship", av1::SUPPORT_KIND_SUDDEN_HARDSHIP},
      {"scholarship", av1::SUPPORT_KIND_SCHOLARSHIP},
      {"bicycle", av1::SUPPORT_KIND_BICYCLE},
      {"health_insurance", av1::SUPPORT_KIND_HEALTH_INSURANCE},
      {"food_and_gifts", av1::SUPPORT_KIND_FOOD_AND_GIFTS},
  };
  auto found = kKinds.find(kind);
  if (found == kKinds.end()) throw std::invalid_argument("unknown support kind " + kind);
  return found->second;
}

av1::FundingSource funding_source(const std::string& source) {
  static const std::map<std::string, av1::FundingSource> kSources = {
      {"district_fund", av1::FUNDING_SOURCE_DISTRICT_FUND},
      {"commune_fund", av1::FUNDING_SOURCE_COMMUNE_FUND},
      {"state_budget", av1::FUNDING_SOURCE_STATE_BUDGET},
      {"sponsor", av1::FUNDING_SOURCE_SPONSOR},
      {"household", av1::FUNDING_SOURCE_HOUSEHOLD},
  };
  auto found = kSources.find(source);
  if (found == kSources.end()) throw std::invalid_argument("unknown funding source " + source);
  return found->second;
}

void set_part(const FundingPart& from, av1::FundingPart* to) {
  to->set_source(funding_source(from.source));
  to->set_fund_id(from.fund_id);
  to->mutable_amount()->set_dong(from.amount);
  to->set_sponsor(from.sponsor);
  to->set_reference(from.reference);
}

std::string unit_of(const Scenario& s, const std::string& household_key) {
  for (const auto& h : s.households) {
    if (h.key == household_key) return h.unit_code;
  }
  throw std::out_of_range("the scenario has no household " + household_key);
}

void propose(Play& play, const Support& support) {
  av1::ProposeSupportRequest request;
  request.set_request_id(play.request_id("propose", support.key));
  request.set_campaign_id(play.scenario.campaign.id);
  request.set_household_id(play.id(kHouseholds, support.household_key));
  request.set_kind(support_kind(support.kind));
  for (const auto& part : support.funding) set_part(part, request.add_funding());
  request.set_land_use_certificate(support.land_use_certificate);
  to_proto(support.proposed_on, request.mutable_proposed_on());
  auto proposed = call(play.stats, "ProposeSupport",
                       play.officers.commune(unit_of(play.scenario, support.household_key)),
                       *play.services.allocation, &Stub::ProposeSupport, request);
  play.set_id(kSupports, support.key, proposed.id());
}

void approve(Play& play, const Support& support) {
  av1::ApproveSupportRequest request;
  request.set_request_id(play.request_id("approve", support.key));
  request.set_support_id(play.id(kSupports, support.key));
  call(play.stats, "ApproveSupport", play.officers.district_checker(), *play.services.allocation,
       &Stub::ApproveSupport, request);
}

void disburse(Play& play, const Support& support) {
  av1::DisburseSupportRequest request;
  request.set_request_id(play.request_id("disburse", support.key));
  request.set_support_id(play.id(kSupports, support.key));
  to_proto(support.disbursed_on, request.mutable_disbursed_on());
  request.set_evidence(support.disbursement_evidence);
  for (const auto& part : support.partial_fund_parts) set_part(part, request.add_fund_parts());
  call(play.stats, "DisburseSupport", play.officers.district_maker(), *play.services.allocation,
       &Stub::DisburseSupport, request);
}

void complete(Play& play, const Support& support) {
  av1::CompleteSupportRequest request;
  request.set_request_id(play.request_id("complete", support.key));
  request.set_support_id(play.id(kSupports, support.key));
  to_proto(support.completed_on, request.mutable_completed_on());
  request.set_evidence(support.completion_evidence);
  call(play.stats, "CompleteSupport", play.officers.district_maker(), *play.services.allocation,
       &Stub::CompleteSupport, request);
}

void cancel(Play& play, const Support& support) {
  av1::CancelSupportRequest request;
  request.set_request_id(play.request_id("cancel", support.key));
  request.set_support_id(play.id(kSupports, support.key));
  request.set_reason(support.cancel_reason);
  call(play.stats, "CancelSupport", play.officers.district_maker(), *play.services.allocation,
       &Stub::CancelSupport, request);
}

template <class Pred>
std::vector<Support> supports_where(const Scenario& s, Pred pred) {
  std::vector<Support> out;
  for (const auto& support : s.supports) {
    if (pred(support)) out.push_back(support);
  }
  return out;
}

}  // namespace

void allocate_support(Play& play) {
  const Scenario& s = play.scenario;
  const int threads = play.options.threads;
  {
    Progress progress("Xã đề xuất hỗ trợ theo quy chế", static_cast<long>(s.supports.size()));
    for_each_parallel(s.supports, threads, [&](const Support& support) {
      propose(play, support);
      progress.tick();
    });
  }
  auto approved =
      supports_where(s, [](const Support& x) { return x.end != SupportEnd::kLeftProposed; });
  {
    Progress progress("Huyện duyệt hỗ trợ (người duyệt khác người đề xuất)",
                      static_cast<long>(approved.size()));
    for_each_parallel(approved, threads, [&](const Support& support) {
      approve(play, support);
      progress.tick();
    });
  }
  auto handed_over = supports_where(s, [](const Support& x) {
    return x.end == SupportEnd::kCompleted || x.end == SupportEnd::kDisbursed ||
           x.end == SupportEnd::kPartlyDisbursed;
  });
  {
    Progress progress("Trao hỗ trợ cho hộ", static_cast<long>(handed_over.size()));
    for_each_parallel(handed_over, threads, [&](const Support& support) {
      disburse(play, support);
      progress.tick();
    });
  }
  auto completed =
      supports_where(s, [](const Support& x) { return x.end == SupportEnd::kCompleted; });
  {
    Progress progress("Nghiệm thu, hoàn thành", static_cast<long>(completed.size()));
    for_each_parallel(completed, threads, [&](const Support& support) {
      complete(play, support);
      progress.tick();
    });
  }
  auto cancelled =
      supports_where(s, [](const Support& x) { return x.end == SupportEnd::kCancelledApproved; });
  Progress progress("Hủy hỗ trợ đã duyệt (có lý do)", static_cast<long>(cancelled.size()));
  for_each_parallel(cancelled, threads, [&](const Support& support) {
    cancel(play, support);
    progress.tick();
  });
}

}  // namespace vnn::campaign
