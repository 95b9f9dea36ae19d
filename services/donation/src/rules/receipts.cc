#include "rules/receipts.h"

#include "vnn/platform/errors.h"

namespace vnn::donation::rules {

std::string ReceiptRef::text() const {
  return fund_id + "/" + std::to_string(year) + "/" + std::to_string(number);
}

BlockWritten check_block_written(bool predicted, std::int64_t written, std::int64_t count) {
  if (written == count) return BlockWritten::kWhole;
  if (predicted) return BlockWritten::kRetryFromCounter;
  throw platform::Error(platform::ErrorCode::kInternal,
                        "receipt numbers taken from the locked counter were in use already");
}

}  // namespace vnn::donation::rules
