#pragma once
// The real vnn-donation process against the test stack, with the seed campaign's shape: the
// district fund of Định Quán (736) with its bank account, a commune fund (Phú Túc, 26242), the
// peak period 03/02–19/05/2024, and a member organisation. Ids are unique per test.

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "vnn/donation/v1/donation.grpc.pb.h"
#include "vnn/testing/service_process.h"
#include "vnn/testing/test_stack.h"
#include "vnn/testing/test_tokens.h"

namespace vnn::testing {

class DonationFixture : public ::testing::Test {
 protected:
  using Role = platform::auth::Role;

  void SetUp() override;

  std::string token(Role role, std::vector<std::string> units = {}, std::string org = {},
                    std::string subject = "officer") const;
  // The district office of Định Quán (acts for 736 and the communes below it).
  std::string district() const { return token(Role::kDistrictOffice, {"736"}); }

  std::unique_ptr<grpc::ClientContext> as(const std::string& bearer) const;

  // A valid cash donation into the district fund; tests change what they need.
  donation::v1::RecordDonationRequest cash(std::int64_t dong, const std::string& request_id) const;

  grpc::Status record(const donation::v1::RecordDonationRequest& request,
                      donation::v1::Donation* out, const std::string& bearer = {}) const;

  // Reverses a donation the maker–checker way: `asked` by the district's "officer", approved
  // by the district's "checker". The status of the first step that failed; `reversal` is the
  // posted reversal.
  grpc::Status reverse_donation(const donation::v1::RequestReversalRequest& asked,
                                donation::v1::Donation* reversal) const;

  // Streams an import (header, then `csv` in small pieces, so rows straddle messages).
  // Streams `csv` in pieces of `piece_bytes` (small by default, so rows straddle messages).
  grpc::Status import(const donation::v1::ImportHeader& header, const std::string& csv,
                      donation::v1::ImportReport* report, const std::string& bearer = {},
                      std::size_t piece_bytes = 7) const;

  // Query as the superuser, in the donation schema; first column of the first row.
  std::string scalar(const std::string& sql) const;

  static std::string field_of(const grpc::ClientContext& context);

  // Extra environment of the service process, set by a test class before SetUp().
  std::map<std::string, std::string> service_env_;
  std::unique_ptr<ServiceProcess> process_;
  std::unique_ptr<donation::v1::DonationService::Stub> stub_;
  std::string suffix_;
  std::string district_fund_, commune_fund_, campaign_, mobiliser_;
  std::string district_account_, commune_account_;
};

}  // namespace vnn::testing
