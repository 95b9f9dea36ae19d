#pragma once
// What the donation benches set up through the service's own API before they measure: the fund
// of Định Quán (or several), the peak campaign, an agency that collects from its staff.

#include <chrono>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "vnn/donation/v1/donation.grpc.pb.h"

namespace vnn::testing {

struct DonationSeed {
  std::vector<std::string> fund_ids;
  std::string campaign_id;
};

// The environment vnn-donation runs with against the bench's stack (a fresh donor-id key file).
std::map<std::string, std::string> donation_service_env(int pool_size);

// A district officer of Định Quán (736), valid long enough for any run: an expired token would
// show up as errors, not as a figure.
std::string district_officer_bearer();

// A call context carrying `bearer`, with a deadline long enough for any setup call.
std::unique_ptr<grpc::ClientContext> bench_context(const std::string& bearer,
                                                   std::chrono::seconds deadline);

void set_date(common::v1::Date* date, int year, int month, int day);

// `funds` funds of district 736 and the peak campaign 03/02–19/05/2024 they take part in, under
// names unique to this run (the stack outlives runs).
DonationSeed seed_funds_and_campaign(donation::v1::DonationService::Stub& stub,
                                     const std::string& bearer, int funds);

// An agency of district 736 that collects payroll lists; returns its id.
std::string seed_agency(donation::v1::DonationService::Stub& stub, const std::string& bearer);

}  // namespace vnn::testing
