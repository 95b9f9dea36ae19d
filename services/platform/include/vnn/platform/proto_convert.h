#pragma once
// Conversions between the platform's plain types and the common protobuf messages, in one
// place: handlers convert at the edge and give domain rules plain values.

#include <optional>
#include <string_view>

#include "vnn/common/v1/admin_unit.pb.h"
#include "vnn/common/v1/date.pb.h"
#include "vnn/common/v1/money.pb.h"
#include "vnn/platform/date.h"
#include "vnn/platform/money.h"
#include "vnn/platform/units/admin_unit_tree.h"

namespace vnn::platform {

// An unset date means today in Vietnam; a set but impossible one is INVALID_ARGUMENT on `field`.
Date date_or_today(const common::v1::Date& date, std::string_view field);
// A date the request must carry: INVALID_ARGUMENT on `field` when unset or impossible.
Date required_date(const common::v1::Date& date, std::string_view field);
// The date as sent, checked by nothing: for dates read back from storage or already checked.
Date from_proto(const common::v1::Date& date);
// An unset date (all zero) as nullopt; a set but impossible one is INVALID_ARGUMENT on `field`.
std::optional<Date> optional_date(const common::v1::Date& date, std::string_view field);
void to_proto(const Date& date, common::v1::Date* out);
inline money::Dong from_proto(const common::v1::Money& money) { return money.dong(); }
inline void to_proto(money::Dong dong, common::v1::Money* out) { out->set_dong(dong); }
void to_proto(const units::AdminUnit& unit, common::v1::AdminUnit* out);

}  // namespace vnn::platform
