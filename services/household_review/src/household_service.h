#pragma once
// gRPC handlers of vnn.household_review.v1.HouseholdReviewService. Each passes through the
// platform's request pipeline (authentication, roles, idempotency, audit); SQL is in statements.cc.

#include "household_settings.h"
#include "personal_data.h"
#include "vnn/household_review/v1/household_review.grpc.pb.h"
#include "vnn/platform/rpc/call_context.h"
#include "vnn/platform/rpc/service_context.h"

namespace vnn::household_review {

class HouseholdReviewServiceImpl final : public v1::HouseholdReviewService::Service {
 public:
  HouseholdReviewServiceImpl(platform::rpc::ServiceContext& context,
                             const HouseholdSettings& settings)
      : context_(context), settings_(settings), vault_(settings) {}

  // Registry (registry_handlers.cc, import_handlers.cc)
  grpc::Status RegisterHousehold(grpc::ServerContext*, const v1::RegisterHouseholdRequest*,
                                 v1::Household*) override;
  grpc::Status ImportHouseholds(grpc::ServerContext*,
                                grpc::ServerReader<v1::ImportHouseholdsChunk>*,
                                v1::ImportHouseholdsReport*) override;
  grpc::Status GetHousehold(grpc::ServerContext*, const v1::GetHouseholdRequest*,
                            v1::Household*) override;
  grpc::Status ListHouseholds(grpc::ServerContext*, const v1::ListHouseholdsRequest*,
                              v1::ListHouseholdsResponse*) override;

  // Submissions and review (review_handlers.cc)
  grpc::Status SubmitList(grpc::ServerContext*, const v1::SubmitListRequest*,
                          v1::Submission*) override;
  grpc::Status OverrideLateSubmission(grpc::ServerContext*,
                                      const v1::OverrideLateSubmissionRequest*,
                                      v1::Submission*) override;
  grpc::Status ResubmitHousehold(grpc::ServerContext*, const v1::ResubmitHouseholdRequest*,
                                 v1::Candidacy*) override;
  grpc::Status ReviewHousehold(grpc::ServerContext*, const v1::ReviewHouseholdRequest*,
                               v1::Candidacy*) override;
  grpc::Status ListCandidacies(grpc::ServerContext*, const v1::ListCandidaciesRequest*,
                               v1::ListCandidaciesResponse*) override;
  grpc::Status RankApproved(grpc::ServerContext*, const v1::RankApprovedRequest*,
                            v1::RankApprovedResponse*) override;

  // Duplicates (duplicate_handlers.cc)
  grpc::Status CheckDuplicates(grpc::ServerContext*, const v1::CheckDuplicatesRequest*,
                               v1::CheckDuplicatesResponse*) override;
  grpc::Status ListDuplicateCandidates(grpc::ServerContext*,
                                       const v1::ListDuplicateCandidatesRequest*,
                                       v1::ListDuplicateCandidatesResponse*) override;
  grpc::Status ResolveDuplicate(grpc::ServerContext*, const v1::ResolveDuplicateRequest*,
                                v1::DuplicateCandidate*) override;

  // Assignment, coverage, outcomes, eligibility (assignment_handlers.cc)
  grpc::Status AssignHousehold(grpc::ServerContext*, const v1::AssignHouseholdRequest*,
                               v1::Assignment*) override;
  grpc::Status GetCoverage(grpc::ServerContext*, const v1::GetCoverageRequest*,
                           v1::Coverage*) override;
  grpc::Status RecordOutcome(grpc::ServerContext*, const v1::RecordOutcomeRequest*,
                             v1::Outcome*) override;
  grpc::Status GetEligibility(grpc::ServerContext*, const v1::GetEligibilityRequest*,
                              v1::Eligibility*) override;

 private:
  platform::rpc::ServiceContext& context_;
  const HouseholdSettings& settings_;
  PersonalDataVault vault_;
};

// The scope rules of rules/scope.h applied to a call (scope.cc).
// The reference date of a unit code (codes are reused after mergers; see AdminUnitTree).
platform::Date unit_date(const platform::rpc::ServiceContext& service, const std::string& code);
// INVALID_ARGUMENT on `field` unless `code` is a commune, ward or township; PERMISSION_DENIED
// outside the caller's scope.
void require_commune(const platform::rpc::CallContext& call, const std::string& field,
                     const std::string& code);
// PERMISSION_DENIED unless the caller acts for the household's unit.
void require_scope(const platform::rpc::CallContext& call, const std::string& unit_code);
// Whether the caller may see this household at all: its unit in the caller's scope, or — for a
// member organisation — assigned to it in some campaign.
bool may_see_household(const platform::rpc::CallContext& call, pqxx::transaction_base& tx,
                       std::int64_t household_id, const std::string& unit_code);

}  // namespace vnn::household_review
