#include "payroll_list.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "receipt_numbers.h"
#include "vnn/platform/db/arrays.h"
#include "vnn/platform/proto_convert.h"

namespace vnn::donation {
namespace {

constexpr std::size_t kSampledRows = 16;  // per batch with rows recorded before

}  // namespace

PayrollListWriter::PayrollListWriter(pqxx::transaction_base& tx, const PayrollList& list,
                                     ReceiptSequence& receipts)
    : tx_(tx),
      list_(list),
      receipts_(receipts),
      // Drawn first, because the lines name it; a list that records nothing leaves a gap in
      // donation ids, which number nothing.
      donation_id_(tx.exec_prepared1("donation_id_next")[0].as<std::int64_t>()) {}

void PayrollListWriter::add(const std::vector<PayrollRow>& rows) {
  std::vector<std::string> keys, names, hashes, masks, notes;
  std::vector<std::int64_t> lines, amounts;
  std::unordered_map<std::int64_t, std::int64_t> amount_of_line;
  for (const auto& row : rows) {
    keys.push_back(row.key);
    lines.push_back(row.line);
    names.push_back(row.name);
    hashes.push_back(row.hash);
    masks.push_back(row.mask);
    amounts.push_back(row.amount);
    notes.push_back(row.note);
    amount_of_line[row.line] = row.amount;
  }
  using platform::db::bigint_array;
  using platform::db::text_array;
  // A row whose key is taken (an earlier import, or one running now: the insert waits for it,
  // within the statement timeout) is not returned.
  const auto added = tx_.exec_prepared("payroll_line_insert", donation_id_, text_array(keys),
                                       bigint_array(lines), text_array(names), text_array(hashes),
                                       text_array(masks), bigint_array(amounts), text_array(notes));
  std::unordered_set<std::int64_t> new_lines;
  for (const auto& row : added) {
    const auto line = row[0].as<std::int64_t>();
    result_.recorded_dong += amount_of_line.at(line);
    new_lines.insert(line);
  }
  const auto recorded = static_cast<std::int64_t>(added.size());
  result_.recorded += recorded;
  result_.already_recorded += static_cast<std::int64_t>(rows.size()) - recorded;
  if (recorded == static_cast<std::int64_t>(rows.size())) return;

  // Which donations hold the rows recorded before, from a sample of them (an import's lines are
  // consecutive rows, so a sample per batch finds each earlier donation of a list): a retry
  // whose first answer was lost learns its donation and receipt this way.
  std::vector<std::string> known;
  std::size_t skipped = 0;
  const std::size_t every = std::max<std::size_t>(1, (rows.size() - added.size()) / kSampledRows);
  for (const auto& row : rows) {
    if (new_lines.count(row.line) > 0) continue;
    if (skipped++ % every == 0) known.push_back(row.key);
  }
  for (const auto& row : tx_.exec_prepared("payroll_line_donations", text_array(known))) {
    result_.earlier_donations.insert(row[0].as<std::int64_t>());
  }
}

PayrollListResult PayrollListWriter::finish(const platform::events::OutboxWriter& outbox) {
  if (result_.recorded == 0) return result_;
  const auto& h = list_.header;
  const int year = list_.received_on.year;
  const auto donor = tx_.exec_prepared1("agency_donor_insert", h.mobiliser_id());
  const auto donor_id = donor[0].as<std::int64_t>();
  // The receipt counter last: its row stays locked only for the commit.
  result_.receipt_number = take_receipt_numbers(tx_, receipts_, h.fund_id(), year, 1);
  tx_.exec_prepared("payroll_donation_insert", donation_id_, h.campaign_id(), h.fund_id(),
                    list_.unit_code, donor_id, result_.recorded_dong, list_.received_on.iso(),
                    h.mobiliser_id(), h.list_reference(), year, result_.receipt_number,
                    list_.recorded_by);
  result_.donation_id = donation_id_;

  v1::DonationRecorded event;
  event.set_donation_id(donation_id_);
  event.set_campaign_id(h.campaign_id());
  event.set_fund_id(h.fund_id());
  event.set_unit_code(list_.unit_code);
  event.set_channel(v1::CHANNEL_PAYROLL);
  event.set_amount_dong(result_.recorded_dong);
  platform::to_proto(list_.received_on, event.mutable_received_on());
  event.set_donor_id(donor_id);
  event.set_donor_kind(v1::DONOR_KIND_AGENCY);
  event.set_mobiliser_id(h.mobiliser_id());
  event.mutable_receipt()->set_fund_id(h.fund_id());
  event.mutable_receipt()->set_year(year);
  event.mutable_receipt()->set_number(result_.receipt_number);
  outbox.append(tx_, {.aggregate_type = "donation",
                      .event_name = "recorded",
                      .aggregate_id = std::to_string(donation_id_),
                      .aggregate_version = 1,
                      .payload = &event,
                      .correlation_id = list_.correlation_id});
  return result_;
}

}  // namespace vnn::donation
