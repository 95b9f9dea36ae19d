#pragma once
// The four services the campaign talks to, one channel each.

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "vnn/allocation/v1/allocation.grpc.pb.h"
#include "vnn/donation/v1/donation.grpc.pb.h"
#include "vnn/household_review/v1/household_review.grpc.pb.h"
#include "vnn/reporting/v1/reporting.grpc.pb.h"

namespace vnn::campaign {

struct Targets {
  std::string donation = "127.0.0.1:17051";
  std::string household_review = "127.0.0.1:17052";
  std::string allocation = "127.0.0.1:17053";
  std::string reporting = "127.0.0.1:17054";
};

struct Services {
  // Plaintext: the campaign runs on loopback beside the services it starts (deploy/local/up.sh,
  // the acceptance tests). Remote services are for vnnctl, which speaks TLS.
  explicit Services(const Targets& targets);

  std::unique_ptr<donation::v1::DonationService::Stub> donation;
  std::unique_ptr<household_review::v1::HouseholdReviewService::Stub> household_review;
  std::unique_ptr<allocation::v1::AllocationService::Stub> allocation;
  std::unique_ptr<reporting::v1::ReportingService::Stub> reporting;
};

}  // namespace vnn::campaign
