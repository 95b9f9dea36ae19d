#pragma once
// Loading the unit datasets (the CSV format of data/admin-units/README.md) into checked unit
// versions, and the index by code that both the checks and AdminUnitTree's queries use.

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vnn/platform/date.h"
#include "vnn/platform/units/admin_unit_tree.h"

namespace vnn::platform::units::detail {

struct DatasetText {
  std::string source;    // file name for errors; empty for AdminUnitTree::from_csv
  std::string_view csv;  // may start with a byte order mark
};

// Parses the datasets and checks them together (a commune in one file may name a province in
// another). Throws std::invalid_argument naming the file and line, with the messages that
// AdminUnitTree::from_csv documents.
std::vector<AdminUnit> load_admin_units(const std::vector<DatasetText>& datasets);

// code → positions of its versions, so a lookup is not a scan of the whole country.
using VersionIndex = std::map<std::string, std::vector<std::size_t>, std::less<>>;
VersionIndex index_versions(const std::vector<AdminUnit>& units);
// The position of the version of `code` in force on `date`.
std::optional<std::size_t> version_in_force(const std::vector<AdminUnit>& units,
                                            const VersionIndex& index, std::string_view code,
                                            const Date& date);

}  // namespace vnn::platform::units::detail
