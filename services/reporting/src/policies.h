#pragma once
// Who may call what. Which units a caller sees is checked in the handlers: commune officers
// their commune, district officers their district, auditors everything; the public only the
// disclosure.

#include "vnn/platform/rpc/handler.h"

namespace vnn::reporting::policies {

using platform::auth::Role;
using platform::rpc::MethodPolicy;

inline const std::string kService = "vnn.reporting.v1.ReportingService/";

inline const std::vector<Role> kOfficers{Role::kDistrictOffice, Role::kCommuneOfficer,
                                         Role::kSocialAffairsOfficer, Role::kAuditor};

inline const MethodPolicy kGetCampaignProgress{kService + "GetCampaignProgress", kOfficers};
inline const MethodPolicy kWatchCampaignProgress{kService + "WatchCampaignProgress", kOfficers};
inline const MethodPolicy kListLaggingUnits{kService + "ListLaggingUnits", kOfficers};
inline const MethodPolicy kGetFinalReport{kService + "GetFinalReport", kOfficers};
inline const MethodPolicy kExportFinalReport{kService + "ExportFinalReport", kOfficers};
inline const MethodPolicy kSubmitResultsReport{kService + "SubmitResultsReport",
                                               {Role::kCommuneOfficer, Role::kDistrictOffice}};
inline const MethodPolicy kGetCommendation{kService + "GetCommendation", kOfficers};
// Public disclosure: anyone, the public included; personal data never leaves.
inline const MethodPolicy kGetDisclosure{
    kService + "GetDisclosure",
    {Role::kPublic, Role::kDistrictOffice, Role::kCommuneOfficer, Role::kSocialAffairsOfficer,
     Role::kMemberOrganisation, Role::kAgency, Role::kAuditor, Role::kIntegration}};
inline const MethodPolicy kReconcile{kService + "Reconcile",
                                     {Role::kDistrictOffice, Role::kAuditor}};

}  // namespace vnn::reporting::policies
