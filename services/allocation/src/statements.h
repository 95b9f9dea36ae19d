#pragma once
// Every SQL statement of the allocation service, prepared on each pool connection.

#include <pqxx/pqxx>

namespace vnn::allocation {

void prepare_statements(pqxx::connection& connection);

}  // namespace vnn::allocation
