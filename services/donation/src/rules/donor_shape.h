#pragma once
// A donor as a request gives it: a kind, a name (an anonymous donor may have none) and any of
// three identifiers, each of which finds the same donor again. An anonymous donor carries no
// identifiers. Field paths are `prefix`.kind, `prefix`.name, `prefix`.tax_code, …

#include <optional>
#include <string>

namespace vnn::donation::rules {

inline constexpr std::size_t kMaxDonorName = 200;

struct DonorShape {
  bool kind_given = false;  // a known kind other than "unspecified"
  bool anonymous = false;
  std::string name;
  std::string tax_code;
  std::string citizen_id;
  std::string phone;

  bool has_identifiers() const {
    return !tax_code.empty() || !citizen_id.empty() || !phone.empty();
  }
};

// The identifiers, normalized; nullopt where the request gave none.
struct DonorIdentifiers {
  std::optional<std::string> tax_code;
  std::optional<std::string> citizen_id;
  std::optional<std::string> phone;
};

// The kind and the name only: enough for a donor with no identifiers, whom nobody finds again.
void check_donor_name(const DonorShape& donor, const std::string& prefix);

// Everything: kind, name, no identifiers for an anonymous donor, each identifier well formed.
// Throws INVALID_ARGUMENT on the first field at fault.
DonorIdentifiers check_donor(const DonorShape& donor, const std::string& prefix);

}  // namespace vnn::donation::rules
