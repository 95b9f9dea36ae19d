#pragma once
// Who may call what. Unit scope and per-row visibility are checked in the handlers.

#include "vnn/platform/rpc/handler.h"

namespace vnn::donation::policies {

using platform::auth::Role;
using platform::rpc::MethodPolicy;

inline const std::string kService = "vnn.donation.v1.DonationService/";

inline const MethodPolicy kCreateFund{kService + "CreateFund", {Role::kDistrictOffice}};
// Whoever may create a fund may change it, for the funds of their units (in the handler).
inline const MethodPolicy kUpdateFund{kService + "UpdateFund", kCreateFund.roles};
inline const MethodPolicy kListFunds{
    kService + "ListFunds",
    {Role::kDistrictOffice, Role::kCommuneOfficer, Role::kMemberOrganisation, Role::kAgency,
     Role::kAuditor, Role::kIntegration, Role::kPublic, Role::kService}};
inline const MethodPolicy kCreateCampaign{kService + "CreateCampaign", {Role::kDistrictOffice}};
inline const MethodPolicy kUpdateCampaign{kService + "UpdateCampaign", {Role::kDistrictOffice}};
inline const MethodPolicy kGetCampaign{
    kService + "GetCampaign",
    {Role::kDistrictOffice, Role::kCommuneOfficer, Role::kSocialAffairsOfficer,
     Role::kMemberOrganisation, Role::kAgency, Role::kAuditor, Role::kIntegration, Role::kPublic,
     Role::kService}};
inline const MethodPolicy kCreateMobiliser{kService + "CreateMobiliser", {Role::kDistrictOffice}};
// A commune officer records only for its own commune's fund (unit scope, in the handler).
inline const MethodPolicy kRecordDonation{kService + "RecordDonation",
                                          {Role::kDistrictOffice, Role::kCommuneOfficer}};
// Direct support's household check, before RecordDonation's own pipeline: the same roles, its
// own name (metrics and logs tell the check from the call).
inline const MethodPolicy kCheckDirectSupport{kService + "RecordDonation/household-check",
                                              kRecordDonation.roles};
// Reversal is maker–checker: an officer asks, another officer of the fund's units decides (the
// handler refuses the requester); the auditor does neither.
inline const MethodPolicy kRequestReversal{kService + "RequestReversal",
                                           {Role::kDistrictOffice, Role::kCommuneOfficer}};
inline const MethodPolicy kDecideReversal{kService + "DecideReversal",
                                          {Role::kDistrictOffice, Role::kCommuneOfficer}};
// Member organisations and agencies read what they mobilised; auditors read everything.
inline const MethodPolicy kReadDonations{
    kService + "GetDonation",
    {Role::kDistrictOffice, Role::kCommuneOfficer, Role::kMemberOrganisation, Role::kAgency,
     Role::kAuditor, Role::kService}};
inline const MethodPolicy kListDonations{
    kService + "ListDonations",
    {Role::kDistrictOffice, Role::kCommuneOfficer, Role::kMemberOrganisation, Role::kAgency,
     Role::kAuditor, Role::kService}};
inline const MethodPolicy kGetReceipt{
    kService + "GetReceipt", {Role::kDistrictOffice, Role::kCommuneOfficer, Role::kAuditor}};
// A print (reprint = true) is a change — recorded, the first one the original — so the auditor,
// who changes nothing, may read a receipt but not print it. Same method name: the idempotency
// keys of earlier prints stay valid.
inline const MethodPolicy kPrintReceipt{kService + "GetReceipt",
                                        {Role::kDistrictOffice, Role::kCommuneOfficer}};
inline const MethodPolicy kGetCampaignTotals{
    kService + "GetCampaignTotals",
    {Role::kDistrictOffice, Role::kCommuneOfficer, Role::kMemberOrganisation, Role::kAuditor,
     Role::kIntegration, Role::kService}};

// Pledges follow the donation rules: recorded by the district office, or by a commune officer
// for its own commune's fund (unit scope, in the handler); read as donations are read.
inline const MethodPolicy kRecordPledge{kService + "RecordPledge",
                                        {Role::kDistrictOffice, Role::kCommuneOfficer}};
inline const MethodPolicy kGetPledge{
    kService + "GetPledge",
    {Role::kDistrictOffice, Role::kCommuneOfficer, Role::kMemberOrganisation, Role::kAgency,
     Role::kAuditor, Role::kService}};
inline const MethodPolicy kListPledges{
    kService + "ListPledges",
    {Role::kDistrictOffice, Role::kCommuneOfficer, Role::kMemberOrganisation, Role::kAgency,
     Role::kAuditor, Role::kService}};

// Who may read a donation reads its lines (the handler checks the donation itself).
inline const MethodPolicy kListPayrollLines{
    kService + "ListPayrollLines",
    {Role::kDistrictOffice, Role::kCommuneOfficer, Role::kAgency, Role::kAuditor}};
// Agencies import only their own staff lists (checked in the handler); officers import for
// funds in their units.
inline const MethodPolicy kImportDonations{
    kService + "ImportDonations", {Role::kDistrictOffice, Role::kCommuneOfficer, Role::kAgency}};

}  // namespace vnn::donation::policies
