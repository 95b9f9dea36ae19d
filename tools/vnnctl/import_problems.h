#pragma once
// The problems an import reports per row (vnn.common.v1.RowProblem, the same for every
// service), worded for the officer who fixes the file: in Vietnamese from the problem's code
// and column, or the service's English reason on request.

#include <string>

namespace vnn::cli {

enum class ImportKind { kDonations, kHouseholds };

std::string import_problem_text(ImportKind kind, const std::string& code, const std::string& field,
                                const std::string& reason, bool english);

}  // namespace vnn::cli
