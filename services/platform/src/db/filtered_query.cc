#include "vnn/platform/db/filtered_query.h"

#include "vnn/platform/db/arrays.h"

namespace vnn::platform::db {
namespace {

// A date[] literal: ISO days, NULL for an open bound.
std::string date_array(const std::vector<std::optional<Date>>& days) {
  std::string out = "{";
  for (std::size_t i = 0; i < days.size(); ++i) {
    if (i > 0) out += ",";
    out += days[i] ? days[i]->iso() : "NULL";
  }
  return out + "}";
}

}  // namespace

FilteredQuery::FilteredQuery(std::string select_from, std::string id_column, std::int64_t after_id)
    : sql_(std::move(select_from)), id_column_(std::move(id_column)) {
  sql_ += " WHERE " + id_column_ + " > " + param(std::to_string(after_id));
}

std::string FilteredQuery::param(std::string value) {
  params_.push_back(std::move(value));
  return "$" + std::to_string(params_.size());
}

void FilteredQuery::in_scope(const auth::UnitScope& scope, const std::string& unit_column,
                             const std::string& date_expr) {
  if (scope.everywhere) return;
  if (scope.spans.empty()) {
    where("false");
    return;
  }
  std::vector<std::string> codes;
  std::vector<std::optional<Date>> from, to;
  for (const auto& span : scope.spans) {
    codes.push_back(span.code);
    from.push_back(span.from);
    to.push_back(span.to);
  }
  const auto code_param = param(text_array(codes));
  // The first condition lets an index on the unit column serve the query.
  where(unit_column + " = ANY(" + code_param + "::text[])");
  where("EXISTS (SELECT 1 FROM unnest(" + code_param + "::text[], " + param(date_array(from)) +
        "::date[], " + param(date_array(to)) + "::date[]) AS scope_span(code, valid_from, " +
        "valid_to) WHERE scope_span.code = " + unit_column +
        " AND (scope_span.valid_from IS NULL OR scope_span.valid_from <= " + date_expr +
        ") AND (scope_span.valid_to IS NULL OR " + date_expr + " <= scope_span.valid_to))");
}

void FilteredQuery::unit_in(const std::string& unit_column, const std::vector<std::string>& codes) {
  where(unit_column + " = ANY(" + param(text_array(codes)) + "::text[])");
}

pqxx::result FilteredQuery::run(pqxx::transaction_base& tx, std::int64_t limit) const {
  return tx.exec_params(sql_ + " ORDER BY " + id_column_ + " LIMIT " + std::to_string(limit),
                        pqxx::prepare::make_dynamic_params(params_));
}

}  // namespace vnn::platform::db
