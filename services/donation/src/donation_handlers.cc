// Donations and receipts: recording, reversing, reading, and the totals per fund.

#include <nlohmann/json.hpp>

#include "donation_checks.h"
#include "donation_events.h"
#include "donation_rows.h"
#include "donation_service.h"
#include "policies.h"
#include "proto_names.h"
#include "receipt_numbers.h"
#include "rules/direct_support.h"
#include "rules/donation_shape.h"
#include "rules/fund_scope.h"
#include "rules/receipts.h"
#include "rules/reversal.h"
#include "vnn/platform/db/filtered_query.h"
#include "vnn/platform/db/transaction.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/proto_convert.h"
#include "vnn/platform/rpc/paging.h"
#include "vnn/platform/rpc/read_handler.h"
#include "vnn/platform/text/identifiers.h"
#include "vnn/platform/text/text.h"

namespace vnn::donation {
namespace {

using platform::invalid_argument;
using platform::rpc::CallContext;

}  // namespace

grpc::ServerUnaryReactor* DonationServiceImpl::RecordDonation(
    grpc::CallbackServerContext* context, const v1::RecordDonationRequest* request,
    v1::Donation* response) {
  const auto& r = *request;
  // Direct support asks household review first: it waits on threads of its own, so a slow
  // household review never holds the batch threads (or a batch's receipt counter).
  if (r.channel() == v1::CHANNEL_DIRECT_TO_HOUSEHOLD) {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    const bool queued = direct_support_.submit([this, context, request, response, reactor] {
      reactor->Finish(record_direct_support(context, *request, response));
    });
    if (!queued) {
      reactor->Finish(grpc::Status(grpc::StatusCode::UNAVAILABLE,
                                   "too many direct support calls are waiting; retry later"));
    }
    return reactor;
  }
  // A donation naming a pledge locks the pledge: it should not hold a batch (and its fund's
  // receipt counter) while it waits, so it commits on its own. All others share a commit with
  // the other calls on their fund's counter for that year (see record_batch in
  // donation_intake.cc).
  if (r.pledge_id() == 0) {
    return intake_.start(context, r.request_id(), r, response,
                         r.fund_id() + "\n" + std::to_string(r.received_on().year()));
  }
  return intake_.offload(context, [this, context, request, response] {
    return record_alone(context, *request, response);
  });
}

grpc::Status DonationServiceImpl::record_direct_support(grpc::ServerContextBase* context,
                                                        const v1::RecordDonationRequest& r,
                                                        v1::Donation* response) {
  // Household review is asked only for a caller who may record at all, and the answer is
  // judged against the caller's units on the day of the gift.
  const grpc::Status checked = platform::rpc::query(
      context_, context, policies::kCheckDirectSupport, [&](CallContext& call) {
        // The request's own shape first: a malformed call costs household review nothing.
        rules::check_donation_shape(donation_shape(r), settings_.max_amount_dong);
        const platform::Date received = platform::from_proto(r.received_on());
        if (!received.valid()) throw invalid_argument("received_on", "is not a date");
        const rules::HouseholdFacts facts =
            households_.facts(r.household_id(), r.campaign_id(), "household_id", call.deadline());
        rules::require_supported_household(call.principal(), call.service().units(), facts,
                                           received, "household_id");
      });
  if (!checked.ok()) return checked;
  return record_alone(context, r, response);
}

grpc::Status DonationServiceImpl::record_alone(grpc::ServerContextBase* context,
                                               const v1::RecordDonationRequest& r,
                                               v1::Donation* response) {
  return platform::rpc::mutation(
      context_, context, policies::kRecordDonation, r.request_id(), r, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        IntakeLookups lookups(tx);
        const CheckedDonation checked =
            check_donation(tx, lookups, call, r, settings_.max_amount_dong);
        const nlohmann::json& items = checked.items;
        const platform::Date& received = checked.received;
        const std::string& unit_code = checked.unit_code;
        const std::optional<std::string>& account = checked.account;
        // Direct support's household was checked before (record_direct_support), outside
        // this transaction: no connection is held while household review answers.
        std::optional<PledgeTerms> pledge;
        if (r.pledge_id() != 0) pledge = pledge_for_donation(tx, r, received);
        const std::int64_t donor_id = pledge ? donor_for_pledge(tx, r.donor(), *pledge)
                                             : donors_.find_or_create(tx, r.donor(), "donor");
        // Direct support never reaches the fund: no number from its receipt book, whose numbers
        // stay gapless for the money it received; a confirmation number of its own instead.
        const bool direct = r.channel() == v1::CHANNEL_DIRECT_TO_HOUSEHOLD;
        const std::int64_t number =
            direct ? 0 : take_receipt_numbers(tx, receipts_, r.fund_id(), received.year, 1);
        const std::string receipt_year = std::to_string(received.year);
        const std::string receipt_number = std::to_string(number);
        const std::string pledge_param = pledge ? std::to_string(pledge->id) : std::string();
        pqxx::row inserted;
        try {
          inserted = tx.exec_prepared1(
              "donation_insert", r.campaign_id(), r.fund_id(), unit_code, donor_id,
              channel_name(r.channel()), r.amount().dong(), received.iso(),
              r.mobiliser_id().empty() ? nullptr : r.mobiliser_id().c_str(),
              account ? account->c_str() : nullptr,
              r.bank_reference().empty() ? nullptr : r.bank_reference().c_str(), items.dump(),
              r.note(), direct ? nullptr : receipt_year.c_str(),
              direct ? nullptr : receipt_number.c_str(), call.principal().subject,
              pledge ? pledge_param.c_str() : nullptr,
              r.household_id() != 0 ? std::to_string(r.household_id()).c_str() : nullptr,
              r.support_need().empty() ? nullptr : r.support_need().c_str(), direct);
        } catch (const pqxx::unique_violation&) {
          // Two transfers with one reference raced past the check above.
          throw bank_reference_taken(r.bank_reference(), false);
        }
        const std::int64_t id = inserted[0].as<std::int64_t>();
        auto loaded = load_visible_donation(tx, call, id);
        *response = *loaded;
        DonorRegistry::load_as_given(tx, donor_id, call.principal(), r.donor(),
                                     response->mutable_donor());

        const auto event = donation_recorded(r, *response, unit_code, donor_id);
        context_.outbox().append(tx, {.aggregate_type = "donation",
                                      .event_name = "recorded",
                                      .aggregate_id = std::to_string(id),
                                      .aggregate_version = 1,
                                      .payload = &event});
        call.audit("donation_id", id);
        if (!direct) {
          call.audit("receipt", rules::ReceiptRef{r.fund_id(), received.year, number}.text());
        } else {
          call.audit("confirmation", response->confirmation_reference());
        }
        call.audit("amount_dong", r.amount().dong());
        if (pledge) {
          note_pledge_progress(tx, *pledge, id, r.received_on());
          call.audit("pledge_id", pledge->id);
        }
      });
}

namespace {

// A reversal request with its decision, if any; false when there is no such request.
bool load_reversal_request(pqxx::transaction_base& tx, std::int64_t id, v1::ReversalRequest* out) {
  auto rows = tx.exec_prepared("reversal_request_get", id);
  if (rows.empty()) return false;
  const auto& row = rows[0];
  out->Clear();
  out->set_id(row[0].as<std::int64_t>());
  out->set_donation_id(row[1].as<std::int64_t>());
  out->set_reason(row[2].c_str());
  out->set_requested_by(row[3].c_str());
  out->mutable_requested_at()->set_seconds(row[4].as<std::int64_t>());
  if (row[5].is_null()) {
    out->set_state(v1::REVERSAL_STATE_PENDING);
    return true;
  }
  out->set_state(row[5].as<bool>() ? v1::REVERSAL_STATE_APPROVED : v1::REVERSAL_STATE_REJECTED);
  out->set_decided_by(row[6].c_str());
  out->set_note(row[7].c_str());
  out->mutable_decided_at()->set_seconds(row[8].as<std::int64_t>());
  if (!row[9].is_null()) out->set_reversal_donation_id(row[9].as<std::int64_t>());
  return true;
}

// What the donation's rows say about reversals, read under donation_reverse_lock.
rules::ReversalState reversal_state(pqxx::transaction_base& tx, std::int64_t donation_id) {
  auto locked = tx.exec_prepared("donation_reversal_state", donation_id);
  rules::ReversalState state;
  if (locked.empty()) return state;
  if (!locked[0][0].is_null()) state.reverses = locked[0][0].as<std::int64_t>();
  if (!locked[0][1].is_null()) state.reversed_by = locked[0][1].as<std::int64_t>();
  return state;
}

}  // namespace

grpc::Status DonationServiceImpl::RequestReversal(grpc::ServerContext* context,
                                                  const v1::RequestReversalRequest* request,
                                                  v1::ReversalRequest* response) {
  return platform::rpc::mutation(
      context_, context, policies::kRequestReversal, request->request_id(), *request, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        platform::text::require_text(request->reason(), "reason", 500, true);
        // Requests and decisions about one donation queue here; the state is read after.
        tx.exec_prepared("donation_reverse_lock", request->donation_id());
        auto original = load_visible_donation(tx, call, request->donation_id());
        if (!original) throw invalid_argument("donation_id", "unknown donation");
        rules::require_fund_scope(call.principal(), call.service().units(), original->unit_code(),
                                  platform::from_proto(original->received_on()), "donation_id");
        rules::require_reversible(request->donation_id(),
                                  reversal_state(tx, request->donation_id()));
        auto pending = tx.exec_prepared("reversal_request_pending", request->donation_id());
        rules::require_no_pending_request(
            request->donation_id(),
            pending.empty() ? std::nullopt : std::optional(pending[0][0].as<std::int64_t>()));
        // Nothing is posted yet: the donation stands until another officer approves.
        const std::int64_t id = tx.exec_prepared1("reversal_request_insert", request->donation_id(),
                                                  request->reason(), call.principal().subject)[0]
                                    .as<std::int64_t>();
        load_reversal_request(tx, id, response);
        call.audit("reversal_request_id", id);
        call.audit("donation_id", request->donation_id());
      });
}

grpc::Status DonationServiceImpl::DecideReversal(grpc::ServerContext* context,
                                                 const v1::DecideReversalRequest* request,
                                                 v1::ReversalRequest* response) {
  return platform::rpc::mutation(
      context_, context, policies::kDecideReversal, request->request_id(), *request, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        const std::int64_t request_id = request->reversal_request_id();
        v1::ReversalRequest asked;
        if (!load_reversal_request(tx, request_id, &asked)) {
          throw invalid_argument("reversal_request_id", "unknown reversal request");
        }
        const std::int64_t donation_id = asked.donation_id();
        // Decisions about one donation queue here; the request is read again after.
        tx.exec_prepared("donation_reverse_lock", donation_id);
        load_reversal_request(tx, request_id, &asked);
        auto original = load_visible_donation(tx, call, donation_id);
        // A request the caller may not see is answered as one that does not exist.
        if (!original) throw invalid_argument("reversal_request_id", "unknown reversal request");
        rules::require_fund_scope(call.principal(), call.service().units(), original->unit_code(),
                                  platform::from_proto(original->received_on()),
                                  "reversal_request_id");
        rules::require_may_decide(request_id, asked.state() != v1::REVERSAL_STATE_PENDING,
                                  asked.requested_by(), call.principal().subject,
                                  request->approve(), request->note());
        if (!request->approve()) {
          tx.exec_prepared("reversal_decision_insert", request_id, false, call.principal().subject,
                           request->note(), nullptr);
          load_reversal_request(tx, request_id, response);
          call.audit("reversal_request_id", request_id);
          call.audit("decision", "rejected");
          return;
        }
        rules::require_reversible(donation_id, reversal_state(tx, donation_id));
        // Recorded in turn with the pledge's other donations (see note_pledge_progress).
        if (original->pledge_id() != 0) tx.exec_prepared("pledge_lock", original->pledge_id());
        const std::int64_t id = tx.exec_prepared1("reversal_insert", donation_id, asked.reason(),
                                                  call.principal().subject)[0]
                                    .as<std::int64_t>();
        tx.exec_prepared("reversal_decision_insert", request_id, true, call.principal().subject,
                         request->note(), id);

        v1::DonationReversed event;
        event.set_reversal_id(id);
        event.set_donation_id(donation_id);
        event.set_campaign_id(original->campaign_id());
        event.set_fund_id(original->fund_id());
        event.set_amount_dong(original->amount().dong());
        event.set_reason(asked.reason());
        context_.outbox().append(tx, {.aggregate_type = "donation",
                                      .event_name = "reversed",
                                      .aggregate_id = std::to_string(donation_id),
                                      .aggregate_version = 2,
                                      .payload = &event});
        load_reversal_request(tx, request_id, response);
        call.audit("reversal_request_id", request_id);
        call.audit("decision", "approved");
        call.audit("reversal_id", id);
        call.audit("donation_id", donation_id);
      });
}

grpc::Status DonationServiceImpl::GetDonation(grpc::ServerContext* context,
                                              const v1::GetDonationRequest* request,
                                              v1::Donation* response) {
  return platform::rpc::read(
      context_, context, policies::kReadDonations, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        auto donation = load_visible_donation(tx, call, request->id());
        // Not visible and not existing look the same: no probing of other units' records.
        if (!donation) throw platform::not_found("no donation " + std::to_string(request->id()));
        *response = *donation;
        note_donor_read(call, *response);
      });
}

grpc::Status DonationServiceImpl::ListDonations(grpc::ServerContext* context,
                                                const v1::ListDonationsRequest* request,
                                                v1::ListDonationsResponse* response) {
  return platform::rpc::read(
      context_, context, policies::kListDonations, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        const auto& r = *request;
        v1::ListDonationsRequest filters = r;
        filters.clear_page();
        const auto page = platform::rpc::read_page(call, r.page(), filters, kDefaultPage, kMaxPage);
        platform::db::FilteredQuery query(
            std::string("SELECT ") + kDonationColumns + " FROM donation d", "d.id", page.after);
        if (!r.campaign_id().empty()) query.equals("d.campaign_id", r.campaign_id());
        if (!r.fund_id().empty()) query.equals("d.fund_id", r.fund_id());
        if (!r.unit_code().empty()) query.equals("d.unit_code", r.unit_code());
        if (r.donor_id() != 0) query.equals("d.donor_id", std::to_string(r.donor_id()));
        if (!r.mobiliser_id().empty()) query.equals("d.mobiliser_id", r.mobiliser_id());
        if (r.channel() != v1::CHANNEL_UNSPECIFIED)
          query.equals("d.channel", channel_name(r.channel()));
        if (r.has_received_from()) {
          if (!platform::from_proto(r.received_from()).valid())
            throw invalid_argument("received_from", "is not a date");
          query.where("d.received_on >= " +
                      query.param(platform::from_proto(r.received_from()).iso()) + "::date");
        }
        if (r.has_received_to()) {
          if (!platform::from_proto(r.received_to()).valid())
            throw invalid_argument("received_to", "is not a date");
          query.where("d.received_on <= " +
                      query.param(platform::from_proto(r.received_to()).iso()) + "::date");
        }
        const auto& who = call.principal();
        restrict_to_visible(query, call, "d.unit_code", "d.mobiliser_id", "d.received_on");
        auto rows = query.run(tx, page.size + 1);
        platform::rpc::take_page(rows, page, response->mutable_page(),
                                 [&](const pqxx::row& row, std::int64_t) {
                                   auto* donation = response->add_donations();
                                   row_to_donation(tx, row, who, donation);
                                   note_donor_read(call, *donation);
                                 });
      });
}

grpc::Status DonationServiceImpl::GetReceipt(grpc::ServerContext* context,
                                             const v1::GetReceiptRequest* request,
                                             v1::Receipt* response) {
  auto build = [&](CallContext& call, pqxx::transaction_base& tx) {
    const auto& ref = request->receipt();
    auto found = tx.exec_prepared("receipt_donation", ref.fund_id(), ref.year(), ref.number());
    std::optional<v1::Donation> donation;
    if (!found.empty()) donation = load_visible_donation(tx, call, found[0][0].as<std::int64_t>());
    if (!donation)
      throw platform::not_found("no receipt " + ref.fund_id() + "/" + std::to_string(ref.year()) +
                                "/" + std::to_string(ref.number()));
    // Prints of one receipt queue here before the count is read: exactly one is the original.
    if (request->reprint()) {
      tx.exec_prepared("receipt_print_lock", ref.fund_id(), ref.year(), ref.number());
    }
    auto prints = tx.exec_prepared1("receipt_prints", ref.fund_id(), ref.year(), ref.number());
    int printed = prints[0].as<int>();
    if (request->reprint()) {
      // The first print is the original; every later one is marked as a copy.
      tx.exec_prepared("receipt_print_insert", ref.fund_id(), ref.year(), ref.number(), printed > 0,
                       call.principal().subject);
      ++printed;
      call.audit("receipt", ref.fund_id() + "/" + std::to_string(ref.year()) + "/" +
                                std::to_string(ref.number()));
    }
    *response->mutable_ref() = donation->receipt();
    response->set_donation_id(donation->id());
    auto fund = tx.exec_prepared1("fund_get", donation->fund_id());
    response->set_fund_name(fund[1].c_str());
    response->set_donor_name(donation->donor().name());
    *response->mutable_amount() = donation->amount();
    response->set_channel(donation->channel());
    *response->mutable_received_on() = donation->received_on();
    response->set_copy(printed > 1);
    response->set_copies_printed(printed);
    response->set_reversed(donation->reversed_by_donation_id() != 0);
  };
  if (request->reprint()) {
    // Printing is a change (recorded, and it takes the original): not for auditors.
    return platform::rpc::mutation(context_, context, policies::kPrintReceipt,
                                   request->request_id(), *request, response, build);
  }
  return platform::rpc::read(
      context_, context, policies::kGetReceipt, response,
      [&](CallContext& call, pqxx::transaction_base& tx) { build(call, tx); });
}

grpc::Status DonationServiceImpl::GetCampaignTotals(grpc::ServerContext* context,
                                                    const v1::GetCampaignTotalsRequest* request,
                                                    v1::CampaignTotals* response) {
  return platform::rpc::read(
      context_, context, policies::kGetCampaignTotals, response,
      [&](CallContext&, pqxx::transaction_base& tx) {
        v1::Campaign campaign;
        if (!load_campaign(tx, request->campaign_id(), &campaign)) {
          throw invalid_argument("campaign_id", "unknown campaign");
        }
        response->set_campaign_id(request->campaign_id());
        std::int64_t total = 0;
        std::int64_t direct = 0;
        for (const auto& row : tx.exec_prepared("campaign_totals", request->campaign_id())) {
          auto* fund = response->add_funds();
          fund->set_fund_id(row[0].c_str());
          fund->set_donations(row[1].as<std::int64_t>());
          fund->mutable_cash()->set_dong(row[2].as<std::int64_t>());
          fund->mutable_in_kind_value()->set_dong(row[3].as<std::int64_t>());
          fund->mutable_total()->set_dong(row[2].as<std::int64_t>() + row[3].as<std::int64_t>());
          // Pledges are shown beside the money, never added to it.
          fund->mutable_pledged()->set_dong(row[4].as<std::int64_t>());
          fund->mutable_pledge_outstanding()->set_dong(row[5].as<std::int64_t>());
          fund->mutable_direct_to_households()->set_dong(row[6].as<std::int64_t>());
          total += fund->total().dong();
          direct += fund->direct_to_households().dong();
        }
        response->mutable_total()->set_dong(total);
        // The campaign's results count what was given directly to households too.
        response->mutable_direct_to_households()->set_dong(direct);
        response->mutable_results()->set_dong(total + direct);
      });
}

}  // namespace vnn::donation
