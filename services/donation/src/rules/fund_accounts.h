#pragma once
// A fund's accounts keep what donations were recorded against true: an account takes no
// transfer from the day it was closed, and it is closed only from a day after the last transfer
// recorded into it. A fund is changed only at the version the caller read.

#include <cstdint>
#include <optional>
#include <string>

#include "vnn/platform/date.h"

namespace vnn::donation::rules {

// INVALID_ARGUMENT (ACCOUNT_CLOSED) on `field` for a transfer into `account` received on or
// after `closed_on`.
void require_open_for_transfer(const std::string& account,
                               const std::optional<platform::Date>& closed_on,
                               const platform::Date& received, const std::string& field);

// INVALID_ARGUMENT on `field`.account_number when the account was closed already (on
// `closed_before`), on `field`.closed_on when `closing_on` is not after `last_transfer`.
void require_closable(const std::optional<platform::Date>& closed_before,
                      const std::optional<platform::Date>& last_transfer,
                      const platform::Date& closing_on, const std::string& field);

// FAILED_PRECONDITION (FUND_VERSION_STALE) on expected_version unless the caller read the
// fund's current version.
void require_fund_version(const std::string& fund_id, std::int64_t current, std::int64_t expected);

}  // namespace vnn::donation::rules
