#pragma once
// Writes the fund ledger: a posting row (balanced, checked by the database), the change of the
// fund's balance row, and the events — in the caller's transaction, so a posting and its
// balances and events exist together or not at all.

#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>

#include "rules/ledger.h"
#include "vnn/allocation/v1/allocation.pb.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/events/outbox.h"

namespace vnn::allocation {

// A fund's balance row (columns of statements.cc's kFundColumns, from `first`).
struct FundRow {
  std::string fund_id;
  std::string unit_code;
  std::string name;
  rules::Balances balances;
  std::int64_t version = 0;
  std::int64_t updated_at = 0;  // seconds since the epoch
};
FundRow fund_row(const pqxx::row& row);
void to_proto(const FundRow& fund, v1::FundBalance* out);

// What caused a posting: "donation 12", "support 45", and the campaign it belongs to.
struct PostingCause {
  std::string reference;
  std::string campaign_id;
};

class FundLedger {
 public:
  explicit FundLedger(const platform::events::OutboxWriter& outbox) : outbox_(outbox) {}

  // Any posting but a reservation. The fund's row must exist. Returns the balances after it.
  FundRow post(pqxx::transaction_base& tx, const std::string& fund_id,
               const rules::Posting& posting, const PostingCause& cause) const;

  // A reservation of `amount`, taken only if it fits (conditional UPDATE); nullopt when it
  // does not, with nothing written.
  std::optional<FundRow> reserve(pqxx::transaction_base& tx, const std::string& fund_id,
                                 std::int64_t amount, const PostingCause& cause) const;

 private:
  void record(pqxx::transaction_base& tx, const FundRow& after, const rules::Posting& posting,
              const PostingCause& cause) const;

  const platform::events::OutboxWriter& outbox_;
};

// FAILED_PRECONDITION for an approval the fund cannot take: FUND_FLAGGED_SHORT when a
// reversal left it short, else FUND_INSUFFICIENT; metadata fund_id, available_dong, needed_dong.
platform::Error reservation_refused(const FundRow& fund, std::int64_t needed);

}  // namespace vnn::allocation
