#include "reporting_fixture.h"

#include <thread>

#include "vnn/testing/test_stack.h"
#include "vnn/testing/test_tokens.h"

namespace vnn::testing {
namespace {

namespace rv1 = reporting::v1;

std::string target_of(ServiceProcess& process) {
  return "127.0.0.1:" + std::to_string(process.wait_for_port());
}

}  // namespace

void ReportingFixture::SetUp() {
  AllocationFixture::SetUp();
  if (HasFatalFailure()) return;
  const auto& stack = TestStack::get();
  const auto& tokens = test_tokens();

  auto env = stack.service_env("vnn_reporting");
  env.insert({{"VNN_JWT_KEYS", tokens.key_spec()},
              {"VNN_JWT_SIGNING_KEY", tokens.reporting_key_spec()},
              {"VNN_PAGE_TOKEN_KEY_FILE", write_secret_file("vnn_page_key")},
              {"VNN_DONATION_TARGET", target_of(*donation_)},
              {"VNN_ALLOCATION_TARGET", target_of(*allocation_)},
              // Snapshots often enough for a test to see several.
              {"VNN_SNAPSHOT_INTERVAL_MS", "200"}});
  for (const auto& [name, value] : reporting_env_) env[name] = value;
  reporting_process_ = std::make_unique<ServiceProcess>(VNN_REPORTING_BINARY,
                                                        std::vector<std::string>{}, std::move(env));
  reporting_process_->wait_for_port();
  reporting_ = rv1::ReportingService::NewStub(reporting_process_->channel());
}

std::string ReportingFixture::add_campaign_with_deadlines(const platform::Date& lists_due,
                                                          const platform::Date& results_due) {
  const std::string id = add_campaign(lists_due, results_due);
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (reporting_scalar("SELECT count(*) FROM campaign WHERE campaign_id = '" + id + "'") !=
         "1") {
    if (std::chrono::steady_clock::now() > until) {
      ADD_FAILURE() << "campaign " << id << " did not reach reporting";
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return id;
}

grpc::Status ReportingFixture::progress(const std::string& campaign, const std::string& unit,
                                        UnitView view, Progress* out,
                                        const std::string& bearer) const {
  rv1::GetCampaignProgressRequest request;
  request.set_campaign_id(campaign.empty() ? campaign_ : campaign);
  request.set_unit_code(unit);
  request.set_view(view);
  std::string who = bearer;
  if (who.empty()) who = unit == kPhuTuc || unit == kPhuCuong ? commune(unit) : district();
  return reporting_->GetCampaignProgress(client_context(who).get(), request, out);
}

ReportingFixture::Progress ReportingFixture::wait_for_progress(
    const std::string& campaign, const std::string& unit,
    const std::function<bool(const Progress&)>& done, const std::string& what, UnitView view,
    std::chrono::milliseconds timeout) const {
  const auto until = std::chrono::steady_clock::now() + timeout;
  Progress last;
  grpc::Status status;
  for (;;) {
    Progress p;
    status = progress(campaign, unit, view, &p);
    if (status.ok()) {
      last = p;
      if (done(p)) return p;
    } else if (status.error_code() != grpc::StatusCode::NOT_FOUND &&
               status.error_code() != grpc::StatusCode::FAILED_PRECONDITION) {
      ADD_FAILURE() << what << ": GetCampaignProgress failed (" << status.error_code()
                    << "): " << status.error_message();
      return last;
    }
    if (std::chrono::steady_clock::now() > until) {
      ADD_FAILURE() << what << " of " << (campaign.empty() ? campaign_ : campaign) << " for "
                    << (unit.empty() ? "the organising unit" : unit)
                    << " did not arrive in time; last answer: "
                    << (status.ok() ? last.ShortDebugString() : status.error_message());
      return last;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace vnn::testing
