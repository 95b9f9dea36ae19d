// The campaign's end: households that escaped poverty, the communes' results reports, and the
// wait until reporting has every event and agrees with the services that own the money.
#include <cstdio>
#include <thread>

#include "runner/parallel.h"
#include "runner/progress.h"
#include "runner/steps.h"
#include "vnn/platform/proto_convert.h"

namespace vnn::campaign {

using platform::to_proto;

void close_campaign(Play& play) {
  const Scenario& s = play.scenario;
  {
    Progress progress("Hộ thoát nghèo nhờ đợt vận động", static_cast<long>(s.outcomes.size()));
    for_each_parallel(s.outcomes, play.options.threads, [&](const HouseholdOutcome& outcome) {
      household_review::v1::RecordOutcomeRequest request;
      request.set_request_id(play.request_id("outcome", outcome.household_key));
      request.set_household_id(play.id(kHouseholds, outcome.household_key));
      to_proto(outcome.escaped_on, request.mutable_escaped_on());
      request.set_support_summary(outcome.support_summary);
      request.set_exemplary(outcome.exemplary);
      call(play.stats, "RecordOutcome", play.officers.district_maker(),
           *play.services.household_review,
           &household_review::v1::HouseholdReviewService::Stub::RecordOutcome, request);
      progress.tick();
    });
  }
  Progress progress("Các xã gửi báo cáo kết quả", static_cast<long>(s.results_reports.size()));
  for_each_parallel(s.results_reports, play.options.threads, [&](const ResultsReport& report) {
    reporting::v1::SubmitResultsReportRequest request;
    request.set_request_id(play.request_id("results-report", report.unit_code));
    request.set_campaign_id(s.campaign.id);
    request.set_unit_code(report.unit_code);
    request.set_note(report.note);
    to_proto(report.received_on, request.mutable_received_on());
    call(play.stats, "SubmitResultsReport", play.officers.commune(report.unit_code),
         *play.services.reporting, &reporting::v1::ReportingService::Stub::SubmitResultsReport,
         request);
    progress.tick();
  });
}

bool wait_for_reporting(Play& play) {
  Progress progress("Báo cáo (reporting) nhận đủ sự kiện và đối chiếu", 1);
  reporting::v1::ReconcileRequest request;
  request.set_campaign_id(play.scenario.campaign.id);
  reporting::v1::Reconciliation last;
  auto deadline = std::chrono::steady_clock::now() + play.options.propagation_timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    last = call(play.stats, "Reconcile", play.officers.auditor(), *play.services.reporting,
                &reporting::v1::ReportingService::Stub::Reconcile, request);
    if (last.consumer_lag() == 0 && last.differences_size() == 0) {
      progress.tick();
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  progress.done();
  std::fprintf(stderr, "reporting still differs after %lld s (events not applied: %lld):\n",
               static_cast<long long>(play.options.propagation_timeout.count()),
               static_cast<long long>(last.consumer_lag()));
  for (const auto& d : last.differences()) {
    std::fprintf(stderr, "  %s %s %s: theirs %lld, ours %lld\n", d.source().c_str(),
                 d.fund_id().c_str(), d.figure().c_str(), static_cast<long long>(d.theirs().dong()),
                 static_cast<long long>(d.ours().dong()));
  }
  return false;
}

}  // namespace vnn::campaign
