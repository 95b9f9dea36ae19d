#pragma once
// Every SQL statement of the donation service, named and prepared once per connection.

#include <pqxx/pqxx>

namespace vnn::donation {

void prepare_statements(pqxx::connection& connection);

}  // namespace vnn::donation
