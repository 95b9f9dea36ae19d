#include "batch_retry.h"

#include "vnn/platform/log.h"
#include "vnn/platform/rpc/group_commit.h"
#include "vnn/platform/text/scrub.h"

namespace vnn::platform::rpc::detail {

bool fails_every_call(const Error& e) {
  return e.code() == ErrorCode::kUnavailable || e.code() == ErrorCode::kDeadlineExceeded;
}

void run_with_reruns(const std::string& method,
                     const std::function<void(bool claim_first)>& attempt) {
  bool claim_first = false;
  for (int rerun = 0;; ++rerun) {
    try {
      attempt(claim_first);
      return;
    } catch (const KeyTaken&) {
      claim_first = true;
      log::debug("batch runs again", {{"method", method}, {"reason", "a request id taken"}});
    } catch (const RetryBatch& e) {
      if (rerun >= kMaxBatchReruns) throw Error(ErrorCode::kAborted, e.what());
      log::debug("batch runs again",
                 {{"method", method}, {"reason", text::scrub_database_error(e.what())}});
    } catch (const Error& e) {
      if (claim_first || fails_every_call(e)) throw;
      claim_first = true;
    } catch (const std::exception&) {
      if (claim_first) throw;
      claim_first = true;
    }
  }
}

void run_or_split(const std::string& method, std::size_t calls,
                  const std::function<void()>& run_whole,
                  const std::function<void(const Error&)>& refuse_all,
                  const std::function<void(std::size_t position)>& run_alone) {
  try {
    run_whole();
    return;
  } catch (const Error& e) {
    if (calls == 1 || fails_every_call(e)) {
      refuse_all(e);
      return;
    }
    log::debug(
        "batch failed, running its calls one by one",
        {{"method", method}, {"calls", calls}, {"error", text::scrub_database_error(e.what())}});
  } catch (const std::exception& e) {
    if (calls == 1) {
      // Unexpected: the pipeline logs it and tells the caller only "internal error".
      refuse_all(Error(ErrorCode::kInternal, e.what()));
      return;
    }
    log::debug(
        "batch failed, running its calls one by one",
        {{"method", method}, {"calls", calls}, {"error", text::scrub_database_error(e.what())}});
  }
  for (std::size_t i = 0; i < calls; ++i) run_alone(i);
}

}  // namespace vnn::platform::rpc::detail
