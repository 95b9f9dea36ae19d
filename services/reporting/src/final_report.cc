#include "final_report.h"

#include <stdexcept>
#include <vector>

#include "vnn/platform/db/arrays.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/money.h"
#include "vnn/platform/proto_convert.h"

namespace vnn::reporting {
namespace {

using rules::Language;

std::int64_t sum(std::int64_t a, std::int64_t b) {
  const auto total = platform::money::checked_add(a, b);
  if (!total) throw std::overflow_error("report figure does not fit in int64");
  return *total;
}

std::chrono::system_clock::time_point instant(const google::protobuf::Timestamp& t) {
  return std::chrono::system_clock::time_point{std::chrono::seconds(t.seconds())};
}

class SectionWriter {
 public:
  SectionWriter(v1::FinalReport* report, std::string_view heading_key, Language language)
      : section_(report->add_sections()), language_(language) {
    section_->set_heading(rules::report_text(heading_key, language));
  }
  // A row of a count only.
  void count(const std::string& label, std::int64_t n) {
    auto* row = section_->add_rows();
    row->set_label(label);
    row->set_count(n);
  }
  // A row of an amount (and a count when there is one).
  v1::ReportRow* amount(const std::string& label, std::int64_t dong, std::int64_t n = 0) {
    auto* row = section_->add_rows();
    row->set_label(label);
    row->set_count(n);
    row->mutable_amount()->set_dong(dong);
    return row;
  }
  void amounts(std::string_view prefix_key,
               const google::protobuf::RepeatedPtrField<v1::Amount>& list) {
    const auto prefix = rules::report_text(prefix_key, language_);
    for (const auto& a : list) amount(prefix + a.label(), a.amount().dong(), a.count());
  }
  std::string text(std::string_view key) const { return rules::report_text(key, language_); }

 private:
  v1::ReportSection* section_;
  Language language_;
};

void mobilisation(const v1::UnitProgress& total, Language language, v1::FinalReport* out) {
  SectionWriter s(out, "section.mobilisation", language);
  const auto& r = total.received();
  const auto received = sum(r.cash().dong(), r.in_kind().dong());
  s.amount(s.text("row.received_total"), received, r.count());
  s.amount(s.text("row.cash"), r.cash().dong());
  s.amount(s.text("row.in_kind"), r.in_kind().dong());
  s.amounts("row.by_channel", r.by_channel());
  s.amounts("row.by_donor_kind", r.by_donor_kind());
  s.amounts("row.by_mobiliser", r.by_mobiliser());
  s.amount(s.text("row.direct"), r.direct_to_households().dong(), r.direct_count());
  auto* target = s.amount(s.text("row.target"), total.target().amount().dong());
  if (total.target().amount().dong() > 0) {
    const auto percent = static_cast<long double>(received) * 100 /
                         static_cast<long double>(total.target().amount().dong());
    target->set_note(s.text("note.achieved") + std::to_string(static_cast<long long>(percent)) +
                     "%");
  }
}

void support(const v1::UnitProgress& total, Language language, v1::FinalReport* out) {
  SectionWriter s(out, "section.support", language);
  const auto& h = total.households();
  s.count(s.text("row.hh_submitted"), h.submitted());
  s.count(s.text("row.hh_approved"), h.approved());
  s.count(s.text("row.hh_rejected"), h.rejected());
  s.count(s.text("row.hh_returned"), h.returned());
  s.count(s.text("row.hh_supported"), h.supported());
  s.count(s.text("row.hh_late"), h.late());
  const auto& p = total.supports();
  s.amounts("row.approved_kind", p.approved_by_kind());
  s.amount(s.text("row.approved_total"), p.approved().dong());
  s.amounts("row.disbursed_kind", p.disbursed_by_kind());
  s.amount(s.text("row.disbursed_total"), p.disbursed().dong());
  s.amount(s.text("row.total_value"), p.total_value().dong());
}

void houses(const v1::UnitProgress& total, Language language, v1::FinalReport* out) {
  SectionWriter s(out, "section.houses", language);
  const auto& p = total.supports();
  s.count(s.text("row.houses_built"), p.houses_built());
  s.count(s.text("row.houses_repaired"), p.houses_repaired());
  s.count(s.text("row.houses_target"), total.target().houses());
  for (const auto& a : p.disbursed_by_kind()) {
    if (a.key() == "new_house" || a.key() == "house_repair") {
      s.amount(s.text("row.disbursed_kind") + a.label(), a.amount().dong(), a.count());
    }
  }
}

void funds(const v1::CampaignProgress& progress, Language language, v1::FinalReport* out) {
  SectionWriter s(out, "section.funds", language);
  for (const auto& f : progress.funds()) {
    const auto name = (f.name().empty() ? f.fund_id() : f.name()) + ": ";
    s.amount(name + s.text("row.fund_received"), f.received().dong());
    s.amount(name + s.text("row.fund_reversed"), f.reversed().dong());
    s.amount(name + s.text("row.fund_reserved"), f.reserved().dong());
    s.amount(name + s.text("row.fund_disbursed"), f.disbursed().dong());
    auto* available = s.amount(name + s.text("row.fund_available"), f.available().dong());
    if (f.flagged_short()) available->set_note(s.text("note.fund_short"));
    if (f.in_kind_stock().dong() != 0) {
      s.amount(name + s.text("row.fund_in_kind"), f.in_kind_stock().dong());
    }
  }
}

void by_unit(const v1::CampaignProgress& progress, Language language, v1::FinalReport* out) {
  if (progress.units().empty()) return;
  SectionWriter s(out, "section.units", language);
  for (const auto& u : progress.units()) {
    const auto& r = u.received();
    auto* row = s.amount(u.unit_name(), sum(r.cash().dong(), r.in_kind().dong()), r.count());
    row->set_note(s.text("note.households_supported") + std::to_string(u.households().supported()));
  }
}

// The unit's funds day by day: donations in (net of reversals, direct support excluded, as
// the "received" figures count them), fund parts handed over out.
void ledger(pqxx::transaction_base& tx, const std::string& campaign_id,
            const v1::CampaignProgress& progress, Language language, v1::FinalReport* out) {
  std::vector<std::string> fund_ids;
  for (const auto& f : progress.funds()) fund_ids.push_back(f.fund_id());
  if (fund_ids.empty()) return;
  std::vector<rules::DayFlow> days;
  for (const auto& row :
       tx.exec_prepared("report_day_flows", campaign_id, platform::db::text_array(fund_ids))) {
    days.push_back({*platform::Date::parse_iso(row[0].c_str()), row[1].as<std::int64_t>(),
                    row[2].as<std::int64_t>()});
  }
  for (const auto& line : rules::running_balance(std::move(days))) {
    auto* l = out->add_lines();
    platform::to_proto(line.on, l->mutable_on());
    std::string description;
    if (line.in != 0) description = rules::report_text("line.in", language);
    if (line.out != 0) {
      if (!description.empty()) description += "; ";
      description += rules::report_text("line.out", language);
    }
    l->set_description(description);
    l->mutable_in()->set_dong(line.in);
    l->mutable_out()->set_dong(line.out);
    l->mutable_balance()->set_dong(line.balance);
  }
}

}  // namespace

rules::Language report_language(const std::string& code, std::string_view field) {
  const auto language = rules::parse_language(code);
  if (!language) {
    throw platform::invalid_argument(std::string(field), "must be \"vi\" or \"en\"",
                                     "phải là \"vi\" hoặc \"en\"");
  }
  return *language;
}

rules::FreshnessFacts freshness_facts(const v1::Freshness& freshness) {
  return {.events_applied = freshness.events_applied(),
          .last_event_id = freshness.last_event_id(),
          .event_at = instant(freshness.event_at()),
          .applied_at = instant(freshness.applied_at())};
}

rules::ReconciliationFacts reconciliation_facts(const v1::Reconciliation& reconciliation) {
  return {.differences = reconciliation.differences_size(),
          .figures_compared = reconciliation.figures_compared(),
          .consumer_lag = reconciliation.consumer_lag(),
          .compared_at = instant(reconciliation.compared_at())};
}

void build_final_report(pqxx::transaction_base& tx, const platform::units::AdminUnitTree& units,
                        const std::string& campaign_id, const CampaignInfo& campaign,
                        const std::string& unit_code, v1::UnitView view, rules::Language language,
                        v1::FinalReport* out,
                        const std::optional<rules::ReconciliationFacts>& reconciliation) {
  auto* progress = out->mutable_progress();
  load_progress(tx, units, campaign_id, campaign, unit_code, view, progress, language);
  const auto& total = progress->total();
  out->set_campaign_id(campaign_id);
  out->set_unit_code(progress->unit_code());
  out->set_title(rules::report_text("title", language) + " " + campaign.name + " – " +
                 total.unit_name());
  out->set_period(campaign.starts_on.vietnamese() + " – " + campaign.ends_on.vietnamese());
  mobilisation(total, language, out);
  support(total, language, out);
  houses(total, language, out);
  funds(*progress, language, out);
  by_unit(*progress, language, out);
  ledger(tx, campaign_id, *progress, language, out);
  *out->mutable_freshness() = progress->freshness();
  out->set_reconciliation(rules::reconciliation_footer(freshness_facts(progress->freshness()),
                                                       reconciliation, language));
}

}  // namespace vnn::reporting
