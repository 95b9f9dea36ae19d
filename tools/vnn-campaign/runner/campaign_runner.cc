#include "runner/campaign_runner.h"

#include "runner/steps.h"

namespace vnn::campaign {

RunResult run_campaign(Play& play) {
  auto started = std::chrono::steady_clock::now();
  set_up_campaign(play);
  wait_until_campaign_known(play);
  register_households(play);
  submit_lists(play);
  resolve_duplicates(play);
  review_households(play);
  assign_households(play);
  // After the reviews: direct support needs its household approved.
  record_donations(play);
  wait_for_fund_balances(play);
  allocate_support(play);
  close_campaign(play);
  RunResult result;
  result.reconciled = wait_for_reporting(play);
  result.took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  return result;
}

}  // namespace vnn::campaign
