#pragma once
// The problems an import reports per row, worded for the officer who fixes the file: in
// Vietnamese from the problem's code and column, or the service's English reason on request.

#include <string>

#include "vnn/common/v1/import.pb.h"

namespace vnn::cli {

enum class ImportKind { kDonations, kHouseholds };

std::string import_problem_text(ImportKind kind, const common::v1::RowProblem& problem,
                                bool english);

}  // namespace vnn::cli
