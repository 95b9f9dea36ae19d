#include "donation_rows.h"

#include <nlohmann/json.hpp>

#include "donor_registry.h"
#include "proto_names.h"
#include "rules/direct_support.h"
#include "vnn/platform/proto_convert.h"

namespace vnn::donation {

const char* const kDonationColumns =
    "d.id, d.campaign_id, d.fund_id, d.unit_code, d.donor_id, d.channel, d.amount_dong, "
    "d.received_on::text, d.mobiliser_id, d.bank_account_number, d.bank_reference, d.items::text, "
    "d.note, d.receipt_year, d.receipt_number, d.reverses_donation_id, d.reversal_reason, "
    "(SELECT r.id FROM donation r WHERE r.reverses_donation_id = d.id), d.recorded_by, "
    "EXTRACT(EPOCH FROM d.recorded_at)::bigint, d.pledge_id, d.household_id, d.support_need, "
    "d.confirmation_number";

void row_to_donation(pqxx::transaction_base& tx, const pqxx::row& row,
                     const platform::auth::Principal& viewer, v1::Donation* out) {
  out->set_id(row[0].as<std::int64_t>());
  out->set_campaign_id(row[1].c_str());
  out->set_fund_id(row[2].c_str());
  out->set_unit_code(row[3].c_str());
  if (!row[4].is_null())
    DonorRegistry::load(tx, row[4].as<std::int64_t>(), viewer, out->mutable_donor());
  out->set_channel(parse_channel(row[5].c_str()));
  out->mutable_amount()->set_dong(row[6].as<std::int64_t>());
  if (auto date = platform::Date::parse_iso(row[7].c_str()))
    platform::to_proto(*date, out->mutable_received_on());
  if (!row[8].is_null()) out->set_mobiliser_id(row[8].c_str());
  if (!row[9].is_null()) out->set_bank_account_number(row[9].c_str());
  if (!row[10].is_null()) out->set_bank_reference(row[10].c_str());
  add_items(nlohmann::json::parse(row[11].c_str()), out);
  out->set_note(row[12].c_str());
  if (!row[14].is_null()) {
    out->mutable_receipt()->set_fund_id(out->fund_id());
    out->mutable_receipt()->set_year(row[13].as<int>());
    out->mutable_receipt()->set_number(row[14].as<std::int64_t>());
  }
  if (!row[15].is_null()) out->set_reverses_donation_id(row[15].as<std::int64_t>());
  if (!row[16].is_null()) out->set_reversal_reason(row[16].c_str());
  if (!row[17].is_null()) out->set_reversed_by_donation_id(row[17].as<std::int64_t>());
  out->set_recorded_by(row[18].c_str());
  out->mutable_recorded_at()->set_seconds(row[19].as<std::int64_t>());
  if (!row[20].is_null()) out->set_pledge_id(row[20].as<std::int64_t>());
  if (!row[21].is_null()) out->set_household_id(row[21].as<std::int64_t>());
  if (!row[22].is_null()) out->set_support_need(row[22].c_str());
  if (!row[23].is_null()) {
    out->set_confirmation_reference(
        rules::confirmation_reference(out->received_on().year(), row[23].as<std::int64_t>()));
  }
}

void add_items(const nlohmann::json& items, v1::Donation* out) {
  for (const auto& item : items) {
    auto* added = out->add_items();
    added->set_description(item.value("description", ""));
    added->set_quantity(item.value("quantity", std::int64_t{0}));
    added->set_unit(item.value("unit", ""));
    added->mutable_assessed_value()->set_dong(item.value("value", std::int64_t{0}));
  }
}

bool may_see_record(const platform::rpc::CallContext& call, const std::string& unit_code,
                    const std::string& mobiliser_id, const common::v1::Date& on) {
  using platform::auth::Role;
  const auto& who = call.principal();
  switch (who.role) {
    case Role::kAuditor:
    case Role::kService:
      return true;
    case Role::kMemberOrganisation:
    case Role::kAgency:
      return !who.organisation_id.empty() && mobiliser_id == who.organisation_id;
    case Role::kDistrictOffice:
    case Role::kCommuneOfficer:
      return call.may_act_for(unit_code, platform::from_proto(on));
    default:
      return false;
  }
}

std::optional<v1::Donation> load_visible_donation(pqxx::transaction_base& tx,
                                                  const platform::rpc::CallContext& call,
                                                  std::int64_t id) {
  auto rows = tx.exec_params(
      std::string("SELECT ") + kDonationColumns + " FROM donation d WHERE d.id = $1", id);
  if (rows.empty()) return std::nullopt;
  v1::Donation donation;
  row_to_donation(tx, rows[0], call.principal(), &donation);
  if (!may_read(call, donation)) return std::nullopt;
  return donation;
}

void note_donor_read(platform::rpc::CallContext& call, const v1::Donation& donation) {
  if (donation.donor().id() != 0 && !donation.donor().phone().empty() &&
      may_see_donor_contact(call.principal())) {
    call.note_personal_read("donor", donation.donor().id());
  }
}

void restrict_to_visible(platform::db::FilteredQuery& query, const platform::rpc::CallContext& call,
                         const std::string& unit_column, const std::string& mobiliser_column,
                         const std::string& date_column) {
  using platform::auth::Role;
  const auto& who = call.principal();
  switch (who.role) {
    case Role::kAuditor:
    case Role::kService:
      return;
    case Role::kMemberOrganisation:
    case Role::kAgency:
      query.equals(mobiliser_column, who.organisation_id.empty() ? "\x01" : who.organisation_id);
      return;
    case Role::kDistrictOffice:
    case Role::kCommuneOfficer:
      query.in_scope(platform::auth::unit_scope(who, call.service().units()), unit_column,
                     date_column);
      return;
    default:
      query.where("false");
  }
}

}  // namespace vnn::donation
