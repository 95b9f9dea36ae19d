#pragma once
// What the handlers of support decisions share: the answers for what a caller may not see,
// the checks of fund parts against the funds this service knows, and the scope of lists.

#include <cstdint>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "rules/fund_scope.h"
#include "rules/proposal.h"
#include "rules/regulation.h"
#include "support_rows.h"
#include "vnn/allocation/v1/allocation.pb.h"
#include "vnn/platform/db/filtered_query.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/rpc/call_context.h"

namespace vnn::allocation {

// NOT_FOUND, the same for an unknown id and one the caller may not see (AIP-211).
platform::Error household_not_found(std::int64_t household_id);
platform::Error support_not_found(std::int64_t support_id);
platform::Error fund_not_found(const std::string& fund_id);
// FAILED_PRECONDITION SUPPORT_LIMIT_REACHED: every place of the kind is taken (a race the
// rule's count did not see).
platform::Error support_limit_reached(std::int64_t household_id, rules::SupportKind kind);

bool may_see(const platform::rpc::CallContext& call, const v1::Support& support);
// The support locked for a decision; NOT_FOUND when unknown or not the caller's to see.
SupportRow visible_locked_support(const platform::rpc::CallContext& call,
                                  pqxx::transaction_base& tx, std::int64_t support_id);

// The fund as this service knows it; INVALID_ARGUMENT on `field` when it knows none.
rules::FundUnit fund_unit(pqxx::transaction_base& tx, const std::string& fund_id,
                          const std::string& field);
// Every fund part names a fund this service knows, which fits its source (a district's fund,
// the household's commune's fund).
void check_fund_parts(pqxx::transaction_base& tx, const std::vector<rules::ProposedPart>& parts,
                      const std::string& household_unit, const platform::Date& household_on);
void insert_funding(pqxx::transaction_base& tx, std::int64_t support_id,
                    const std::vector<rules::ProposedPart>& parts);

// Keeps, inside the query, the supports the caller may see.
void restrict_supports(const platform::rpc::CallContext& call, platform::db::FilteredQuery& query);
// `code` and the units below it (a district's communes; a merged commune's predecessors).
std::vector<std::string> units_below(const std::string& code);

void regulation_to_proto(const rules::RegulationVersion& version, v1::Regulation* out);

}  // namespace vnn::allocation
