// Pledges: recording a donor's promise, reading it with its fulfilment, and the part of
// RecordDonation that concerns a donation naming a pledge.

#include "donation_checks.h"
#include "donation_service.h"
#include "policies.h"
#include "proto_names.h"
#include "rules/donor_identity.h"
#include "rules/fund_scope.h"
#include "rules/pledges.h"
#include "vnn/platform/db/filtered_query.h"
#include "vnn/platform/db/transaction.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/proto_convert.h"
#include "vnn/platform/rpc/paging.h"
#include "vnn/platform/rpc/read_handler.h"

namespace vnn::donation {
namespace {

using platform::invalid_argument;
using platform::rpc::CallContext;

bool is_unset(const common::v1::Date& date) {
  return date.year() == 0 && date.month() == 0 && date.day() == 0;
}

bool is_empty(const v1::Donor& donor) {
  return donor.kind() == v1::DONOR_KIND_UNSPECIFIED && donor.name().empty() &&
         donor.tax_code().empty() && donor.citizen_id().empty() && donor.phone().empty();
}

rules::PledgeShape pledge_shape(const v1::RecordPledgeRequest& r) {
  rules::PledgeShape shape{.amount = r.amount().dong(),
                           .pledged_on = platform::from_proto(r.pledged_on()),
                           .due_on = std::nullopt,
                           .note = r.note()};
  if (r.has_due_on() && !is_unset(r.due_on())) shape.due_on = platform::from_proto(r.due_on());
  return shape;
}

}  // namespace

grpc::Status DonationServiceImpl::RecordPledge(grpc::ServerContext* context,
                                               const v1::RecordPledgeRequest* request,
                                               v1::Pledge* response) {
  return platform::rpc::mutation(
      context_, context, policies::kRecordPledge, request->request_id(), *request, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        const auto& r = *request;
        const rules::PledgeShape shape = pledge_shape(r);
        rules::check_pledge_shape(shape, settings_.max_amount_dong);
        const platform::Date pledged = shape.pledged_on;
        const bool has_due = shape.due_on.has_value();

        v1::Campaign campaign;
        if (r.campaign_id().empty() || !load_campaign(tx, r.campaign_id(), &campaign)) {
          throw invalid_argument("campaign_id", "unknown campaign");
        }
        rules::require_pledge_in_campaign(shape, {platform::from_proto(campaign.starts_on()),
                                                  platform::from_proto(campaign.ends_on())});
        auto fund = tx.exec_prepared("fund_get", r.fund_id());
        if (r.fund_id().empty() || fund.empty()) throw invalid_argument("fund_id", "unknown fund");
        const std::string unit_code = fund[0][0].c_str();
        if (tx.exec_prepared("campaign_has_fund", r.campaign_id(), r.fund_id()).empty()) {
          throw invalid_argument("fund_id", "does not take part in campaign " + r.campaign_id());
        }
        rules::require_fund_scope(call.principal(), call.service().units(), unit_code, pledged,
                                  "fund_id");
        if (!r.mobiliser_id().empty() &&
            tx.exec_prepared("mobiliser_exists", r.mobiliser_id()).empty()) {
          throw invalid_argument("mobiliser_id", "unknown mobiliser");
        }
        const std::int64_t donor_id = donors_.find_or_create(tx, r.donor(), "donor");
        const std::string due = has_due ? shape.due_on->iso() : std::string();
        const std::int64_t id =
            tx.exec_prepared1("pledge_insert", r.campaign_id(), r.fund_id(), unit_code, donor_id,
                              r.amount().dong(), pledged.iso(), has_due ? due.c_str() : nullptr,
                              r.mobiliser_id().empty() ? nullptr : r.mobiliser_id().c_str(),
                              r.note(), call.principal().subject)[0]
                .as<std::int64_t>();
        *response = *load_visible_pledge(tx, call, id);
        DonorRegistry::load_as_given(tx, donor_id, call.principal(), r.donor(),
                                     response->mutable_donor());

        v1::PledgeMade event;
        event.set_pledge_id(id);
        event.set_campaign_id(r.campaign_id());
        event.set_fund_id(r.fund_id());
        event.set_unit_code(unit_code);
        event.set_amount_dong(r.amount().dong());
        event.set_donor_id(donor_id);
        event.set_donor_kind(response->donor().kind());
        event.set_mobiliser_id(r.mobiliser_id());
        *event.mutable_pledged_on() = response->pledged_on();
        if (has_due) *event.mutable_due_on() = response->due_on();
        context_.outbox().append(tx, {.aggregate_type = "pledge",
                                      .event_name = "made",
                                      .aggregate_id = std::to_string(id),
                                      .aggregate_version = 1,
                                      .payload = &event});
        call.audit("pledge_id", id);
        call.audit("amount_dong", r.amount().dong());
      });
}

grpc::Status DonationServiceImpl::GetPledge(grpc::ServerContext* context,
                                            const v1::GetPledgeRequest* request,
                                            v1::Pledge* response) {
  return platform::rpc::read(
      context_, context, policies::kGetPledge, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        auto pledge = load_visible_pledge(tx, call, request->id());
        // Not visible and not existing look the same, as for donations.
        if (!pledge) throw platform::not_found("no pledge " + std::to_string(request->id()));
        *response = *pledge;
      });
}

grpc::Status DonationServiceImpl::ListPledges(grpc::ServerContext* context,
                                              const v1::ListPledgesRequest* request,
                                              v1::ListPledgesResponse* response) {
  return platform::rpc::read(
      context_, context, policies::kListPledges, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        const auto& r = *request;
        v1::ListPledgesRequest filters = r;
        filters.clear_page();
        const auto page = platform::rpc::read_page(call, r.page(), filters, kDefaultPage, kMaxPage);
        platform::db::FilteredQuery query(
            std::string("SELECT ") + kPledgeColumns + " FROM pledge p", "p.id", page.after);
        if (!r.campaign_id().empty()) query.equals("p.campaign_id", r.campaign_id());
        if (!r.fund_id().empty()) query.equals("p.fund_id", r.fund_id());
        const auto& who = call.principal();
        restrict_to_visible(query, call, "p.unit_code", "p.mobiliser_id", "p.pledged_on");
        auto rows = query.run(tx, page.size + 1);
        platform::rpc::take_page(rows, page, response->mutable_page(),
                                 [&](const pqxx::row& row, std::int64_t) {
                                   row_to_pledge(tx, row, who, response->add_pledges());
                                 });
      });
}

PledgeTerms DonationServiceImpl::pledge_for_donation(pqxx::transaction_base& tx,
                                                     const v1::RecordDonationRequest& r,
                                                     const platform::Date& received) const {
  // Taken before the pledge is read: donations and reversals naming it queue here.
  tx.exec_prepared("pledge_lock", r.pledge_id());
  auto pledge = load_pledge_terms(tx, r.pledge_id());
  if (!pledge) throw invalid_argument("pledge_id", "unknown pledge");
  // The caller may record for this fund (checked before): it may see the fund's pledges, and
  // learns nothing here about pledges of funds it may not see.
  rules::require_donation_fits_pledge({.id = pledge->id,
                                       .campaign_id = pledge->campaign_id,
                                       .fund_id = pledge->fund_id,
                                       .amount = pledge->amount_dong,
                                       .pledged_on = pledge->pledged_on},
                                      r.campaign_id(), r.fund_id(), received);
  return *pledge;
}

std::int64_t DonationServiceImpl::donor_for_pledge(pqxx::transaction_base& tx,
                                                   const v1::Donor& given,
                                                   const PledgeTerms& pledge) const {
  if (is_empty(given)) return pledge.donor_id;
  // A donor without identifiers is found by nobody: the pledge's own donor when kind and name
  // are the pledge donor's, rather than a second donor of the same name.
  if (given.tax_code().empty() && given.citizen_id().empty() && given.phone().empty()) {
    auto row = tx.exec_prepared1("donor_get", pledge.donor_id);
    if (given.kind() != v1::DONOR_KIND_UNSPECIFIED &&
        rules::same_donor(row[0].c_str(), row[1].c_str(), donor_kind_name(given.kind()),
                          given.name())) {
      return pledge.donor_id;
    }
  } else if (donors_.find_or_create(tx, given, "donor") == pledge.donor_id) {
    return pledge.donor_id;
  }
  throw invalid_argument("donor", "is not the donor of pledge " + std::to_string(pledge.id) +
                                      " (leave it empty to take the pledge's donor)");
}

void DonationServiceImpl::note_pledge_progress(pqxx::transaction_base& tx,
                                               const PledgeTerms& pledge, std::int64_t donation_id,
                                               const common::v1::Date& received_on) const {
  std::vector<rules::PledgeDonation> donations;
  v1::PledgeFulfilled event;
  for (const auto& row : tx.exec_prepared("pledge_donations", pledge.id)) {
    donations.push_back({row[0].as<std::int64_t>(), row[1].as<std::int64_t>()});
    event.add_donation_ids(donations.back().donation_id);
  }
  const auto fulfilled = rules::fulfilled_by(pledge.amount_dong, donations, donation_id);
  if (!fulfilled) return;
  event.set_pledge_id(pledge.id);
  event.set_campaign_id(pledge.campaign_id);
  event.set_fund_id(pledge.fund_id);
  event.set_amount_dong(pledge.amount_dong);
  event.set_fulfilled_dong(*fulfilled);
  *event.mutable_fulfilled_on() = received_on;
  context_.outbox().append(tx, {.aggregate_type = "pledge",
                                .event_name = "fulfilled",
                                .aggregate_id = std::to_string(pledge.id),
                                .aggregate_version = 2,
                                .payload = &event});
}

}  // namespace vnn::donation
