#include "fund_ledger.h"

#include <string>
#include <vector>

#include "rules/reason_codes.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/money.h"

namespace vnn::allocation {
namespace {

std::string smallint_array(const rules::Posting& posting) {
  std::string out = "{";
  for (std::size_t i = 0; i < posting.entries.size(); ++i) {
    if (i > 0) out += ',';
    out += std::to_string(static_cast<int>(posting.entries[i].account));
  }
  return out + "}";
}

std::string amount_array(const rules::Posting& posting) {
  std::string out = "{";
  for (std::size_t i = 0; i < posting.entries.size(); ++i) {
    if (i > 0) out += ',';
    out += std::to_string(posting.entries[i].amount);
  }
  return out + "}";
}

}  // namespace

FundRow fund_row(const pqxx::row& row) {
  FundRow f;
  f.fund_id = row[0].c_str();
  f.unit_code = row[1].c_str();
  f.name = row[2].c_str();
  f.balances.received = row[3].as<std::int64_t>();
  f.balances.reversed = row[4].as<std::int64_t>();
  f.balances.reserved = row[5].as<std::int64_t>();
  f.balances.disbursed = row[6].as<std::int64_t>();
  // row[7] is the generated available column: equal to balances.available() by definition.
  f.balances.in_kind = row[8].as<std::int64_t>();
  f.balances.shortfall = row[9].as<std::int64_t>();
  f.version = row[10].as<std::int64_t>();
  f.updated_at = row[11].as<std::int64_t>();
  return f;
}

void to_proto(const FundRow& fund, v1::FundBalance* out) {
  const auto& b = fund.balances;
  out->set_fund_id(fund.fund_id);
  out->set_unit_code(fund.unit_code);
  out->set_name(fund.name);
  out->mutable_received()->set_dong(b.received);
  out->mutable_reversed()->set_dong(b.reversed);
  out->mutable_reserved()->set_dong(b.reserved);
  out->mutable_disbursed()->set_dong(b.disbursed);
  out->mutable_available()->set_dong(b.available());
  out->mutable_in_kind_stock()->set_dong(b.in_kind);
  out->set_flagged_short(b.flagged_short());
  out->mutable_shortfall()->set_dong(b.shortfall);
  out->set_version(fund.version);
  out->mutable_updated_at()->set_seconds(fund.updated_at);
}

FundRow FundLedger::post(pqxx::transaction_base& tx, const std::string& fund_id,
                         const rules::Posting& posting, const PostingCause& cause) const {
  if (posting.kind == rules::PostingKind::kReserve) {
    throw std::logic_error("reservations go through FundLedger::reserve");
  }
  rules::AccountSums delta;
  for (const auto& e : posting.entries) delta.add(e);
  const auto rows = tx.exec_prepared("fund_apply", fund_id, -delta.donations, delta.reversals,
                                     delta.reserved, delta.disbursed, delta.in_kind_stock,
                                     posting.kind == rules::PostingKind::kReversal);
  if (rows.empty()) throw std::logic_error("posting to fund " + fund_id + " which is unknown");
  FundRow after = fund_row(rows[0]);
  const std::int64_t shortfall_before = rows[0][12].as<std::int64_t>();
  record(tx, after, posting, cause);

  // Raising or lowering the flag is an event of its own, one version later.
  const bool flagged = shortfall_before == 0 && after.balances.shortfall > 0;
  const bool covered = shortfall_before > 0 && after.balances.shortfall == 0;
  if (flagged || covered) {
    after.version = tx.exec_prepared1("fund_bump_version", fund_id)[0].as<std::int64_t>();
    if (flagged) {
      v1::FundFlaggedShort event;
      to_proto(after, event.mutable_balance());
      event.set_reference(cause.reference);
      outbox_.append(tx, {.aggregate_type = "fund",
                          .event_name = "flagged_short",
                          .aggregate_id = fund_id,
                          .aggregate_version = after.version,
                          .payload = &event});
    } else {
      v1::FundCovered event;
      to_proto(after, event.mutable_balance());
      outbox_.append(tx, {.aggregate_type = "fund",
                          .event_name = "covered",
                          .aggregate_id = fund_id,
                          .aggregate_version = after.version,
                          .payload = &event});
    }
  }
  return after;
}

std::optional<FundRow> FundLedger::reserve(pqxx::transaction_base& tx, const std::string& fund_id,
                                           std::int64_t amount, const PostingCause& cause) const {
  const auto posting = rules::reserve_posting(amount);
  const auto rows = tx.exec_prepared("fund_reserve", fund_id, amount);
  if (rows.empty()) return std::nullopt;
  FundRow after = fund_row(rows[0]);
  record(tx, after, posting, cause);
  return after;
}

void FundLedger::record(pqxx::transaction_base& tx, const FundRow& after,
                        const rules::Posting& posting, const PostingCause& cause) const {
  tx.exec_prepared("posting_insert", after.fund_id, std::string(rules::posting_word(posting.kind)),
                   cause.reference, cause.campaign_id.empty() ? nullptr : cause.campaign_id.c_str(),
                   smallint_array(posting), amount_array(posting));
  v1::FundBalanceChanged event;
  to_proto(after, event.mutable_balance());
  event.set_cause(static_cast<v1::PostingKind>(rules::posting_number(posting.kind)));
  event.set_reference(cause.reference);
  event.set_campaign_id(cause.campaign_id);
  outbox_.append(tx, {.aggregate_type = "fund",
                      .event_name = "balance_changed",
                      .aggregate_id = after.fund_id,
                      .aggregate_version = after.version,
                      .payload = &event});
}

platform::Error reservation_refused(const FundRow& fund, std::int64_t needed) {
  const auto& b = fund.balances;
  const std::string available = std::to_string(b.available());
  if (b.flagged_short()) {
    return platform::failed_precondition("fund " + fund.fund_id + " is short by " +
                                         std::to_string(b.shortfall) +
                                         " dong after a reversal: no approvals until it is covered")
        .with_reason(rules::reason::kFundFlaggedShort)
        .with_vietnamese("Quỹ " + fund.fund_id + " đang thiếu " +
                         platform::money::format_vietnamese(b.shortfall) +
                         " sau khi hoàn trả khoản ủng hộ: chưa thể duyệt thêm hỗ trợ")
        .with_subject("fund/" + fund.fund_id)
        .with_metadata("fund_id", fund.fund_id)
        .with_metadata("available_dong", available)
        .with_metadata("shortfall_dong", std::to_string(b.shortfall))
        .with_metadata("needed_dong", std::to_string(needed));
  }
  return platform::failed_precondition("fund " + fund.fund_id + " has " + available +
                                       " dong available, " + std::to_string(needed) + " are needed")
      .with_reason(rules::reason::kFundInsufficient)
      .with_vietnamese("Quỹ " + fund.fund_id + " chỉ còn " +
                       platform::money::format_vietnamese(b.available()) + ", cần " +
                       platform::money::format_vietnamese(needed))
      .with_subject("fund/" + fund.fund_id)
      .with_metadata("fund_id", fund.fund_id)
      .with_metadata("available_dong", available)
      .with_metadata("needed_dong", std::to_string(needed));
}

}  // namespace vnn::allocation
