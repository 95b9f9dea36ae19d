#pragma once
// Every SQL statement of the reporting service, prepared on each pool connection.

#include <pqxx/pqxx>

namespace vnn::reporting {

void prepare_statements(pqxx::connection& connection);

}  // namespace vnn::reporting
