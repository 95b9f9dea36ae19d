#pragma once
// The donation service's own reason codes (google.rpc.ErrorInfo.reason), beside the shared ones
// in vnn::platform::reason. A caller may act on them; they never change meaning.

#include <string_view>

namespace vnn::donation::rules::reason {

// PERMISSION_DENIED: an agency imports only its own staff lists (never another agency's list,
// never a bank statement).
inline constexpr std::string_view kAgencyImportsOwnLists = "AGENCY_IMPORTS_OWN_LISTS";
// FAILED_PRECONDITION: the donation named is itself a reversal.
inline constexpr std::string_view kDonationIsReversal = "DONATION_IS_REVERSAL";
// FAILED_PRECONDITION: the donation named was reversed already.
inline constexpr std::string_view kDonationAlreadyReversed = "DONATION_ALREADY_REVERSED";
// INVALID_ARGUMENT: a transfer received on or after the day its account was closed.
inline constexpr std::string_view kAccountClosed = "ACCOUNT_CLOSED";
// FAILED_PRECONDITION: the fund changed since the caller read it; read it again.
inline constexpr std::string_view kFundVersionStale = "FUND_VERSION_STALE";
// FAILED_PRECONDITION: a donor's tax code or citizen id is on file for a donor of another name
// or kind (rules/donor_identity.h); the error names the field, never the other donor.
inline constexpr std::string_view kDonorIdentifierConflict = "DONOR_IDENTIFIER_CONFLICT";
// FAILED_PRECONDITION: a request to reverse the donation awaits a decision already.
inline constexpr std::string_view kReversalPending = "REVERSAL_PENDING";
// FAILED_PRECONDITION: the reversal request was approved or rejected already.
inline constexpr std::string_view kReversalAlreadyDecided = "REVERSAL_ALREADY_DECIDED";

}  // namespace vnn::donation::rules::reason
