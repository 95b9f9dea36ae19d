#include "campaign_checks.h"

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "vnn/platform/events/nats_client.h"
#include "vnn/platform/proto_convert.h"

namespace vnn::testing {

namespace rv1 = reporting::v1;
namespace av1 = allocation::v1;
namespace hv1 = household_review::v1;
using campaign::call;

namespace {

std::string json_of(const google::protobuf::Message& message) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(message, &json, options);
  return json;
}

void expect_amounts(const google::protobuf::RepeatedPtrField<rv1::Amount>& actual,
                    const std::vector<campaign::ExpectedAmount>& expected,
                    const std::string& where) {
  std::map<std::string, std::pair<std::int64_t, std::int64_t>> got, want;
  for (const auto& a : actual) got[a.key()] = {a.count(), a.amount().dong()};
  for (const auto& e : expected) want[e.key] = {e.count, e.amount};
  // Entries at zero may be kept by one side and not the other; they say the same.
  std::erase_if(got, [](const auto& entry) {
    return entry.second == std::pair<std::int64_t, std::int64_t>{0, 0};
  });
  std::erase_if(want, [](const auto& entry) {
    return entry.second == std::pair<std::int64_t, std::int64_t>{0, 0};
  });
  for (const auto& [key, figures] : want) {
    auto found = got.find(key);
    if (found == got.end()) {
      ADD_FAILURE() << where << ": no entry " << key << " (expected count " << figures.first << ", "
                    << figures.second << " đ)";
      continue;
    }
    EXPECT_EQ(found->second.first, figures.first) << where << " " << key << " count";
    EXPECT_EQ(found->second.second, figures.second) << where << " " << key << " đồng";
  }
  for (const auto& [key, figures] : got) {
    EXPECT_TRUE(want.count(key)) << where << ": unexpected entry " << key << " (count "
                                 << figures.first << ", " << figures.second << " đ)";
  }
}

}  // namespace

rv1::Reconciliation reconcile(campaign::Play& play) {
  rv1::ReconcileRequest request;
  request.set_campaign_id(play.scenario.campaign.id);
  return call(play.stats, "Reconcile", play.officers.auditor(), *play.services.reporting,
              &rv1::ReportingService::Stub::Reconcile, request);
}

rv1::FinalReport final_report(campaign::Play& play, const std::string& unit_code) {
  rv1::GetFinalReportRequest request;
  request.set_campaign_id(play.scenario.campaign.id);
  request.set_unit_code(unit_code);
  return call(play.stats, "GetFinalReport", play.officers.district_maker(),
              *play.services.reporting, &rv1::ReportingService::Stub::GetFinalReport, request);
}

hv1::Coverage district_coverage(campaign::Play& play) {
  hv1::GetCoverageRequest request;
  request.set_campaign_id(play.scenario.campaign.id);
  request.set_unit_code(play.scenario.campaign.unit_code);
  hv1::Coverage all;
  do {
    auto page = call(play.stats, "GetCoverage", play.officers.district_maker(),
                     *play.services.household_review,
                     &hv1::HouseholdReviewService::Stub::GetCoverage, request);
    if (all.units_size() == 0) *all.mutable_units() = page.units();
    all.mutable_unassigned()->MergeFrom(page.unassigned());
    all.mutable_overlaps()->MergeFrom(page.overlaps());
    request.mutable_page()->set_page_token(page.page().next_page_token());
  } while (!request.page().page_token().empty());
  return all;
}

std::vector<av1::Support> all_supports(campaign::Play& play) {
  av1::ListSupportsRequest request;
  request.set_campaign_id(play.scenario.campaign.id);
  request.set_unit_code(play.scenario.campaign.unit_code);
  request.mutable_page()->set_page_size(1000);
  std::vector<av1::Support> all;
  do {
    auto page =
        call(play.stats, "ListSupports", play.officers.district_maker(), *play.services.allocation,
             &av1::AllocationService::Stub::ListSupports, request);
    all.insert(all.end(), page.supports().begin(), page.supports().end());
    request.mutable_page()->set_page_token(page.page().next_page_token());
  } while (!request.page().page_token().empty());
  return all;
}

rv1::LaggingUnits lagging_units(campaign::Play& play, const platform::Date& as_of) {
  rv1::ListLaggingUnitsRequest request;
  request.set_campaign_id(play.scenario.campaign.id);
  request.set_unit_code(play.scenario.campaign.unit_code);
  platform::to_proto(as_of, request.mutable_as_of());
  return call(play.stats, "ListLaggingUnits", play.officers.district_maker(),
              *play.services.reporting, &rv1::ReportingService::Stub::ListLaggingUnits, request);
}

av1::FundBalance fund_balance(campaign::Play& play, const std::string& fund_id) {
  av1::GetFundBalanceRequest request;
  request.set_fund_id(fund_id);
  return call(play.stats, "GetFundBalance", play.officers.auditor(), *play.services.allocation,
              &av1::AllocationService::Stub::GetFundBalance, request);
}

av1::LedgerVerification verify_ledger(campaign::Play& play, const std::string& fund_id) {
  av1::VerifyLedgerRequest request;
  request.set_fund_id(fund_id);
  return call(play.stats, "VerifyLedger", play.officers.auditor(), *play.services.allocation,
              &av1::AllocationService::Stub::VerifyLedger, request);
}

std::string disclosure_text(campaign::Play& play, const std::string& fund_id) {
  std::string text;
  for (auto side : {rv1::DISCLOSURE_SIDE_RECEIVED, rv1::DISCLOSURE_SIDE_USED}) {
    rv1::GetDisclosureRequest request;
    request.set_fund_id(fund_id);
    request.set_campaign_id(play.scenario.campaign.id);
    request.set_side(side);
    request.mutable_page()->set_page_size(1000);
    do {
      auto page =
          call(play.stats, "GetDisclosure", play.officers.public_reader(), *play.services.reporting,
               &rv1::ReportingService::Stub::GetDisclosure, request);
      text += json_of(page);
      request.mutable_page()->set_page_token(page.page().next_page_token());
    } while (!request.page().page_token().empty());
  }
  return text;
}

std::vector<std::string> personal_data(const campaign::Scenario& s) {
  std::set<std::string> public_names;
  auto donor = [&](const campaign::Donor& d) { public_names.insert(d.name); };
  for (const auto& d : s.donations) donor(d.donor);
  for (const auto& p : s.pledges) donor(p.donor);
  std::set<std::string> secrets;
  auto add = [&](const std::string& value) {
    if (!value.empty()) secrets.insert(value);
  };
  for (const auto& d : s.donations) {
    add(d.donor.citizen_id);
    add(d.donor.phone);
  }
  for (const auto& list : s.payroll_lists) {
    for (const auto& line : list.lines) add(line.citizen_id);
  }
  for (const auto& h : s.households) {
    add(h.address);
    for (const auto& person : h.members) {
      add(person.citizen_id);
      if (!public_names.count(person.full_name)) add(person.full_name);
    }
  }
  return {secrets.begin(), secrets.end()};
}

std::optional<rv1::CampaignProgress> wait_for_snapshot(
    const platform::NatsSettings& nats, const std::string& key,
    const std::function<bool(const rv1::CampaignProgress&)>& done,
    std::chrono::milliseconds timeout) {
  platform::events::NatsClient client(nats, "campaign-dashboard");
  auto until = std::chrono::steady_clock::now() + timeout;
  while (!client.connected() && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  jsCtx* js = client.new_context();
  kvStore* bucket = nullptr;
  std::optional<rv1::CampaignProgress> last;
  while (std::chrono::steady_clock::now() < until) {
    if (bucket == nullptr && js_KeyValue(&bucket, js, "vnn_progress") != NATS_OK) bucket = nullptr;
    kvEntry* entry = nullptr;
    if (bucket != nullptr && kvStore_Get(&entry, bucket, key.c_str()) == NATS_OK) {
      std::string text(static_cast<const char*>(kvEntry_Value(entry)),
                       static_cast<std::size_t>(kvEntry_ValueLen(entry)));
      kvEntry_Destroy(entry);
      rv1::CampaignProgress progress;
      if (google::protobuf::util::JsonStringToMessage(text, &progress).ok()) {
        last = progress;
        if (done(progress)) break;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (bucket != nullptr) kvStore_Destroy(bucket);
  jsCtx_Destroy(js);
  if (last && done(*last)) return last;
  ADD_FAILURE() << key << ": no snapshot with the final totals; last "
                << (last ? last->total().ShortDebugString() : "none");
  return std::nullopt;
}

void expect_unit_figures(const rv1::UnitProgress& actual,
                         const campaign::ExpectedUnitFigures& expected, const std::string& where) {
  const auto& r = actual.received();
  const auto& er = expected.received;
  EXPECT_EQ(r.count(), er.count) << where << " received count";
  EXPECT_EQ(r.cash().dong(), er.cash) << where << " cash";
  EXPECT_EQ(r.in_kind().dong(), er.in_kind) << where << " in kind";
  EXPECT_EQ(r.direct_count(), er.direct_count) << where << " direct count";
  EXPECT_EQ(r.direct_to_households().dong(), er.direct_to_households) << where << " direct";
  expect_amounts(r.by_channel(), er.by_channel, where + " by channel");
  expect_amounts(r.by_donor_kind(), er.by_donor_kind, where + " by donor kind");
  expect_amounts(r.by_mobiliser(), er.by_mobiliser, where + " by mobiliser");
  const auto& h = actual.households();
  const auto& eh = expected.households;
  EXPECT_EQ(h.submitted(), eh.submitted) << where << " submitted";
  EXPECT_EQ(h.approved(), eh.approved) << where << " approved";
  EXPECT_EQ(h.rejected(), eh.rejected) << where << " rejected";
  EXPECT_EQ(h.returned(), eh.returned) << where << " returned";
  EXPECT_EQ(h.assigned(), eh.assigned) << where << " assigned";
  EXPECT_EQ(h.supported(), eh.supported) << where << " supported";
  EXPECT_EQ(h.late(), eh.late) << where << " late";
  const auto& s = actual.supports();
  const auto& es = expected.supports;
  expect_amounts(s.approved_by_kind(), es.approved_by_kind, where + " approved by kind");
  expect_amounts(s.disbursed_by_kind(), es.disbursed_by_kind, where + " disbursed by kind");
  EXPECT_EQ(s.houses_built(), es.houses_built) << where << " houses built";
  EXPECT_EQ(s.houses_repaired(), es.houses_repaired) << where << " houses repaired";
  EXPECT_EQ(s.approved().dong(), es.approved) << where << " approved đồng";
  EXPECT_EQ(s.disbursed().dong(), es.disbursed) << where << " disbursed đồng";
  EXPECT_EQ(s.total_value().dong(), es.total_value) << where << " total value";
  EXPECT_EQ(actual.target().amount().dong(), expected.target_amount) << where << " target";
  EXPECT_EQ(actual.target().houses(), expected.target_houses) << where << " target houses";
}

void expect_fund_figures(const rv1::FundFigures& actual, const campaign::ExpectedFund& expected) {
  const std::string& id = expected.fund_id;
  EXPECT_EQ(actual.received().dong(), expected.received) << id << " received";
  EXPECT_EQ(actual.reversed().dong(), expected.reversed) << id << " reversed";
  EXPECT_EQ(actual.reserved().dong(), expected.reserved) << id << " reserved";
  EXPECT_EQ(actual.disbursed().dong(), expected.disbursed) << id << " disbursed";
  EXPECT_EQ(actual.available().dong(), expected.available) << id << " available";
  EXPECT_EQ(actual.in_kind_stock().dong(), expected.in_kind_stock) << id << " in kind stock";
  EXPECT_FALSE(actual.flagged_short()) << id;
}

}  // namespace vnn::testing
