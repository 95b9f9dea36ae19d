#pragma once
// A donation is reversed at most once, and a reversal is never itself reversed. (The unique
// index donation_reversal keeps the first true under concurrency; the donation's row lock makes
// the second caller see the first's reversal.) A reversal takes two officers: one asks for it,
// another approves it (maker–checker); one request per donation is pending at a time.

#include <cstdint>
#include <optional>
#include <string>

namespace vnn::donation::rules {

// What the locked donation row says about reversals.
struct ReversalState {
  std::optional<std::int64_t> reverses;     // set when the donation is itself a reversal
  std::optional<std::int64_t> reversed_by;  // the reversal that already reversed it
};

// FAILED_PRECONDITION (DONATION_IS_REVERSAL / DONATION_ALREADY_REVERSED, subject
// "donation/<id>") unless donation `donation_id` may be reversed.
void require_reversible(std::int64_t donation_id, const ReversalState& state);

// FAILED_PRECONDITION (REVERSAL_PENDING) when a request to reverse the donation awaits a
// decision already.
void require_no_pending_request(std::int64_t donation_id, std::optional<std::int64_t> pending);

// The request's decision: FAILED_PRECONDITION (REVERSAL_ALREADY_DECIDED) when it was decided;
// PERMISSION_DENIED (SAME_OFFICER) when `deciding` asked for it (maker–checker); INVALID_ARGUMENT
// on `note` for a rejection without one.
void require_may_decide(std::int64_t request_id, bool decided, const std::string& requested_by,
                        const std::string& deciding, bool approve, const std::string& note);

}  // namespace vnn::donation::rules
