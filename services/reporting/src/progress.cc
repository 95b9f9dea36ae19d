#include "progress.h"

#include <map>
#include <set>

#include "vnn/platform/db/arrays.h"
#include "vnn/platform/proto_convert.h"

namespace vnn::reporting {
namespace {

std::optional<platform::Date> optional_iso(const pqxx::field& field) {
  const std::string text = field.c_str();
  if (text.empty()) return std::nullopt;
  return platform::Date::parse_iso(text);
}

std::string unit_name(const platform::units::AdminUnitTree& units, const std::string& code,
                      const platform::Date& on) {
  const auto* unit = units.find(code, on);
  if (unit == nullptr) unit = units.find(code, units.reference_date(code));
  return unit == nullptr ? code : unit->name;
}

void add_amount(google::protobuf::RepeatedPtrField<v1::Amount>* list, const std::string& key,
                std::int64_t count, std::int64_t amount, rules::Language language) {
  for (auto& a : *list) {
    if (a.key() == key) {
      a.set_count(a.count() + count);
      a.mutable_amount()->set_dong(a.amount().dong() + amount);
      return;
    }
  }
  auto* a = list->Add();
  a->set_key(key);
  a->set_label(rules::label(key, language));
  a->set_count(count);
  a->mutable_amount()->set_dong(amount);
}

// Adds one figure row to a unit's progress.
void add_figure(v1::UnitProgress* p, const std::string& figure, const std::string& key,
                std::int64_t count, std::int64_t amount, rules::Language language) {
  auto* received = p->mutable_received();
  auto* households = p->mutable_households();
  auto* supports = p->mutable_supports();
  if (figure == "received") {
    add_amount(received->mutable_by_channel(), key, count, amount, language);
    received->set_count(received->count() + count);
    auto* bucket = key == "in_kind" ? received->mutable_in_kind() : received->mutable_cash();
    bucket->set_dong(bucket->dong() + amount);
  } else if (figure == "received_kind") {
    add_amount(received->mutable_by_donor_kind(), key, count, amount, language);
  } else if (figure == "received_by") {
    add_amount(received->mutable_by_mobiliser(), key, count, amount, language);
  } else if (figure == "direct") {
    received->set_direct_count(received->direct_count() + count);
    received->mutable_direct_to_households()->set_dong(received->direct_to_households().dong() +
                                                       amount);
  } else if (figure == "households") {
    if (key == "submitted") households->set_submitted(households->submitted() + count);
    if (key == "approved") households->set_approved(households->approved() + count);
    if (key == "rejected") households->set_rejected(households->rejected() + count);
    if (key == "returned") households->set_returned(households->returned() + count);
    if (key == "assigned") households->set_assigned(households->assigned() + count);
    if (key == "supported") households->set_supported(households->supported() + count);
    if (key == "late") households->set_late(households->late() + count);
  } else if (figure == "approved") {
    add_amount(supports->mutable_approved_by_kind(), key, count, amount, language);
    supports->mutable_approved()->set_dong(supports->approved().dong() + amount);
  } else if (figure == "disbursed") {
    add_amount(supports->mutable_disbursed_by_kind(), key, count, amount, language);
    supports->mutable_disbursed()->set_dong(supports->disbursed().dong() + amount);
  } else if (figure == "support_value") {
    supports->mutable_total_value()->set_dong(supports->total_value().dong() + amount);
  } else if (figure == "houses") {
    if (key == "built") supports->set_houses_built(supports->houses_built() + count);
    if (key == "repaired") supports->set_houses_repaired(supports->houses_repaired() + count);
  }
}

}  // namespace

std::optional<CampaignInfo> load_campaign(pqxx::transaction_base& tx, const std::string& id) {
  const auto rows = tx.exec_prepared("campaign_get", id);
  if (rows.empty()) return std::nullopt;
  const auto& r = rows[0];
  return CampaignInfo{.name = r[0].c_str(),
                      .unit_code = r[1].c_str(),
                      .starts_on = *platform::Date::parse_iso(r[2].c_str()),
                      .ends_on = *platform::Date::parse_iso(r[3].c_str()),
                      .household_lists_due = optional_iso(r[4]),
                      .results_report_due = optional_iso(r[5])};
}

void load_freshness(pqxx::transaction_base& tx, v1::Freshness* out) {
  const auto row = tx.exec_prepared1("freshness_get");
  out->set_events_applied(row[0].as<std::int64_t>());
  out->set_last_event_id(row[1].c_str());
  out->mutable_event_at()->set_seconds(row[2].as<std::int64_t>());
  out->mutable_applied_at()->set_seconds(row[3].as<std::int64_t>());
}

rules::View view_of(v1::UnitView view) {
  return view == v1::UNIT_VIEW_RESTATED ? rules::View::kRestated : rules::View::kAsOfThen;
}

void load_progress(pqxx::transaction_base& tx, const platform::units::AdminUnitTree& units,
                   const std::string& campaign_id, const CampaignInfo& campaign,
                   const std::string& unit_code, v1::UnitView view, v1::CampaignProgress* out,
                   rules::Language language) {
  const std::string requested = unit_code.empty() ? campaign.unit_code : unit_code;
  // Read first, so the figures are at least as fresh as the freshness says.
  load_freshness(tx, out->mutable_freshness());
  std::vector<std::string> leaves;
  for (const auto& row : tx.exec_prepared("campaign_leaves", campaign_id)) {
    leaves.emplace_back(row[0].c_str());
  }
  const auto today = platform::Date::today_in_vietnam();
  const auto plan = rules::rollup(units, requested, leaves, campaign.starts_on, campaign.ends_on,
                                  view_of(view), today);
  std::vector<std::string> counted;
  for (const auto& [leaf, group] : plan.group_of) counted.push_back(leaf);

  out->set_campaign_id(campaign_id);
  out->set_campaign_name(campaign.name);
  out->set_unit_code(requested);
  out->set_view(view == v1::UNIT_VIEW_RESTATED ? v1::UNIT_VIEW_RESTATED : v1::UNIT_VIEW_AS_OF_THEN);
  if (campaign.household_lists_due) {
    platform::to_proto(*campaign.household_lists_due, out->mutable_household_lists_due());
  }
  if (campaign.results_report_due) {
    platform::to_proto(*campaign.results_report_due, out->mutable_results_report_due());
  }
  const auto name_day = view == v1::UNIT_VIEW_RESTATED ? today : campaign.ends_on;
  auto* total = out->mutable_total();
  total->set_unit_code(requested);
  total->set_unit_name(unit_name(units, requested, name_day));
  std::map<std::string, v1::UnitProgress*> by_group;
  for (const auto& group : plan.groups) {
    if (group == requested) continue;
    auto* unit = out->add_units();
    unit->set_unit_code(group);
    unit->set_unit_name(unit_name(units, group, name_day));
    by_group[group] = unit;
  }
  const auto leaf_array = platform::db::text_array(counted);
  for (const auto& row : tx.exec_prepared("figures_of_units", campaign_id, leaf_array)) {
    const std::string leaf = row[0].c_str();
    const std::string figure = row[1].c_str(), key = row[2].c_str();
    const auto count = row[3].as<std::int64_t>(), amount = row[4].as<std::int64_t>();
    add_figure(total, figure, key, count, amount, language);
    if (const auto it = by_group.find(plan.group_of.at(leaf)); it != by_group.end()) {
      add_figure(it->second, figure, key, count, amount, language);
    }
  }
  for (const auto& row : tx.exec_prepared("targets_of_units", campaign_id, leaf_array)) {
    const std::string leaf = row[0].c_str();
    for (auto* p : {total, by_group.count(plan.group_of.at(leaf)) != 0
                               ? by_group.at(plan.group_of.at(leaf))
                               : static_cast<v1::UnitProgress*>(nullptr)}) {
      if (p == nullptr) continue;
      auto* target = p->mutable_target();
      target->mutable_amount()->set_dong(target->amount().dong() + row[1].as<std::int64_t>());
      target->set_houses(target->houses() + row[2].as<int>());
    }
  }
  // Mobilisers by name rather than id, for officers.
  std::set<std::string> mobilisers;
  for (const auto& a : total->received().by_mobiliser()) mobilisers.insert(a.key());
  if (!mobilisers.empty()) {
    std::map<std::string, std::string> names;
    for (const auto& row : tx.exec_prepared(
             "mobiliser_names", platform::db::text_array({mobilisers.begin(), mobilisers.end()}))) {
      names[row[0].c_str()] = row[1].c_str();
    }
    const auto rename = [&](v1::UnitProgress* p) {
      for (auto& a : *p->mutable_received()->mutable_by_mobiliser()) {
        if (const auto it = names.find(a.key()); it != names.end()) a.set_label(it->second);
      }
    };
    rename(total);
    for (auto& [group, p] : by_group) rename(p);
  }
  // The funds of the counted units (a fund of the district and one per commune).
  std::set<std::string> fund_units(counted.begin(), counted.end());
  fund_units.insert(requested);
  for (const auto& row : tx.exec_prepared(
           "funds_of_units", platform::db::text_array({fund_units.begin(), fund_units.end()}))) {
    auto* f = out->add_funds();
    f->set_fund_id(row[0].c_str());
    f->set_unit_code(row[1].c_str());
    f->set_name(row[2].c_str());
    f->mutable_received()->set_dong(row[3].as<std::int64_t>());
    f->mutable_reversed()->set_dong(row[4].as<std::int64_t>());
    f->mutable_reserved()->set_dong(row[5].as<std::int64_t>());
    f->mutable_disbursed()->set_dong(row[6].as<std::int64_t>());
    f->mutable_available()->set_dong(row[7].as<std::int64_t>());
    f->mutable_in_kind_stock()->set_dong(row[8].as<std::int64_t>());
    f->set_flagged_short(row[9].as<bool>());
  }
}

}  // namespace vnn::reporting
