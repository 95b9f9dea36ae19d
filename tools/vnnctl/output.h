#pragma once
// What every vnnctl command that prints data shares: --json (the service's answer as one JSON
// document on standard output, for scripts, instead of the Vietnamese tables) and the example
// its --help ends with.

#include <google/protobuf/message.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <string>

namespace vnn::cli {

// --json on a command.
void add_json_flag(CLI::App* command, bool& json);
// The example `vnnctl … --help` shows under a command (several: one per line).
void add_example(CLI::App* command, const std::string& example);

// The protobuf JSON mapping with the .proto field names (snake_case), enum names, and fields at
// their default value printed too, so a script finds every key whatever the value.
std::string to_json(const google::protobuf::Message& message);
// `message` as one JSON document and a newline on `out`; the command's exit code, 0.
int print_json(const google::protobuf::Message& message, std::ostream& out = std::cout);

}  // namespace vnn::cli
