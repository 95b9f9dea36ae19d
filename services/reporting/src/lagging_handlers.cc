// The units below a unit that have not sent their household list or their results report.

#include <map>
#include <optional>

#include "policies.h"
#include "progress.h"
#include "reporting_service.h"
#include "rules/deadlines.h"
#include "scope.h"
#include "vnn/platform/db/arrays.h"
#include "vnn/platform/proto_convert.h"
#include "vnn/platform/rpc/read_handler.h"

namespace vnn::reporting {
namespace {

// The day the district office received each unit's list or report, by unit code.
std::map<std::string, platform::Date> received(pqxx::transaction_base& tx, const char* statement,
                                               const std::string& campaign_id,
                                               const std::string& codes) {
  std::map<std::string, platform::Date> out;
  for (const auto& row : tx.exec_prepared(statement, campaign_id, codes)) {
    out.emplace(row[0].c_str(), *platform::Date::parse_iso(row[1].c_str()));
  }
  return out;
}

std::optional<platform::Date> received_day(const std::map<std::string, platform::Date>& days,
                                           const std::string& unit_code) {
  const auto found = days.find(unit_code);
  if (found == days.end()) return std::nullopt;
  return found->second;
}

}  // namespace

grpc::Status ReportingServiceImpl::ListLaggingUnits(grpc::ServerContext* context,
                                                    const v1::ListLaggingUnitsRequest* request,
                                                    v1::LaggingUnits* response) {
  return platform::rpc::read(
      context_, context, policies::kListLaggingUnits, response,
      [&](platform::rpc::CallContext& call, pqxx::transaction_base& tx) {
        const auto as_of = platform::date_or_today(request->as_of(), "as_of");
        // Freshness first, so the rows read below are at least as fresh as it says.
        load_freshness(tx, response->mutable_freshness());
        const auto campaign = require_campaign(tx, request->campaign_id());
        const auto unit = visible_unit(call, campaign, request->unit_code());
        // The unit tree as of the campaign (its last day), as the records name the units.
        const auto& units = context_.units();
        const auto on = units.find(unit, campaign.ends_on) != nullptr ? campaign.ends_on
                                                                      : units.reference_date(unit);
        std::vector<std::string> codes;
        std::vector<rules::UnitSubmissions> below;
        for (const auto* u : rules::reporting_units(units, unit, on)) {
          codes.push_back(u->code);
          below.push_back({.unit_code = u->code, .unit_name = u->name});
        }
        const auto array = platform::db::text_array(codes);
        const auto lists = received(tx, "list_submissions_of", request->campaign_id(), array);
        const auto reports = received(tx, "results_reports_of", request->campaign_id(), array);
        for (auto& u : below) {
          u.list_received_on = received_day(lists, u.unit_code);
          u.report_received_on = received_day(reports, u.unit_code);
        }
        response->set_campaign_id(request->campaign_id());
        for (const auto& lag : rules::lagging(below, campaign.household_lists_due,
                                              campaign.results_report_due, as_of)) {
          auto* out = response->add_units();
          out->set_unit_code(lag.unit_code);
          out->set_unit_name(lag.unit_name);
          out->set_deadline(lag.deadline == rules::DeadlineKind::kHouseholdList
                                ? v1::DEADLINE_HOUSEHOLD_LIST
                                : v1::DEADLINE_RESULTS_REPORT);
          platform::to_proto(lag.due_on, out->mutable_due_on());
          out->set_days_left(lag.days_left);
        }
      });
}

}  // namespace vnn::reporting
