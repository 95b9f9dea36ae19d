#include "decisions.h"

#include <set>

#include "rules/reason_codes.h"
#include "vnn/platform/auth/scope.h"
#include "vnn/platform/db/arrays.h"
#include "vnn/platform/proto_convert.h"
#include "vnn/platform/units/admin_unit_tree.h"

namespace vnn::allocation {
namespace {

using platform::auth::Role;

const platform::units::AdminUnitTree& units() { return platform::units::AdminUnitTree::builtin(); }

}  // namespace

platform::Error household_not_found(std::int64_t household_id) {
  return platform::not_found("household " + std::to_string(household_id) + " not found")
      .with_vietnamese("Không tìm thấy hộ số " + std::to_string(household_id));
}

platform::Error support_not_found(std::int64_t support_id) {
  return platform::not_found("support " + std::to_string(support_id) + " not found")
      .with_vietnamese("Không tìm thấy hỗ trợ số " + std::to_string(support_id));
}

platform::Error fund_not_found(const std::string& fund_id) {
  return platform::not_found("fund " + fund_id + " not found")
      .with_vietnamese("Không tìm thấy quỹ " + fund_id);
}

platform::Error support_limit_reached(std::int64_t household_id, rules::SupportKind kind) {
  return platform::failed_precondition(
             "household " + std::to_string(household_id) + " already has every support of kind " +
             std::string(rules::kind_word(kind)) + " the regulation allows in this campaign")
      .with_reason(rules::reason::kSupportLimitReached)
      .with_vietnamese("Hộ số " + std::to_string(household_id) + " đã nhận đủ hỗ trợ «" +
                       std::string(rules::kind_vietnamese(kind)) +
                       "» theo quy chế trong đợt vận động này")
      .with_subject("household/" + std::to_string(household_id));
}

bool may_see(const platform::rpc::CallContext& call, const v1::Support& support) {
  return rules::may_see_support(call.principal(), units(), support.unit_code(),
                                units().reference_date(support.unit_code()),
                                support.organisation_id());
}

SupportRow visible_locked_support(const platform::rpc::CallContext& call,
                                  pqxx::transaction_base& tx, std::int64_t support_id) {
  const auto row = lock_support(tx, support_id);
  if (!row ||
      !rules::may_see_support(call.principal(), units(), row->unit_code,
                              units().reference_date(row->unit_code), row->organisation_id)) {
    throw support_not_found(support_id);
  }
  return *row;
}

rules::FundUnit fund_unit(pqxx::transaction_base& tx, const std::string& fund_id,
                          const std::string& field) {
  const auto rows = tx.exec_prepared("fund_units", platform::db::text_array({fund_id}));
  if (rows.empty()) {
    throw platform::invalid_argument(field, "fund " + fund_id + " is not known",
                                     "không có quỹ " + fund_id);
  }
  return {.fund_id = rows[0][0].c_str(),
          .unit_code = rows[0][1].c_str(),
          .unit_on = *platform::Date::parse_iso(rows[0][2].c_str())};
}

void check_fund_parts(pqxx::transaction_base& tx, const std::vector<rules::ProposedPart>& parts,
                      const std::string& household_unit, const platform::Date& household_on) {
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (!rules::is_fund(parts[i].source)) continue;
    const std::string field = "funding[" + std::to_string(i) + "].fund_id";
    const auto fund = fund_unit(tx, parts[i].fund_id, field);
    rules::require_fund_fits_source(units(), parts[i].source, fund, household_unit, household_on,
                                    field);
  }
}

void insert_funding(pqxx::transaction_base& tx, std::int64_t support_id,
                    const std::vector<rules::ProposedPart>& parts) {
  std::vector<std::string> numbers, sources, funds, sponsors, references;
  std::vector<std::int64_t> amounts;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    numbers.push_back(std::to_string(i + 1));
    sources.emplace_back(rules::source_word(parts[i].source));
    funds.push_back(rules::is_fund(parts[i].source) ? parts[i].fund_id : std::string());
    amounts.push_back(parts[i].amount);
    sponsors.push_back(parts[i].sponsor);
    references.push_back(parts[i].reference);
  }
  tx.exec_prepared("support_funding_insert", support_id, platform::db::text_array(numbers),
                   platform::db::text_array(sources), platform::db::text_array(funds),
                   platform::db::bigint_array(amounts), platform::db::text_array(sponsors),
                   platform::db::text_array(references));
}

void restrict_supports(const platform::rpc::CallContext& call, platform::db::FilteredQuery& query) {
  const auto& who = call.principal();
  switch (who.role) {
    case Role::kAuditor:
    case Role::kService:
      return;
    case Role::kMemberOrganisation:
      query.equals("s.organisation_id", who.organisation_id.empty() ? "\x01" : who.organisation_id);
      return;
    case Role::kDistrictOffice:
    case Role::kCommuneOfficer:
      // The code as the household's unit was read when proposed, as GetSupport reads it: a
      // support proposed after a merger of its commune is still its commune's and district's.
      query.in_scope(platform::auth::unit_scope(who, units()), "s.unit_code", "s.unit_on");
      return;
    default:
      query.where("false");
  }
}

std::vector<std::string> units_below(const std::string& code) {
  std::set<std::string> codes{code};
  for (const auto& unit : units().all()) {
    if (units().covers(code, unit.code, units().reference_date(unit.code))) codes.insert(unit.code);
  }
  return {codes.begin(), codes.end()};
}

void regulation_to_proto(const rules::RegulationVersion& version, v1::Regulation* out) {
  out->set_version(version.version);
  platform::to_proto(version.effective_from, out->mutable_effective_from());
  if (version.effective_to) platform::to_proto(*version.effective_to, out->mutable_effective_to());
  out->set_title(version.title);
  out->set_source(version.source);
  for (const auto& n : version.norms) {
    auto* norm = out->add_norms();
    norm->set_kind(to_proto(n.kind));
    norm->mutable_max_per_household()->set_dong(n.max_per_household);
    norm->set_max_per_campaign(n.max_per_campaign);
    norm->set_once_in_years(n.once_in_years);
    for (const auto source : n.sources) norm->add_sources(to_proto(source));
    for (const auto status : n.poverty_statuses)
      norm->add_poverty_statuses(std::string(rules::poverty_word(status)));
    for (const auto housing : n.housing)
      norm->add_housing(std::string(rules::housing_word(housing)));
    norm->set_requires_land_use_certificate(n.requires_land_use_certificate);
    norm->set_meritorious_first(n.meritorious_first);
    norm->set_requires_sudden_hardship(n.requires_sudden_hardship);
    norm->set_name_vi(n.name_vi);
  }
}

}  // namespace vnn::allocation
