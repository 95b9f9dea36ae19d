#pragma once
// When rpc::GroupCommit runs a batch again, and when it gives up on running it whole. Apart from
// the transaction itself, so that the policy reads in one place and is tested without one.

#include <cstddef>
#include <functional>
#include <string>

#include "vnn/platform/errors.h"

namespace vnn::platform::rpc::detail {

// Thrown by an attempt that claimed its request ids last and found one taken (a retry of a call
// already stored): the batch runs again, claiming first, so it knows its replays up front.
struct KeyTaken {};

// The database is gone or the time is up: running the calls one by one would fail them too.
bool fails_every_call(const Error& e);

// Runs `attempt` (one transaction of the whole batch) until it commits. The first attempt
// claims its request ids at the end (claim_first false); after a KeyTaken, or a failure that a
// retry's original may have caused (its unique bank reference, say), the batch runs again
// claiming first. After RetryBatch it runs again whole, at most kMaxBatchReruns more times,
// then fails ABORTED. Throws what ends it otherwise.
void run_with_reruns(const std::string& method,
                     const std::function<void(bool claim_first)>& attempt);

// Runs a batch of `calls` whole (`run_whole`). When that fails with an error one call may have
// caused (a constraint, a bug), nothing of it was kept, and each call runs alone (`run_alone`,
// by position) so only the guilty one fails. A lone call, or an error that would fail every
// call, goes to `refuse_all` instead.
void run_or_split(const std::string& method, std::size_t calls,
                  const std::function<void()>& run_whole,
                  const std::function<void(const Error&)>& refuse_all,
                  const std::function<void(std::size_t position)>& run_alone);

}  // namespace vnn::platform::rpc::detail
