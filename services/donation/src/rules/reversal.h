#pragma once
// A donation is reversed at most once, and a reversal is never itself reversed. (The unique
// index donation_reversal keeps the first true under concurrency; the donation's row lock makes
// the second caller see the first's reversal.)

#include <cstdint>
#include <optional>

namespace vnn::donation::rules {

// What the locked donation row says about reversals.
struct ReversalState {
  std::optional<std::int64_t> reverses;     // set when the donation is itself a reversal
  std::optional<std::int64_t> reversed_by;  // the reversal that already reversed it
};

// FAILED_PRECONDITION (DONATION_IS_REVERSAL / DONATION_ALREADY_REVERSED, subject
// "donation/<id>") unless donation `donation_id` may be reversed.
void require_reversible(std::int64_t donation_id, const ReversalState& state);

}  // namespace vnn::donation::rules
