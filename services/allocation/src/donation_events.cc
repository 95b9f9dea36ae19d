#include "donation_events.h"

#include "fund_ledger.h"
#include "vnn/donation/v1/donation.pb.h"
#include "vnn/platform/proto_convert.h"

namespace vnn::allocation {
namespace {

namespace dv = donation::v1;

template <typename Message>
Message payload_of(const common::v1::EventEnvelope& event) {
  Message message;
  if (!event.payload().UnpackTo(&message)) {
    throw std::invalid_argument(event.type() + " has an unexpected payload");
  }
  return message;
}

class DonationEvents {
 public:
  explicit DonationEvents(const platform::rpc::ServiceContext& context)
      : units_(context.units()), ledger_(context.outbox()) {}

  void apply(pqxx::transaction_base& tx, const common::v1::EventEnvelope& event) const {
    const auto& type = event.type();
    if (type == "fund.created") {
      const auto fund = payload_of<dv::FundCreated>(event);
      // Events from before unit_valid_on was carried: the code's latest meaning.
      const auto unit_on = fund.has_unit_valid_on() ? platform::from_proto(fund.unit_valid_on())
                                                    : units_.reference_date(fund.unit_code());
      tx.exec_prepared("fund_upsert", fund.fund_id(), fund.unit_code(), fund.name(), unit_on.iso());
    } else if (type == "fund.changed") {
      const auto fund = payload_of<dv::FundChanged>(event);
      tx.exec_prepared("fund_rename", fund.fund_id(), fund.unit_code(), fund.name(),
                       units_.reference_date(fund.unit_code()).iso());
    } else if (type == "campaign.created") {
      remember_campaign(tx, payload_of<dv::CampaignCreated>(event).campaign());
    } else if (type == "campaign.changed") {
      remember_campaign(tx, payload_of<dv::CampaignChanged>(event).campaign());
    } else if (type == "donation.recorded") {
      credit(tx, payload_of<dv::DonationRecorded>(event));
    } else if (type == "donation.reversed") {
      debit(tx, payload_of<dv::DonationReversed>(event));
    }
    // Pledges are promises, not money: nothing in the ledger until the donation arrives.
  }

 private:
  void remember_campaign(pqxx::transaction_base& tx, const dv::Campaign& c) const {
    tx.exec_prepared("campaign_upsert", c.id(), c.unit_code(), c.name(),
                     platform::from_proto(c.starts_on()).iso(),
                     platform::from_proto(c.ends_on()).iso());
  }

  void credit(pqxx::transaction_base& tx, const dv::DonationRecorded& d) const {
    if (d.amount_dong() <= 0) return;
    // Support handed directly to a household never enters a fund's cash; it is kept because
    // it lowers what a fund may add for the same need.
    if (d.household_id() != 0) {
      tx.exec_prepared("direct_support_insert", d.donation_id(), d.household_id(), d.campaign_id(),
                       d.support_need(), d.amount_dong());
      return;
    }
    tx.exec_prepared("fund_ensure", d.fund_id(), d.unit_code(),
                     units_.reference_date(d.unit_code()).iso());
    const auto posting = d.channel() == dv::CHANNEL_IN_KIND
                             ? rules::in_kind_posting(d.amount_dong())
                             : rules::donation_posting(d.amount_dong());
    ledger_.post(tx, d.fund_id(), posting,
                 {.reference = "donation " + std::to_string(d.donation_id()),
                  .campaign_id = d.campaign_id()});
  }

  // A reversal is a fact: it is recorded whatever it leaves in the fund (FundLedger flags a
  // fund it leaves short).
  void debit(pqxx::transaction_base& tx, const dv::DonationReversed& r) const {
    if (r.amount_dong() <= 0) return;
    const auto credited = tx.exec_prepared("posting_of_donation", r.fund_id(),
                                           "donation " + std::to_string(r.donation_id()));
    if (credited.empty()) {
      if (!tx.exec_prepared("direct_support_reverse", r.donation_id()).empty()) return;
      // Events of one donation arrive in order (strict_order below), so this is a reversal of
      // a donation this service never saw: refuse it loudly rather than guess.
      throw std::runtime_error("reversal " + std::to_string(r.reversal_id()) +
                               " of a donation the ledger never credited");
    }
    const std::string kind = credited[0][0].c_str();
    const auto posting = kind == "in_kind" ? rules::in_kind_reversal_posting(r.amount_dong())
                                           : rules::reversal_posting(r.amount_dong());
    ledger_.post(tx, r.fund_id(), posting,
                 {.reference = "reversal " + std::to_string(r.reversal_id()),
                  .campaign_id = r.campaign_id()});
  }

  const platform::units::AdminUnitTree& units_;
  FundLedger ledger_;
};

}  // namespace

platform::events::ConsumerSpec donation_consumer(const platform::rpc::ServiceContext& context) {
  auto events = std::make_shared<DonationEvents>(context);
  return {.name = "allocation_donation_events",
          .filter_subject = "vnn.donation.>",
          .handler = [events](pqxx::transaction_base& tx,
                              const common::v1::EventEnvelope& event) { events->apply(tx, event); },
          // A reversal must never be applied before the donation it takes back.
          .strict_order = true};
}

}  // namespace vnn::allocation
