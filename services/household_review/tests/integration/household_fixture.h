#pragma once
// The real vnn-household-review process against the test stack, and a real vnn-donation beside
// it: campaigns reach household review as the donation service's events, as in production.
// Two campaigns per test: one whose household lists are due in the future ("open") and one
// whose deadline has passed ("closed"). Households are in communes of Định Quán (736):
// Phú Túc 26242 and Phú Cường 26236 (codes not reused after the 2025 merger). Ids are unique per
// test.

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "vnn/donation/v1/donation.grpc.pb.h"
#include "vnn/household_review/v1/household_review.grpc.pb.h"
#include "vnn/platform/date.h"
#include "vnn/testing/calls.h"
#include "vnn/testing/service_process.h"

namespace vnn::testing {

class HouseholdFixture : public ::testing::Test {
 protected:
  using Role = platform::auth::Role;
  static constexpr const char* kPhuTuc = "26242";
  static constexpr const char* kPhuCuong = "26236";

  void SetUp() override;

  // A campaign of the district fund from 03/02/2024 to three months from now whose household
  // lists are due on `lists_due`; returns once household review has learned it.
  void create_campaign(const std::string& id, const platform::Date& lists_due);

  // Officers; the subject distinguishes maker from checker.
  std::string commune(const std::string& unit = kPhuTuc, const std::string& who = "cb-xa") const {
    return bearer_for(Role::kCommuneOfficer, {unit}, {}, who + "-" + unit);
  }
  std::string district(const std::string& who = "cb-huyen") const {
    return bearer_for(Role::kDistrictOffice, {"736"}, {}, who);
  }

  // A valid household; tests change what they need. Codes are unique per test.
  household_review::v1::Household household(const std::string& code, const std::string& unit,
                                            const std::string& head_name, int birth_year,
                                            const std::string& citizen_id = {},
                                            const std::string& hamlet = {}) const;
  // A valid citizen id for a person born in `birth_year` (1900–1999), unique per test: 075
  // (Đồng Nai), the century/sex digit, the year, and a random serial.
  std::string citizen_id(int birth_year, bool female = false) const;
  // Registers it as the commune officer of its unit; fails the test on error.
  household_review::v1::Household registered(const household_review::v1::Household& h);
  grpc::Status register_household(const household_review::v1::Household& h,
                                  household_review::v1::Household* out, const std::string& bearer,
                                  grpc::ClientContext* context = nullptr);

  household_review::v1::Submission submit(const std::string& campaign, const std::string& unit,
                                          const std::vector<std::int64_t>& ids);
  grpc::Status review(const std::string& campaign, std::int64_t id,
                      household_review::v1::ReviewDecision decision, const std::string& bearer,
                      household_review::v1::Candidacy* out = nullptr,
                      const std::string& reason = {});

  std::string scalar(const std::string& sql) const {
    return schema_scalar("household_review", sql);
  }
  std::string request_id(const std::string& what) {
    return what + "-" + suffix_ + "-" + std::to_string(++counter_);
  }

  std::unique_ptr<ServiceProcess> donation_;
  // Extra environment of the household-review process, set by a test class before SetUp().
  std::map<std::string, std::string> service_env_;
  // The environment the household-review process was started with (for a second replica).
  std::map<std::string, std::string> process_env_;
  std::unique_ptr<ServiceProcess> process_;
  std::unique_ptr<household_review::v1::HouseholdReviewService::Stub> stub_;
  std::unique_ptr<donation::v1::DonationService::Stub> donations_;
  std::string fund_;  // the district fund, taking part in both campaigns
  std::string suffix_;
  std::string open_campaign_, closed_campaign_;
  std::string hamlet_;  // unique per test, so fuzzy matches never reach another test's rows
  int counter_ = 0;
};

}  // namespace vnn::testing
