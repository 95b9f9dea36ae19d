// Which keys may sign for which roles, and what a service token allows, against the real
// household-review process. Household review trusts two keys: the issuer's (officers' roles)
// and the donation service's own (role service, issuer "donation"). Donation's token names
// household review as its audience and GetEligibility as the only method it may call.

#include "household_fixture.h"
#include "vnn/platform/auth/token_minter.h"
#include "vnn/testing/test_tokens.h"

namespace vnn::testing {
namespace {

namespace v1 = household_review::v1;
using platform::auth::Principal;
using platform::auth::Role;
using platform::auth::TokenMinter;

class ServiceTokenTest : public HouseholdFixture {
 protected:
  TokenMinter officers_key(const std::string& issuer) const {
    return TokenMinter(platform::auth::load_signing_key(test_tokens().key_spec()), issuer, "vnn");
  }
  TokenMinter donation_key(const std::string& issuer) const {
    return TokenMinter(platform::auth::load_signing_key(test_tokens().service_key_spec()), issuer,
                       "vnn");
  }
  static Principal service(std::vector<std::string> methods = {"GetEligibility"}) {
    Principal p;
    p.subject = "service:donation";
    p.role = Role::kService;
    p.methods = std::move(methods);
    return p;
  }
  static Principal district_office() {
    Principal p;
    p.subject = "cb-huyen";
    p.role = Role::kDistrictOffice;
    p.unit_codes = {"736"};
    return p;
  }
  grpc::StatusCode eligibility(const std::string& bearer) const {
    v1::GetEligibilityRequest ask;
    ask.set_household_id(987654321);
    ask.set_campaign_id(open_campaign_);
    v1::Eligibility facts;
    return stub_->GetEligibility(client_context(bearer).get(), ask, &facts).error_code();
  }
  grpc::StatusCode rank(const std::string& bearer) const {
    v1::RankApprovedRequest request;
    request.set_campaign_id(open_campaign_);
    request.set_unit_code(kPhuTuc);
    v1::RankApprovedResponse ranked;
    return stub_->RankApproved(client_context(bearer).get(), request, &ranked).error_code();
  }
  static std::string bearer(const std::string& token) { return "Bearer " + token; }
};

TEST_F(ServiceTokenTest, DonationTokenForHouseholdReviewAsksEligibilityAndNothingElse) {
  const std::string token = test_tokens().service_bearer("household-review", {"GetEligibility"});
  EXPECT_EQ(eligibility(token), grpc::StatusCode::OK);
  // RankApproved used to let every service in; ranking is not what donation needs.
  EXPECT_EQ(rank(token), grpc::StatusCode::PERMISSION_DENIED);
  // A token asking for more than the policy gives gets no more.
  EXPECT_EQ(rank(test_tokens().service_bearer("household-review", {"RankApproved"})),
            grpc::StatusCode::PERMISSION_DENIED);
  // A scope not naming the method is refused even where services may call.
  EXPECT_EQ(eligibility(test_tokens().service_bearer("household-review", {"RankApproved"})),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(ServiceTokenTest, ServiceTokenForTheSharedAudienceOrAnotherServiceIsRefused) {
  EXPECT_EQ(eligibility(test_tokens().service_bearer("vnn", {"GetEligibility"})),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(eligibility(test_tokens().service_bearer("donation", {"GetEligibility"})),
            grpc::StatusCode::UNAUTHENTICATED);
  // Minted the old way: shared audience, no scope.
  Principal old = service({});
  EXPECT_EQ(eligibility(bearer(donation_key("donation").mint(old, std::chrono::minutes(5)))),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(ServiceTokenTest, KeyThatMayNotSignARoleMakesTheTokenUnauthenticated) {
  // The officers' issuer key cannot make service tokens …
  EXPECT_EQ(
      eligibility(bearer(
          officers_key("donation").mint(service(), std::chrono::minutes(5), "household-review"))),
      grpc::StatusCode::UNAUTHENTICATED);
  // … and a service's own key cannot make officers' tokens, under any issuer.
  for (const std::string issuer : {"vnn-local", "donation"}) {
    EXPECT_EQ(rank(bearer(donation_key(issuer).mint(district_office(), std::chrono::minutes(5)))),
              grpc::StatusCode::UNAUTHENTICATED)
        << issuer;
  }
  // The donation key's tokens name donation as issuer and subject.
  Principal other = service();
  other.subject = "service:household-review";
  EXPECT_EQ(eligibility(bearer(
                donation_key("donation").mint(other, std::chrono::minutes(5), "household-review"))),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(eligibility(bearer(donation_key("household-review")
                                   .mint(service(), std::chrono::minutes(5), "household-review"))),
            grpc::StatusCode::UNAUTHENTICATED);
  // The officers' key still signs officers' tokens.
  EXPECT_EQ(rank(district()), grpc::StatusCode::OK);
}

}  // namespace
}  // namespace vnn::testing
