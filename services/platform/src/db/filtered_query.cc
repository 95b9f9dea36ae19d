#include "vnn/platform/db/filtered_query.h"

namespace vnn::platform::db {

FilteredQuery::FilteredQuery(std::string select_from, std::string id_column, std::int64_t after_id)
    : sql_(std::move(select_from)), id_column_(std::move(id_column)) {
  sql_ += " WHERE " + id_column_ + " > " + param(std::to_string(after_id));
}

std::string FilteredQuery::param(std::string value) {
  params_.push_back(std::move(value));
  return "$" + std::to_string(params_.size());
}

pqxx::result FilteredQuery::run(pqxx::transaction_base& tx, std::int64_t limit) const {
  return tx.exec_params(sql_ + " ORDER BY " + id_column_ + " LIMIT " + std::to_string(limit),
                        pqxx::prepare::make_dynamic_params(params_));
}

}  // namespace vnn::platform::db
