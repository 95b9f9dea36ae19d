// vnn-probe: the probe test service as a process. Its schema comes from VNN_PROBE_SCHEMA, so
// each test can run against a fresh one.

#include <cstdlib>

#include "probe_service.h"

int main(int argc, char** argv) {
  const char* schema = std::getenv("VNN_PROBE_SCHEMA");
  return vnn::platform::service_main(argc, argv,
                                     vnn::testing::probe_definition(schema ? schema : "probe"));
}
