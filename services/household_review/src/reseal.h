#pragma once
// `vnn-household-review reseal-personal-data`: seals every citizen id and address again under
// the current personal-data key, bound to its row. For key rotation (add the new key, make it
// current, run this, then remove the old key) and to convert values sealed before key ids and
// row binding. Batched, one transaction per batch; values already under the current key are
// skipped, so a run that stopped part way is simply run again.

#include <cstdint>
#include <string>

#include "household_settings.h"

namespace vnn::household_review {

struct ResealCounts {
  std::int64_t citizen_ids_resealed = 0;
  std::int64_t addresses_resealed = 0;
  std::int64_t already_current = 0;
};

// Throws when a value does not open (naming its row): nothing of that batch is written, what
// earlier batches wrote stays. `after_household_id`: only households with a greater id (and their
// persons), e.g. to go on past a row that needs looking into.
ResealCounts reseal_personal_data(const std::string& dsn, const std::string& schema,
                                  const HouseholdSettings& settings, int batch_size,
                                  std::int64_t after_household_id = 0);

}  // namespace vnn::household_review
