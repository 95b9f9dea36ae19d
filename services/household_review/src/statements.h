#pragma once
// The household-review service's SQL, prepared once per pool connection.

#include <pqxx/pqxx>

namespace vnn::household_review {

void prepare_statements(pqxx::connection& connection);

}  // namespace vnn::household_review
