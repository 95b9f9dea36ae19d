#pragma once
// A list query whose filters depend on the request (ListDonations, ListPledges, ListHouseholds):
// conditions are appended as SQL written by the service, every value travels as a parameter,
// and the page is read in id order after the page token's id.

#include <cstdint>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "vnn/platform/auth/scope.h"

namespace vnn::platform::db {

class FilteredQuery {
 public:
  // `select_from` ends in the table's alias; `id_column` (e.g. "d.id") orders the pages.
  FilteredQuery(std::string select_from, std::string id_column, std::int64_t after_id);

  // Binds `value` and returns its placeholder ("$3").
  std::string param(std::string value);
  // Adds "AND <condition>" (placeholders from param()).
  void where(const std::string& condition) { sql_ += " AND " + condition; }
  void equals(const std::string& column, std::string value) {
    where(column + " = " + param(std::move(value)));
  }

  // Keeps the rows the caller's scope covers: `unit_column` read on `date_expr` (an SQL date
  // expression of the row, e.g. "d.received_on") within one of the scope's spans. The spans
  // travel as three array parameters; no condition when the scope is everywhere, one that
  // matches nothing when it is empty. Part of the query, so LIMIT counts only covered rows.
  void in_scope(const auth::UnitScope& scope, const std::string& unit_column,
                const std::string& date_expr);
  // Keeps the rows whose `unit_column` is one of `codes` (one array parameter).
  void unit_in(const std::string& unit_column, const std::vector<std::string>& codes);

  // Up to `limit` rows after the page token's id, in id order.
  pqxx::result run(pqxx::transaction_base& tx, std::int64_t limit) const;

 private:
  std::string sql_;
  std::string id_column_;
  std::vector<std::string> params_;
};

}  // namespace vnn::platform::db
