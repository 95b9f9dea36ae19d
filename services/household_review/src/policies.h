#pragma once
// Who may call what. Unit scope (own commune; communes under a district) and which households
// a member organisation sees are checked in the handlers.

#include "vnn/platform/rpc/handler.h"

namespace vnn::household_review::policies {

using platform::auth::Role;
using platform::rpc::MethodPolicy;

inline const std::string kService = "vnn.household_review.v1.HouseholdReviewService/";

// Communes and social-affairs officers keep the registry of their own commune.
inline const MethodPolicy kRegisterHousehold{
    kService + "RegisterHousehold",
    {Role::kCommuneOfficer, Role::kSocialAffairsOfficer, Role::kDistrictOffice}};
inline const MethodPolicy kImportHouseholds{
    kService + "ImportHouseholds",
    {Role::kCommuneOfficer, Role::kSocialAffairsOfficer, Role::kDistrictOffice}};
inline const MethodPolicy kReadHouseholds{
    kService + "GetHousehold",
    {Role::kCommuneOfficer, Role::kSocialAffairsOfficer, Role::kDistrictOffice,
     Role::kMemberOrganisation, Role::kAuditor}};
inline const MethodPolicy kListHouseholds{
    kService + "ListHouseholds",
    {Role::kCommuneOfficer, Role::kSocialAffairsOfficer, Role::kDistrictOffice,
     Role::kMemberOrganisation, Role::kAuditor}};

inline const MethodPolicy kSubmitList{kService + "SubmitList", {Role::kCommuneOfficer}};
inline const MethodPolicy kResubmitHousehold{kService + "ResubmitHousehold",
                                             {Role::kCommuneOfficer}};
inline const MethodPolicy kOverrideLate{kService + "OverrideLateSubmission",
                                        {Role::kDistrictOffice}};
inline const MethodPolicy kReviewHousehold{kService + "ReviewHousehold", {Role::kDistrictOffice}};
inline const MethodPolicy kListCandidacies{
    kService + "ListCandidacies",
    {Role::kCommuneOfficer, Role::kSocialAffairsOfficer, Role::kDistrictOffice, Role::kAuditor}};
inline const MethodPolicy kRankApproved{
    kService + "RankApproved", {Role::kCommuneOfficer, Role::kDistrictOffice, Role::kAuditor}};

inline const MethodPolicy kCheckDuplicates{
    kService + "CheckDuplicates",
    {Role::kCommuneOfficer, Role::kSocialAffairsOfficer, Role::kDistrictOffice}};
inline const MethodPolicy kListDuplicates{
    kService + "ListDuplicateCandidates",
    {Role::kCommuneOfficer, Role::kSocialAffairsOfficer, Role::kDistrictOffice, Role::kAuditor}};
// Duplicates span communes: the district decides.
inline const MethodPolicy kResolveDuplicate{kService + "ResolveDuplicate", {Role::kDistrictOffice}};

inline const MethodPolicy kAssignHousehold{kService + "AssignHousehold", {Role::kDistrictOffice}};
inline const MethodPolicy kGetCoverage{
    kService + "GetCoverage", {Role::kCommuneOfficer, Role::kDistrictOffice, Role::kAuditor}};
inline const MethodPolicy kRecordOutcome{kService + "RecordOutcome",
                                         {Role::kCommuneOfficer, Role::kDistrictOffice}};
// Other VNN services and government systems: facts, never personal data.
inline const MethodPolicy kGetEligibility{
    kService + "GetEligibility",
    {Role::kService, Role::kIntegration, Role::kDistrictOffice, Role::kCommuneOfficer,
     Role::kAuditor}};

}  // namespace vnn::household_review::policies
