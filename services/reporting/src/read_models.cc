#include "read_models.h"

#include <chrono>
#include <string>

#include "rules/labels.h"
#include "vnn/allocation/v1/allocation.pb.h"
#include "vnn/donation/v1/donation.pb.h"
#include "vnn/household_review/v1/household_review.pb.h"
#include "vnn/platform/db/after_commit.h"
#include "vnn/platform/db/arrays.h"
#include "vnn/platform/proto_convert.h"

namespace vnn::reporting {
namespace {

namespace dv = donation::v1;
namespace hr = household_review::v1;
namespace al = allocation::v1;
using Envelope = common::v1::EventEnvelope;

template <typename Message>
Message payload_of(const Envelope& event) {
  Message message;
  if (!event.payload().UnpackTo(&message)) {
    throw std::invalid_argument(event.type() + " has an unexpected payload");
  }
  return message;
}

std::string iso(const common::v1::Date& date) {
  return date.year() == 0 ? std::string() : platform::from_proto(date).iso();
}

const char* null_if_empty(const std::string& text) { return text.empty() ? nullptr : text.c_str(); }

void add(pqxx::transaction_base& tx, const std::string& campaign, const std::string& unit,
         std::string_view figure, std::string_view key, std::int64_t count, std::int64_t amount) {
  tx.exec_prepared("figure_add", campaign, unit, std::string(figure), std::string(key), count,
                   amount);
}

// Every applied event: the freshness row, and — after commit — the campaign's followers.
void applied(pqxx::transaction_base& tx, const Envelope& event, ProgressHub& hub,
             const std::string& campaign_id) {
  tx.exec_prepared("freshness_touch", event.event_id(), event.occurred_at().seconds());
  if (!campaign_id.empty()) {
    platform::db::after_commit([&hub, campaign_id] { hub.changed(campaign_id); });
  }
}

// ---- Donation service

void remember_campaign(pqxx::transaction_base& tx, const dv::Campaign& c) {
  std::string lists_due, report_due;
  for (const auto& m : c.milestones()) {
    if (m.kind() == dv::MILESTONE_KIND_HOUSEHOLD_LISTS_DUE) lists_due = iso(m.due_on());
    if (m.kind() == dv::MILESTONE_KIND_RESULTS_REPORT_DUE) report_due = iso(m.due_on());
  }
  tx.exec_prepared("campaign_upsert", c.id(), c.name(), c.unit_code(), iso(c.starts_on()),
                   iso(c.ends_on()), null_if_empty(lists_due), null_if_empty(report_due));
  // The campaign as it is now replaces what was known: targets too.
  tx.exec_prepared("campaign_targets_clear", c.id());
  for (const auto& t : c.targets()) {
    tx.exec_prepared("campaign_target_insert", c.id(), t.unit_code(), t.amount().dong(),
                     t.houses());
  }
}

// The figures one donation adds (sign +1) or, reversed, takes back (sign −1).
struct DonationFigures {
  std::string campaign, unit, channel, donor_kind, mobiliser, donor_name;
  std::int64_t donor_id = 0, household_id = 0, amount = 0;

  void apply(pqxx::transaction_base& tx, int sign) const {
    const std::int64_t n = sign, dong = sign * amount;
    if (household_id != 0) {
      add(tx, campaign, unit, "direct", "", n, dong);
      return;
    }
    add(tx, campaign, unit, "received", channel, n, dong);
    add(tx, campaign, unit, "received_kind", donor_kind, n, dong);
    if (!mobiliser.empty()) {
      add(tx, campaign, unit, "received_by", mobiliser, n, dong);
      tx.exec_prepared("mobiliser_total_add", campaign, unit, mobiliser, n, dong);
    }
    tx.exec_prepared("donor_total_add", campaign, unit, donor_id, donor_name, donor_kind, n, dong);
  }
};

std::string apply_donation(pqxx::transaction_base& tx, const Envelope& event) {
  const auto& type = event.type();
  if (type == "campaign.created" || type == "campaign.changed") {
    const auto campaign = type == "campaign.created"
                              ? payload_of<dv::CampaignCreated>(event).campaign()
                              : payload_of<dv::CampaignChanged>(event).campaign();
    remember_campaign(tx, campaign);
    return campaign.id();
  }
  if (type == "fund.created") {
    const auto f = payload_of<dv::FundCreated>(event);
    tx.exec_prepared("fund_known", f.fund_id(), f.unit_code(), f.name());
    return {};
  }
  if (type == "fund.changed") {
    const auto f = payload_of<dv::FundChanged>(event);
    tx.exec_prepared("fund_known", f.fund_id(), f.unit_code(), f.name());
    return {};
  }
  if (type == "mobiliser.created") {
    const auto m = payload_of<dv::MobiliserCreated>(event).mobiliser();
    tx.exec_prepared("mobiliser_upsert", m.id(), m.name(), dv::MobiliserKind_Name(m.kind()),
                     m.unit_code());
    return {};
  }
  if (type == "donation.recorded") {
    const auto d = payload_of<dv::DonationRecorded>(event);
    const std::string channel(d.household_id() != 0 ? std::string_view("direct")
                                                    : rules::channel_word(d.channel()));
    const std::string donor_kind(rules::donor_kind_word(d.donor_kind()));
    // The donation's own row is the guard against counting it twice.
    if (tx.exec_prepared("donation_fact_insert", d.donation_id(), d.campaign_id(), d.fund_id(),
                         d.unit_code(), channel, d.donor_id(), donor_kind, d.donor_public_name(),
                         d.mobiliser_id(), d.amount_dong(), iso(d.received_on()), d.household_id())
            .empty()) {
      return {};
    }
    DonationFigures{.campaign = d.campaign_id(),
                    .unit = d.unit_code(),
                    .channel = channel,
                    .donor_kind = donor_kind,
                    .mobiliser = d.mobiliser_id(),
                    .donor_name = d.donor_public_name(),
                    .donor_id = d.donor_id(),
                    .household_id = d.household_id(),
                    .amount = d.amount_dong()}
        .apply(tx, +1);
    return d.campaign_id();
  }
  if (type == "donation.reversed") {
    const auto r = payload_of<dv::DonationReversed>(event);
    const auto rows = tx.exec_prepared("donation_fact_reverse", r.donation_id());
    if (rows.empty()) return {};  // reversed already (or never seen: nothing to take back)
    const auto& row = rows[0];
    DonationFigures{.campaign = row[0].c_str(),
                    .unit = row[1].c_str(),
                    .channel = row[2].c_str(),
                    .donor_kind = row[4].c_str(),
                    .mobiliser = row[5].c_str(),
                    .donor_id = row[3].as<std::int64_t>(),
                    .household_id = row[6].as<std::int64_t>(),
                    .amount = r.amount_dong()}
        .apply(tx, -1);
    return row[0].c_str();
  }
  return {};
}

// ---- Household review

bool counted_state(const std::string& state) {
  return state == "approved" || state == "rejected" || state == "returned";
}

std::string apply_household(pqxx::transaction_base& tx, const Envelope& event) {
  const auto& type = event.type();
  if (type == "household.submitted") {
    const auto s = payload_of<hr::HouseholdSubmitted>(event);
    const auto known = tx.exec_prepared("household_fact_get", s.campaign_id(), s.household_id());
    if (known.empty()) {
      tx.exec_prepared("household_fact_insert", s.campaign_id(), s.household_id(), s.unit_code(),
                       s.masked_name(), "submitted", s.late());
      add(tx, s.campaign_id(), s.unit_code(), "households", "submitted", 1, 0);
      if (s.late()) add(tx, s.campaign_id(), s.unit_code(), "households", "late", 1, 0);
      // The day the district office received the list; events from before it was carried:
      // the day the list was submitted, in Vietnam.
      const auto received_on =
          s.has_received_on() ? platform::from_proto(s.received_on())
                              : platform::Date::in_vietnam(std::chrono::system_clock::time_point{
                                    std::chrono::seconds(event.occurred_at().seconds())});
      tx.exec_prepared("list_submission_insert", s.campaign_id(), s.unit_code(),
                       event.occurred_at().seconds(), s.late(), received_on.iso());
    } else {
      // Resubmitted after being returned: back on the list.
      const std::string before = known[0][0].c_str();
      if (counted_state(before))
        add(tx, s.campaign_id(), s.unit_code(), "households", before, -1, 0);
      tx.exec_prepared("household_fact_state", s.campaign_id(), s.household_id(), "submitted");
    }
    return s.campaign_id();
  }
  if (type == "household.reviewed") {
    const auto r = payload_of<hr::HouseholdReviewed>(event);
    const auto known = tx.exec_prepared("household_fact_get", r.campaign_id(), r.household_id());
    const std::string after(rules::candidacy_word(r.state()));
    if (known.empty()) {
      // Reviewed before its submission reached us: it was submitted all the same.
      tx.exec_prepared("household_fact_insert", r.campaign_id(), r.household_id(), r.unit_code(),
                       r.masked_name(), after, false);
      add(tx, r.campaign_id(), r.unit_code(), "households", "submitted", 1, 0);
    } else {
      const std::string before = known[0][0].c_str();
      if (before == after) return r.campaign_id();
      if (counted_state(before))
        add(tx, r.campaign_id(), r.unit_code(), "households", before, -1, 0);
      tx.exec_prepared("household_fact_state", r.campaign_id(), r.household_id(), after);
    }
    if (counted_state(after)) add(tx, r.campaign_id(), r.unit_code(), "households", after, 1, 0);
    return r.campaign_id();
  }
  if (type == "household.assigned") {
    const auto a = payload_of<hr::HouseholdAssigned>(event);
    const auto known = tx.exec_prepared("household_fact_get", a.campaign_id(), a.household_id());
    if (known.empty()) return {};
    const bool was_assigned = !std::string(known[0][2].c_str()).empty();
    tx.exec_prepared("household_fact_organisation", a.campaign_id(), a.household_id(),
                     a.organisation_id());
    if (!was_assigned && !a.organisation_id().empty()) {
      add(tx, a.campaign_id(), a.unit_code(), "households", "assigned", 1, 0);
    }
    return a.campaign_id();
  }
  return {};
}

// ---- Allocation

std::string apply_support(pqxx::transaction_base& tx, const Envelope& event) {
  const auto s = payload_of<al::SupportChanged>(event).support();
  const auto known = tx.exec_prepared("support_fact_get", s.id());
  std::string before;
  if (!known.empty()) {
    if (known[0][1].as<std::int64_t>() >= event.aggregate_version()) return {};  // seen
    before = known[0][0].c_str();
  }
  const std::string after(rules::support_state_word(s.state()));
  const std::string kind(rules::support_kind_word(s.kind()));
  std::vector<std::string> fund_ids;
  for (const auto& part : s.funding()) {
    if (!part.fund_id().empty()) fund_ids.push_back(part.fund_id());
  }
  tx.exec_prepared("support_fact_upsert", s.id(), s.campaign_id(), s.household_id(), s.unit_code(),
                   s.masked_name(), kind, after, platform::db::text_array(fund_ids),
                   s.from_funds().dong(), s.total().dong(), s.disbursed().dong(),
                   null_if_empty(iso(s.disbursed_on())), null_if_empty(iso(s.completed_on())),
                   event.aggregate_version());
  const auto& campaign = s.campaign_id();
  const auto& unit = s.unit_code();
  const bool was_approved = before == "approved" || before == "disbursed" || before == "completed";
  const bool is_approved = after == "approved" || after == "disbursed" || after == "completed";
  if (!was_approved && is_approved)
    add(tx, campaign, unit, "approved", kind, 1, s.from_funds().dong());
  if (was_approved && !is_approved)
    add(tx, campaign, unit, "approved", kind, -1, -s.from_funds().dong());
  const bool was_handed = before == "disbursed" || before == "completed";
  if (!was_handed && (after == "disbursed" || after == "completed")) {
    add(tx, campaign, unit, "disbursed", kind, 1, s.disbursed().dong());
    // What households received from every source: the fund parts as handed over, the others
    // as proposed.
    std::int64_t value = s.disbursed().dong();
    for (const auto& part : s.funding()) {
      if (part.fund_id().empty())
        value += part.amount().dong();
      else if (part.disbursed().dong() > 0) {
        tx.exec_prepared("fund_use_insert", s.id(), part.fund_id(), campaign, s.household_id(),
                         unit, s.masked_name(), kind, part.disbursed().dong(),
                         iso(s.disbursed_on()));
      }
    }
    add(tx, campaign, unit, "support_value", kind, 1, value);
    if (!tx.exec_prepared("supported_household_insert", campaign, s.household_id()).empty()) {
      add(tx, campaign, unit, "households", "supported", 1, 0);
    }
  }
  if (before != "completed" && after == "completed") {
    if (kind == "new_house") add(tx, campaign, unit, "houses", "built", 1, 0);
    if (kind == "house_repair") add(tx, campaign, unit, "houses", "repaired", 1, 0);
  }
  return campaign;
}

void remember_balance(pqxx::transaction_base& tx, const al::FundBalance& b) {
  tx.exec_prepared("fund_balance_set", b.fund_id(), b.unit_code(), b.name(), b.received().dong(),
                   b.reversed().dong(), b.reserved().dong(), b.disbursed().dong(),
                   b.available().dong(), b.in_kind_stock().dong(), b.flagged_short(), b.version());
}

std::string apply_allocation(pqxx::transaction_base& tx, const Envelope& event) {
  const auto& type = event.type();
  if (type.rfind("support.", 0) == 0) return apply_support(tx, event);
  if (type == "fund.balance_changed") {
    const auto changed = payload_of<al::FundBalanceChanged>(event);
    remember_balance(tx, changed.balance());
    return changed.campaign_id();
  }
  if (type == "fund.flagged_short") {
    remember_balance(tx, payload_of<al::FundFlaggedShort>(event).balance());
  } else if (type == "fund.covered") {
    remember_balance(tx, payload_of<al::FundCovered>(event).balance());
  }
  return {};
}

platform::events::ConsumerSpec consumer(std::string name, std::string filter, ProgressHub& hub,
                                        std::string (*apply)(pqxx::transaction_base&,
                                                             const Envelope&)) {
  return {.name = std::move(name),
          .filter_subject = std::move(filter),
          .handler = [&hub, apply](
                         pqxx::transaction_base& tx,
                         const Envelope& event) { applied(tx, event, hub, apply(tx, event)); },
          // A reversal after its donation, a review after its submission.
          .strict_order = true};
}

}  // namespace

platform::events::ConsumerSpec donation_consumer(ProgressHub& hub) {
  return consumer("reporting_donation_events", "vnn.donation.>", hub, apply_donation);
}

platform::events::ConsumerSpec household_consumer(ProgressHub& hub) {
  return consumer("reporting_household_events", "vnn.household_review.household.>", hub,
                  apply_household);
}

platform::events::ConsumerSpec allocation_consumer(ProgressHub& hub) {
  return consumer("reporting_allocation_events", "vnn.allocation.>", hub, apply_allocation);
}

}  // namespace vnn::reporting
