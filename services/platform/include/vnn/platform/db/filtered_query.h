#pragma once
// A list query whose filters depend on the request (ListDonations, ListPledges, ListHouseholds):
// conditions are appended as SQL written by the service, every value travels as a parameter,
// and the page is read in id order after the page token's id.

#include <cstdint>
#include <pqxx/pqxx>
#include <string>
#include <vector>

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

  // Up to `limit` rows after the page token's id, in id order.
  pqxx::result run(pqxx::transaction_base& tx, std::int64_t limit) const;

 private:
  std::string sql_;
  std::string id_column_;
  std::vector<std::string> params_;
};

}  // namespace vnn::platform::db
