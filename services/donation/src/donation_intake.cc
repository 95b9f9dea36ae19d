// RecordDonation's group commit: the calls of one batch share a fund and a receipt year. Each
// is checked on its own (a refused call has written nothing and fails alone). The batch's first
// statement draws an id for each call; with those and the receipt numbers known, the responses
// and events of the accepted calls are made first and then written with their new donors and
// donations in one statement. A batch so costs a handful of round trips and one WAL flush,
// whatever its size. The fund's receipt counter is moved last when its numbers could be
// predicted (rules/receipt_sequence.h); why the numbers stay gapless is in rules/receipts.h.

#include <memory>
#include <set>
#include <utility>

#include "donation_checks.h"
#include "donation_events.h"
#include "donation_rows.h"
#include "donation_service.h"
#include "proto_names.h"
#include "receipt_numbers.h"
#include "rules/receipts.h"
#include "vnn/platform/db/arrays.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/events/outbox.h"
#include "vnn/platform/proto_convert.h"

namespace vnn::donation {
namespace {

struct Accepted {
  platform::rpc::BatchedCall* call = nullptr;
  CheckedDonation checked;
  std::optional<std::string> new_donor;  // the name of a donor with no identifiers
  std::int64_t donor_id = 0;
  std::int64_t id = 0;    // the donation's, drawn by intake_batch_start
  v1::Donor known_donor;  // found by an identifier: as recorded, as this caller may see it,
                          // and with only the identifiers the caller gave
};

// The response, from what was checked and written: reading the row back would cost a round
// trip per call for what this process already knows.
void fill_response(const Accepted& a, std::int64_t id, std::int64_t number,
                   std::int64_t recorded_at, v1::Donation* out) {
  const auto& r = a.call->request<v1::RecordDonationRequest>();
  out->set_id(id);
  out->set_campaign_id(r.campaign_id());
  out->set_fund_id(r.fund_id());
  out->set_unit_code(a.checked.unit_code);
  out->set_channel(r.channel());
  out->mutable_amount()->set_dong(r.amount().dong());
  platform::to_proto(a.checked.received, out->mutable_received_on());
  if (!r.mobiliser_id().empty()) out->set_mobiliser_id(r.mobiliser_id());
  if (a.checked.account) out->set_bank_account_number(*a.checked.account);
  if (!r.bank_reference().empty()) out->set_bank_reference(r.bank_reference());
  add_items(a.checked.items, out);
  out->set_note(r.note());
  out->mutable_receipt()->set_fund_id(r.fund_id());
  out->mutable_receipt()->set_year(a.checked.received.year);
  out->mutable_receipt()->set_number(number);
  out->set_recorded_by(a.call->call().principal().subject);
  out->mutable_recorded_at()->set_seconds(recorded_at);
}

}  // namespace

platform::rpc::BatchEnd DonationServiceImpl::record_batch(
    pqxx::transaction_base& tx, const std::vector<platform::rpc::BatchedCall*>& calls) {
  using platform::db::bigint_array;
  using platform::db::text_array;
  // Ids for every call and the first call's target, in the batch's first statement.
  const auto& opening = calls.front()->request<v1::RecordDonationRequest>();
  const pqxx::result start = tx.exec_prepared("intake_batch_start", opening.campaign_id(),
                                              opening.fund_id(), static_cast<int>(calls.size()));
  IntakeLookups lookups(tx);
  lookups.remember(opening.campaign_id(), opening.fund_id(), start[0]);
  const std::int64_t recorded_at = start[0][6].as<std::int64_t>();

  std::vector<Accepted> accepted;
  std::set<std::pair<std::string, std::string>> references;  // transfers taken in this batch
  for (auto* call : calls) {
    const auto& r = call->request<v1::RecordDonationRequest>();
    try {
      Accepted a{
          .call = call,
          .checked = check_donation(tx, lookups, call->call(), r, settings_.max_amount_dong)};
      const auto reference = std::make_pair(a.checked.account.value_or(""), r.bank_reference());
      if (a.checked.account && references.count(reference)) {
        throw bank_reference_taken(r.bank_reference(), true);
      }
      // Last, because a donor known by an identifier may be created here: nothing after it
      // may refuse the call.
      a.new_donor = donors_.unidentified_name(r.donor(), "donor");
      const auto drawn = start[static_cast<pqxx::result::size_type>(accepted.size())];
      if (a.new_donor) {
        a.donor_id = drawn[5].as<std::int64_t>();
      } else {
        a.donor_id = donors_.find_or_create(tx, r.donor(), "donor");
        DonorRegistry::load_as_given(tx, a.donor_id, call->call().principal(), r.donor(),
                                     &a.known_donor);
      }
      a.id = drawn[4].as<std::int64_t>();
      if (a.checked.account) references.insert(reference);
      accepted.push_back(std::move(a));
    } catch (const platform::Error& e) {
      call->refuse(e);
    }
  }
  if (accepted.empty()) return {};

  // One block of numbers for the batch, in its order: gapless because only accepted calls
  // take one, and a rollback of the batch gives the whole block back. Predicted when it can be,
  // so the fund's counter is locked only for the batch's last statement (rules/receipt_sequence.h);
  // otherwise taken from the counter now, its row then locked until commit.
  const auto& first = accepted.front().call->request<v1::RecordDonationRequest>();
  const int year = accepted.front().checked.received.year;
  const auto count = static_cast<std::int64_t>(accepted.size());
  std::shared_ptr<ReceiptSequence::Block> block = receipts_.reserve(first.fund_id(), year, count);
  const std::optional<std::int64_t> predicted = block->predicted_first();
  const std::int64_t first_number =
      predicted ? *predicted : take_block_numbers(tx, *block, first.fund_id(), year, count);

  // Everything is known now: the responses and events are made before anything is written.
  std::vector<std::string> campaigns, channels, received, mobilisers, accounts, refs, items, notes,
      recorders, donor_kinds, donor_names;
  std::vector<std::int64_t> ids, donors, amounts, new_donor_ids;
  std::vector<v1::DonationRecorded> events(accepted.size());
  std::vector<platform::events::EventDraft> drafts;
  for (std::size_t i = 0; i < accepted.size(); ++i) {
    const auto& a = accepted[i];
    const auto& r = a.call->request<v1::RecordDonationRequest>();
    const std::int64_t number = first_number + static_cast<std::int64_t>(i);
    auto* response = a.call->response<v1::Donation>();
    fill_response(a, a.id, number, recorded_at, response);
    if (a.new_donor) {
      response->mutable_donor()->set_id(a.donor_id);
      response->mutable_donor()->set_kind(r.donor().kind());
      response->mutable_donor()->set_name(*a.new_donor);
      new_donor_ids.push_back(a.donor_id);
      donor_kinds.push_back(donor_kind_name(r.donor().kind()));
      donor_names.push_back(*a.new_donor);
    } else {
      *response->mutable_donor() = a.known_donor;
    }

    ids.push_back(a.id);
    campaigns.push_back(r.campaign_id());
    donors.push_back(a.donor_id);
    channels.push_back(channel_name(r.channel()));
    amounts.push_back(r.amount().dong());
    received.push_back(a.checked.received.iso());
    mobilisers.push_back(r.mobiliser_id());
    accounts.push_back(a.checked.account.value_or(""));
    refs.push_back(r.bank_reference());
    items.push_back(a.checked.items.dump());
    notes.push_back(r.note());
    recorders.push_back(a.call->call().principal().subject);

    auto& event = events[i];
    event = donation_recorded(r, *response, a.checked.unit_code, a.donor_id);
    drafts.push_back({.aggregate_type = "donation",
                      .event_name = "recorded",
                      .aggregate_id = std::to_string(a.id),
                      .aggregate_version = 1,
                      .payload = &event,
                      .correlation_id = a.call->call().correlation_id()});

    auto& call = a.call->call();
    call.audit("donation_id", a.id);
    call.audit("receipt", rules::ReceiptRef{r.fund_id(), year, number}.text());
    call.audit("amount_dong", r.amount().dong());
  }
  const auto staged = context_.outbox().stage(drafts);
  std::int64_t written = 0;
  try {
    written =
        tx.exec_prepared1(
              "donation_batch_write", first.fund_id(), accepted.front().checked.unit_code, year,
              first_number, bigint_array(ids), text_array(campaigns), bigint_array(donors),
              text_array(channels), bigint_array(amounts), text_array(received),
              text_array(mobilisers), text_array(accounts), text_array(refs), text_array(items),
              text_array(notes), text_array(recorders), bigint_array(new_donor_ids),
              text_array(donor_kinds), text_array(donor_names), staged.event_ids, staged.subjects,
              staged.aggregate_types, staged.aggregate_ids, staged.versions, staged.envelopes)[0]
            .as<std::int64_t>();
  } catch (const pqxx::unique_violation&) {
    // The write skips a row whose receipt number is taken, so this is a transfer that raced
    // past the check in another transaction. The group commit runs the batch's calls again one
    // by one, and this error is then the guilty call's alone.
    throw bank_reference_taken(accepted.size() == 1 ? first.bank_reference() : "", false);
  }
  // A predicted number already taken by another transaction: the counter has moved too.
  if (rules::check_block_written(predicted.has_value(), written, count) ==
      rules::BlockWritten::kRetryFromCounter) {
    throw platform::rpc::RetryBatch("receipt numbers taken meanwhile");
  }

  platform::rpc::BatchEnd end;
  end.ended = [block](bool committed) { block->ended(committed); };
  if (predicted) {
    end.last_statement = [block, fund_id = first.fund_id(), year, first_number,
                          count](pqxx::transaction_base& end_tx) {
      block->wait_for_turn();
      const rules::ReceiptBlock taken{first_number, count};
      auto moved = end_tx.exec_prepared("receipt_counter_continue", fund_id, year,
                                        taken.counter_before(), taken.last());
      if (!moved[0][0].as<bool>()) {
        throw platform::rpc::RetryBatch("the fund's receipt counter moved meanwhile");
      }
      block->locked(first_number);
    };
  }
  return end;
}

}  // namespace vnn::donation
