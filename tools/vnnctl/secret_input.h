#pragma once
// Personal identifiers vnnctl sends (citizen ids) never come from the command line, where they
// would stay in the shell's history and be visible to every user in the process list: they are
// read from a file, or from standard input with "-".

#include <istream>
#include <string>

namespace vnn::cli {

// The first line of `source` (a path, or "-" for `standard_input`), without surrounding blanks.
// Throws std::invalid_argument (Vietnamese, naming `option`) if it cannot be read or is empty.
std::string read_secret_value(const std::string& source, std::istream& standard_input,
                              const std::string& option);

}  // namespace vnn::cli
