#pragma once
// The CSV files the runner imports, in the formats of docs/import-formats.md.

#include <string>
#include <vector>

#include "scenario/scenario.h"

namespace vnn::campaign {

// A commune's household list (ImportHouseholds): one row per person, head first.
std::string household_list_csv(const std::vector<const Household*>& households);
// An agency's payroll list (ImportDonations, format payroll).
std::string payroll_csv(const PayrollList& list);

}  // namespace vnn::campaign
