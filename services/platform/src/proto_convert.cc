#include "vnn/platform/proto_convert.h"

#include "vnn/platform/errors.h"

namespace vnn::platform {
namespace {

common::v1::AdminUnitKind kind_to_proto(units::UnitKind kind) {
  using units::UnitKind;
  switch (kind) {
    case UnitKind::kProvince:
      return common::v1::ADMIN_UNIT_KIND_PROVINCE;
    case UnitKind::kCity:
      return common::v1::ADMIN_UNIT_KIND_CITY;
    case UnitKind::kDistrict:
      return common::v1::ADMIN_UNIT_KIND_DISTRICT;
    case UnitKind::kTownship:
      return common::v1::ADMIN_UNIT_KIND_TOWNSHIP;
    case UnitKind::kCommune:
      return common::v1::ADMIN_UNIT_KIND_COMMUNE;
    case UnitKind::kWard:
      return common::v1::ADMIN_UNIT_KIND_WARD;
  }
  return common::v1::ADMIN_UNIT_KIND_UNSPECIFIED;
}

}  // namespace

Date date_or_today(const common::v1::Date& date, std::string_view field) {
  if (date.year() == 0 && date.month() == 0 && date.day() == 0) {
    return Date::today_in_vietnam();
  }
  Date out{date.year(), date.month(), date.day()};
  if (!out.valid()) throw invalid_argument(std::string(field), "is not a calendar date");
  return out;
}

Date required_date(const common::v1::Date& date, std::string_view field) {
  Date out{date.year(), date.month(), date.day()};
  if (!out.valid()) {
    throw invalid_argument(std::string(field), "is required and must be a calendar date");
  }
  return out;
}

Date from_proto(const common::v1::Date& date) { return {date.year(), date.month(), date.day()}; }

std::optional<Date> optional_date(const common::v1::Date& date, std::string_view field) {
  if (date.year() == 0 && date.month() == 0 && date.day() == 0) return std::nullopt;
  const Date out = from_proto(date);
  if (!out.valid()) throw invalid_argument(std::string(field), "is not a calendar date");
  return out;
}

void to_proto(const Date& date, common::v1::Date* out) {
  out->set_year(date.year);
  out->set_month(date.month);
  out->set_day(date.day);
}

void to_proto(const units::AdminUnit& unit, common::v1::AdminUnit* out) {
  out->set_code(unit.code);
  out->set_name(unit.name);
  out->set_kind(kind_to_proto(unit.kind));
  out->set_parent_code(unit.parent_code);
  if (unit.valid_from) to_proto(*unit.valid_from, out->mutable_valid_from());
  if (unit.valid_to) to_proto(*unit.valid_to, out->mutable_valid_to());
  out->set_successor_code(unit.successor_code);
}

}  // namespace vnn::platform
