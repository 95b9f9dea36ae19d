#pragma once
// The real vnn-reporting process against the test stack, beside the three services whose events
// it reads (donation, household review, allocation — the allocation fixture starts them, wired as
// in production; see services/allocation/tests/integration/allocation_fixture.h). Reporting
// reaches donation and allocation with its own service token for reconciliation; both trust its
// key. Its figures follow the events, so a test waits for them: wait_for_progress.
//
// Each test gets the allocation fixture's campaign of Định Quán (736) with the funds of the
// district and of the communes Phú Túc (26242) and Phú Cường (26236). Thread safety as in the
// allocation fixture: the call helpers (progress, wait_for_progress, the bearers) may be called
// from many threads at once.

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "allocation_fixture.h"
#include "vnn/reporting/v1/reporting.grpc.pb.h"

namespace vnn::testing {

class ReportingFixture : public AllocationFixture {
 protected:
  using Progress = reporting::v1::CampaignProgress;
  using UnitView = reporting::v1::UnitView;

  void SetUp() override;

  // ---- Who asks. The district office and a commune officer see their unit and below; the
  // auditor sees the district; the public role only sees disclosure.
  std::string district_bearer() const { return district(); }
  std::string commune_bearer(const std::string& unit = kPhuTuc) const { return commune(unit); }
  std::string auditor_bearer() const { return auditor(); }
  std::string public_bearer() const { return bearer_for(Role::kPublic, {}, {}, "cong-chung"); }

  // ---- Progress. GetCampaignProgress of `campaign` (empty: the test's) for `unit` (empty: the
  // campaign's organising unit), asked as `bearer` (empty: the district office, or the commune's
  // officer when `unit` is one of the test's communes).
  grpc::Status progress(const std::string& campaign, const std::string& unit, UnitView view,
                        Progress* out, const std::string& bearer = {}) const;
  // Polls GetCampaignProgress until `done` holds (NOT_FOUND and FAILED_PRECONDITION count as not
  // yet: the read models have not caught up); the last progress seen. On timeout fails the test
  // with `what` and the last answer.
  Progress wait_for_progress(const std::string& campaign, const std::string& unit,
                             const std::function<bool(const Progress&)>& done,
                             const std::string& what = "progress",
                             UnitView view = reporting::v1::UNIT_VIEW_AS_OF_THEN,
                             std::chrono::milliseconds timeout = std::chrono::seconds(20)) const;

  // A campaign of the test's funds with both deadlines (AllocationFixture::add_campaign), known
  // to reporting too when it returns.
  std::string add_campaign_with_deadlines(const platform::Date& lists_due,
                                          const platform::Date& results_due);

  // First column of the first row, as the superuser, in the reporting schema.
  std::string reporting_scalar(const std::string& sql) const {
    return schema_scalar("reporting", sql);
  }

  // Extra environment of the reporting process, set by a test class before SetUp().
  std::map<std::string, std::string> reporting_env_;
  std::unique_ptr<ServiceProcess> reporting_process_;
  std::unique_ptr<reporting::v1::ReportingService::Stub> reporting_;
};

}  // namespace vnn::testing
