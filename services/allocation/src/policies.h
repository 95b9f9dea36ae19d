#pragma once
// Who may call what. Which units (the household's commune, the fund's unit) and which
// households (a member organisation's own) are checked in the handlers, inside the queries.

#include "vnn/platform/rpc/handler.h"

namespace vnn::allocation::policies {

using platform::auth::Role;
using platform::rpc::MethodPolicy;

inline const std::string kService = "vnn.allocation.v1.AllocationService/";

inline const MethodPolicy kGetRegulation{
    kService + "GetRegulation",
    {Role::kDistrictOffice, Role::kCommuneOfficer, Role::kSocialAffairsOfficer,
     Role::kMemberOrganisation, Role::kAuditor, Role::kIntegration, Role::kPublic, Role::kService}};

// Communes propose for their households; member organisations for the households assigned to
// them; the district for any household below it.
inline const MethodPolicy kProposeSupport{
    kService + "ProposeSupport",
    {Role::kCommuneOfficer, Role::kMemberOrganisation, Role::kDistrictOffice}};
// Whoever keeps the fund approves and hands over from it: the district office from the
// district fund, a commune officer from the commune's (checked per fund part).
inline const MethodPolicy kApproveSupport{kService + "ApproveSupport",
                                          {Role::kDistrictOffice, Role::kCommuneOfficer}};
inline const MethodPolicy kPreviewBatch{
    kService + "PreviewBatchApproval",
    {Role::kDistrictOffice, Role::kCommuneOfficer, Role::kAuditor}};
inline const MethodPolicy kApproveBatch{kService + "ApproveBatch",
                                        {Role::kDistrictOffice, Role::kCommuneOfficer}};
inline const MethodPolicy kDisburseSupport{kService + "DisburseSupport",
                                           {Role::kDistrictOffice, Role::kCommuneOfficer}};
inline const MethodPolicy kCompleteSupport{
    kService + "CompleteSupport",
    {Role::kDistrictOffice, Role::kCommuneOfficer, Role::kMemberOrganisation}};
inline const MethodPolicy kCancelSupport{kService + "CancelSupport",
                                         {Role::kDistrictOffice, Role::kCommuneOfficer}};
inline const MethodPolicy kGetSupport{
    kService + "GetSupport",
    {Role::kDistrictOffice, Role::kCommuneOfficer, Role::kMemberOrganisation, Role::kAuditor}};
inline const MethodPolicy kListSupports{
    kService + "ListSupports",
    {Role::kDistrictOffice, Role::kCommuneOfficer, Role::kMemberOrganisation, Role::kAuditor}};

inline const MethodPolicy kGetFundBalance{
    kService + "GetFundBalance", {Role::kDistrictOffice, Role::kCommuneOfficer, Role::kAuditor}};
inline const MethodPolicy kListFundBalances{
    kService + "ListFundBalances", {Role::kDistrictOffice, Role::kCommuneOfficer, Role::kAuditor}};
inline const MethodPolicy kListLedgerPostings{
    kService + "ListLedgerPostings",
    {Role::kDistrictOffice, Role::kCommuneOfficer, Role::kAuditor}};
inline const MethodPolicy kVerifyLedger{kService + "VerifyLedger",
                                        {Role::kDistrictOffice, Role::kAuditor}};
// The reporting service (and auditors) reconcile against these.
inline const MethodPolicy kGetAllocationTotals{
    kService + "GetAllocationTotals", {Role::kService, Role::kDistrictOffice, Role::kAuditor}};

}  // namespace vnn::allocation::policies
