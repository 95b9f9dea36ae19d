#include "payroll_batch.h"

#include <map>
#include <set>

#include "vnn/platform/db/arrays.h"
#include "vnn/platform/proto_convert.h"

namespace vnn::donation {
namespace {

constexpr std::size_t kEventDonations = 1000;

}  // namespace

PayrollBatchResult write_payroll_batch(pqxx::transaction_base& tx,
                                       const platform::events::OutboxWriter& outbox,
                                       const PayrollList& list, const std::vector<PayrollRow>& rows,
                                       const ReceiptNumbering& numbering) {
  PayrollBatchResult result;
  std::vector<std::string> keys;
  for (const auto& row : rows) keys.push_back(row.key);
  std::set<std::string> known;
  for (const auto& r : tx.exec_prepared("import_known_keys", platform::db::text_array(keys))) {
    known.insert(r[0].c_str());
  }
  std::vector<const PayrollRow*> fresh;
  std::set<std::string> in_batch;
  for (const auto& row : rows) {
    if (known.count(row.key) > 0 || !in_batch.insert(row.key).second) continue;
    fresh.push_back(&row);
  }
  const auto n = static_cast<std::int64_t>(fresh.size());
  result.already_recorded = static_cast<std::int64_t>(rows.size()) - n;
  if (n == 0) return result;

  const auto& h = list.header;
  const int year = list.received_on.year;
  std::vector<std::int64_t> donor_ids, donation_ids;
  for (const auto& r : tx.exec_prepared("donor_ids", n))
    donor_ids.push_back(r[0].as<std::int64_t>());
  for (const auto& r : tx.exec_prepared("donation_ids", n)) {
    donation_ids.push_back(r[0].as<std::int64_t>());
  }
  std::vector<std::string> names, hashes, masks, notes, row_keys;
  std::vector<std::int64_t> amounts, receipts;
  for (std::int64_t i = 0; i < n; ++i) {
    names.push_back(fresh[i]->name);
    hashes.push_back(fresh[i]->hash);
    masks.push_back(fresh[i]->mask);
  }
  tx.exec_prepared("donor_bulk_insert", platform::db::bigint_array(donor_ids),
                   platform::db::text_array(names), platform::db::text_array(hashes),
                   platform::db::text_array(masks));
  // Staff already known by their citizen id keep their donor record.
  std::vector<std::string> present;
  for (const auto& hash : hashes) {
    if (!hash.empty()) present.push_back(hash);
  }
  std::map<std::string, std::int64_t> by_hash;
  if (!present.empty()) {
    for (const auto& r : tx.exec_prepared("donor_ids_by_hash", platform::db::text_array(present))) {
      by_hash[r[0].c_str()] = r[1].as<std::int64_t>();
    }
  }
  // The fund's receipt counter as late as possible: its row stays locked until this batch
  // commits, and another batch of the list (or another intake) waits for it from there on.
  const auto previous_last =
      numbering.previous_last ? numbering.previous_last() : std::optional<std::int64_t>();
  const bool predicted = previous_last.has_value();
  const std::int64_t last =
      predicted ? *previous_last + n
                : tx.exec_prepared1("receipt_block", h.fund_id(), year, n)[0].as<std::int64_t>();
  const std::int64_t first = last - n + 1;
  if (numbering.numbered) numbering.numbered(last);
  // One event per kEventDonations donations: consumers learn of a million-row list from a
  // thousand messages, and the outbox and relay handle a thousand rows, not a million.
  std::vector<v1::PayrollDonationsRecorded> events((fresh.size() + kEventDonations - 1) /
                                                   kEventDonations);
  for (auto& e : events) {
    e.set_mobiliser_id(h.mobiliser_id());
    e.set_list_reference(h.list_reference());
  }
  for (std::int64_t i = 0; i < n; ++i) {
    if (!fresh[i]->hash.empty()) donor_ids[i] = by_hash.at(fresh[i]->hash);
    amounts.push_back(fresh[i]->amount);
    notes.push_back(fresh[i]->note);
    receipts.push_back(first + i);
    row_keys.push_back(fresh[i]->key);
    result.recorded_dong += fresh[i]->amount;
    auto& e = *events[static_cast<std::size_t>(i) / kEventDonations].add_donations();
    e.set_donation_id(donation_ids[i]);
    e.set_campaign_id(h.campaign_id());
    e.set_fund_id(h.fund_id());
    e.set_unit_code(list.unit_code);
    e.set_channel(v1::CHANNEL_PAYROLL);
    e.set_amount_dong(fresh[i]->amount);
    platform::to_proto(list.received_on, e.mutable_received_on());
    e.set_donor_id(donor_ids[i]);
    e.set_donor_kind(v1::DONOR_KIND_INDIVIDUAL);
    e.set_mobiliser_id(h.mobiliser_id());
    e.mutable_receipt()->set_fund_id(h.fund_id());
    e.mutable_receipt()->set_year(year);
    e.mutable_receipt()->set_number(first + i);
  }
  try {
    tx.exec_prepared("donation_bulk_insert", h.campaign_id(), h.fund_id(), list.unit_code,
                     list.received_on.iso(), h.mobiliser_id(), year, list.recorded_by,
                     platform::db::bigint_array(donation_ids),
                     platform::db::bigint_array(donor_ids), platform::db::bigint_array(amounts),
                     platform::db::text_array(notes), platform::db::bigint_array(receipts),
                     platform::db::text_array(row_keys));
  } catch (const pqxx::unique_violation&) {
    // A predicted number another intake has taken meanwhile; otherwise a real conflict,
    // which the write without a prediction reports.
    if (predicted) throw ReceiptsMispredicted();
    throw;
  }
  // The previous batch moves the counter when it commits: only then can this one move it on.
  if (predicted &&
      (!numbering.previous_finished() ||
       tx.exec_prepared("receipt_advance", h.fund_id(), year, *previous_last, last).empty())) {
    throw ReceiptsMispredicted();
  }
  std::vector<platform::events::EventDraft> drafts;
  for (std::size_t k = 0; k < events.size(); ++k) {
    // Keyed by its first donation: unique, and each batch event is written once.
    drafts.push_back({.aggregate_type = "payroll",
                      .event_name = "recorded",
                      .aggregate_id = std::to_string(donation_ids[k * kEventDonations]),
                      .aggregate_version = 1,
                      .payload = &events[k]});
  }
  outbox.append_batch(tx, drafts);
  result.recorded = n;
  result.first_receipt = first;
  result.last_receipt = last;
  return result;
}

}  // namespace vnn::donation
