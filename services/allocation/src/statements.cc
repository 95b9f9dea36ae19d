#include "statements.h"

namespace vnn::allocation {

void prepare_statements(pqxx::connection& c) { (void)c; }

}  // namespace vnn::allocation
