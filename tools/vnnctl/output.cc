#include "output.h"

#include <google/protobuf/util/json_util.h>

namespace vnn::cli {

void add_json_flag(CLI::App* command, bool& json) {
  command->add_flag("--json", json, "print the service's answer as JSON, for scripts");
}

void add_example(CLI::App* command, const std::string& example) {
  std::string indented = "  ";
  for (char c : example) {
    indented += c;
    if (c == '\n') indented += "  ";
  }
  // Several examples: each starts a line with "vnnctl"; other lines continue one.
  const bool several = example.find("\nvnnctl ") != std::string::npos;
  command->footer((several ? "Examples:\n" : "Example:\n") + indented);
}

std::string to_json(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(message, &json, options).ok()) return "{}";
  return json;
}

int print_json(const google::protobuf::Message& message, std::ostream& out) {
  out << to_json(message) << "\n";
  return 0;
}

}  // namespace vnn::cli
