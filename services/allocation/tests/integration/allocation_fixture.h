#pragma once
// The real vnn-allocation process against the test stack, with the real vnn-donation and
// vnn-household-review beside it, wired as in production:
//   - funds, campaigns, donations and reversals are made in the donation service and reach
//     allocation as its events (so a test waits for a balance: wait_for_balance);
//   - households are registered, submitted and approved in household review, which allocation
//     asks (GetEligibility, with its own service token) at proposal and approval.
// Each test gets a campaign of Định Quán (736) with three funds taking part: the district fund
// and the funds of the communes Phú Túc (26242) and Phú Cường (26236). Ids are unique per test.
//
// Thread safety: every helper that only calls the services (donate, reverse, propose, approve,
// disburse, complete, cancel, balance, the bearers, request_id) may be called from many
// threads at once; the ones that set up households and campaigns are for the test's thread.
// Helpers that "fail the test" use gtest's non-fatal EXPECT/ADD_FAILURE and return an empty
// value, so they are safe in threads too.

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "vnn/allocation/v1/allocation.grpc.pb.h"
#include "vnn/donation/v1/donation.grpc.pb.h"
#include "vnn/household_review/v1/household_review.grpc.pb.h"
#include "vnn/platform/date.h"
#include "vnn/platform/rpc/error_details.h"
#include "vnn/testing/calls.h"
#include "vnn/testing/service_process.h"

namespace vnn::testing {

class AllocationFixture : public ::testing::Test {
 protected:
  using Role = platform::auth::Role;
  using Support = allocation::v1::Support;
  using SupportKind = allocation::v1::SupportKind;
  static constexpr const char* kDistrict = "736";  // Định Quán
  static constexpr const char* kPhuTuc = "26242";
  static constexpr const char* kPhuCuong = "26236";

  void SetUp() override;

  // ---- Officers. The subject tells maker from checker: a support's approver must differ from
  // its proposer, and a reversal's decider from its requester.
  std::string district(const std::string& who = "cb-huyen") const {
    return bearer_for(Role::kDistrictOffice, {kDistrict}, {}, who);
  }
  std::string commune(const std::string& unit = kPhuTuc, const std::string& who = "cb-xa") const {
    return bearer_for(Role::kCommuneOfficer, {unit}, {}, who + "-" + unit);
  }
  std::string auditor() const { return bearer_for(Role::kAuditor, {kDistrict}, {}, "kiem-toan"); }

  // ---- Campaigns and funds (in the donation service).
  // The fund of a unit taking part in every campaign of the test: kDistrict, kPhuTuc or
  // kPhuCuong.
  const std::string& fund_of(const std::string& unit) const { return funds_.at(unit); }
  const std::string& district_fund() const { return fund_of(kDistrict); }
  const std::string& commune_fund(const std::string& unit = kPhuTuc) const { return fund_of(unit); }
  // The source a fund part from `fund_id` has (district or commune fund).
  allocation::v1::FundingSource source_of(const std::string& fund_id) const;
  // Another campaign with the same three funds, known to household review and allocation when
  // it returns (a household list can be submitted once per commune and campaign, so a test
  // that needs more households of a commune later makes another campaign). Test thread only.
  // Its lists are due `lists_due` (default: in 30 days); `results_due` adds the results report's
  // deadline.
  std::string add_campaign(std::optional<platform::Date> lists_due = std::nullopt,
                           std::optional<platform::Date> results_due = std::nullopt);
  // The day `days` from today in Vietnam (negative: before).
  static platform::Date days_from_today(int days);

  // ---- Money (donation service; reaches allocation as events).
  // A cash donation of `dong` into `fund_id` for `campaign` (default: the test's); fails the test
  // and returns an empty donation on error.
  donation::v1::Donation donate(const std::string& fund_id, std::int64_t dong,
                                const std::string& campaign = {});
  // Reverses a donation maker–checker (asked by the district's "cb-huyen", approved by its
  // "checker"); `reversal` is the posted reversal (negative amount).
  grpc::Status reverse(std::int64_t donation_id, donation::v1::Donation* reversal = nullptr);

  // ---- Households (household review). Registers `n` poor households with temporary housing in
  // commune `unit` (each in a hamlet of its own, so none is a duplicate of another), submits them
  // as the commune's list for `campaign` (default: the test's) and approves each as the
  // district. A commune's list can be submitted once per campaign: call this once per
  // (unit, campaign). Returns their ids; fails the test on error. Test thread only.
  std::vector<std::int64_t> approved_households(const std::string& unit, int n,
                                                const std::string& campaign = {});
  std::int64_t approved_household(const std::string& unit, const std::string& campaign = {}) {
    const auto ids = approved_households(unit, 1, campaign);
    return ids.empty() ? 0 : ids.front();
  }
  // The commune of a household this fixture registered.
  std::string unit_of(std::int64_t household_id) const;

  // ---- Supports (allocation). A proposal of one fund part of `dong` from `fund_id` for the
  // household (campaign default: the test's); HOUSE kinds get a land use certificate.
  allocation::v1::ProposeSupportRequest support_request(std::int64_t household_id, SupportKind kind,
                                                        const std::string& fund_id,
                                                        std::int64_t dong,
                                                        const std::string& campaign = {});
  // The wrappers call as `bearer`; empty: the default officer. Proposer: the commune officer
  // "cb-xa" of the household's commune. Approver, disburser, completer and canceller: the
  // checker — the district's "checker" when a part comes from the district fund, else the
  // commune's "checker". `out` may be null.
  grpc::Status propose(const allocation::v1::ProposeSupportRequest& request, Support* out,
                       const std::string& bearer = {});
  grpc::Status approve(std::int64_t support_id, Support* out = nullptr,
                       const std::string& bearer = {});
  // Disburses every fund part in full, or `partial` (fund id → amount handed over).
  grpc::Status disburse(std::int64_t support_id, Support* out = nullptr,
                        const std::map<std::string, std::int64_t>& partial = {},
                        const std::string& bearer = {});
  grpc::Status complete(std::int64_t support_id, Support* out = nullptr,
                        const std::string& bearer = {});
  grpc::Status cancel(std::int64_t support_id, Support* out = nullptr,
                      const std::string& reason = "Hộ đã chuyển đi nơi khác",
                      const std::string& bearer = {});
  // propose + approve; the approved support (empty on error, which fails the test).
  Support approved_support(std::int64_t household_id, SupportKind kind, const std::string& fund_id,
                           std::int64_t dong);
  // The checker a support's approval needs (see above).
  std::string checker_for(std::int64_t support_id) const;

  // ---- The ledger.
  grpc::Status balance(const std::string& fund_id, allocation::v1::FundBalance* out) const;
  // Polls GetFundBalance until `done` holds (NOT_FOUND counts as not yet); the last balance.
  // On timeout fails the test with `what` and the last balance seen.
  allocation::v1::FundBalance wait_for_balance(
      const std::string& fund_id,
      const std::function<bool(const allocation::v1::FundBalance&)>& done,
      const std::string& what = "balance",
      std::chrono::milliseconds timeout = std::chrono::seconds(20)) const;
  // Waits until the fund's received − reversed equals `net` (its donations have arrived).
  allocation::v1::FundBalance wait_for_net_received(const std::string& fund_id,
                                                    std::int64_t net) const;
  // VerifyLedger as the auditor; fails the test unless balanced && matches.
  allocation::v1::LedgerVerification verify_ledger(const std::string& fund_id) const;
  // Every posting of a fund, all pages.
  std::vector<allocation::v1::LedgerPosting> postings(const std::string& fund_id) const;

  // ---- Errors and databases.
  static platform::rpc::ErrorDetails details(const grpc::Status& status) {
    return platform::rpc::read_error_details(status);
  }
  // First column of the first row, as the superuser, in the allocation / donation / household
  // review schema.
  std::string scalar(const std::string& sql) const { return schema_scalar("allocation", sql); }
  std::string donation_scalar(const std::string& sql) const {
    return schema_scalar("donation", sql);
  }
  std::string household_scalar(const std::string& sql) const {
    return schema_scalar("household_review", sql);
  }
  // "<what>-<suffix>-<n>", unique per test; thread safe.
  std::string request_id(const std::string& what) {
    return what + "-" + suffix_ + "-" + std::to_string(++counter_);
  }

  // Extra environment of the allocation process, set by a test class before SetUp().
  std::map<std::string, std::string> service_env_;
  std::unique_ptr<ServiceProcess> household_review_;
  std::unique_ptr<ServiceProcess> donation_;
  std::unique_ptr<ServiceProcess> allocation_;
  std::unique_ptr<allocation::v1::AllocationService::Stub> stub_;
  std::unique_ptr<donation::v1::DonationService::Stub> donations_;
  std::unique_ptr<household_review::v1::HouseholdReviewService::Stub> households_;
  std::string suffix_;
  std::string campaign_;                      // the test's campaign
  std::map<std::string, std::string> funds_;  // unit → fund id

 private:
  void wait_for_campaign(const std::string& campaign);

  std::atomic<int> counter_{0};
  int campaigns_ = 0;
  int households_made_ = 0;
  mutable std::mutex mutex_;
  std::map<std::int64_t, std::string> household_units_;  // household → commune
  std::map<std::int64_t, std::string> checkers_;         // support → its checker's bearer
};

}  // namespace vnn::testing
