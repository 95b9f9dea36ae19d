#pragma once
// How officers read numbers and dates: "1.500.000 đ", "03/02/2024".

#include <cstdint>
#include <string>

#include "vnn/common/v1/date.pb.h"

namespace vnn::cli {

// Whole đồng with dots between thousands, as written in Vietnam.
std::string format_dong(std::int64_t dong);
std::string format_date(const common::v1::Date& date);  // dd/mm/yyyy; empty when unset
// Parses YYYY-MM-DD; throws CLI::ValidationError naming `option` otherwise.
common::v1::Date parse_date_option(const std::string& text, const std::string& option);

}  // namespace vnn::cli
