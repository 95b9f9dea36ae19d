#include "rules/donor_shape.h"

#include "vnn/platform/errors.h"
#include "vnn/platform/text/identifiers.h"
#include "vnn/platform/text/text.h"

namespace vnn::donation::rules {

using platform::invalid_argument;

void check_donor_name(const DonorShape& donor, const std::string& prefix) {
  if (!donor.kind_given) {
    throw invalid_argument(prefix + ".kind", "is required", "chưa chọn loại người ủng hộ");
  }
  platform::text::require_text(donor.name, prefix + ".name", kMaxDonorName, !donor.anonymous);
}

DonorIdentifiers check_donor(const DonorShape& donor, const std::string& prefix) {
  check_donor_name(donor, prefix);
  if (donor.anonymous && donor.has_identifiers()) {
    throw invalid_argument(prefix, "an anonymous donor carries no identifiers",
                           "người ủng hộ ẩn danh không kèm mã số thuế, số căn cước hay số điện "
                           "thoại");
  }
  DonorIdentifiers ids;
  if (!donor.tax_code.empty()) {
    ids.tax_code = platform::text::normalize_tax_code(donor.tax_code);
    if (!ids.tax_code) {
      throw invalid_argument(prefix + ".tax_code", "is not a valid tax code",
                             "mã số thuế không hợp lệ");
    }
  }
  if (!donor.citizen_id.empty()) {
    ids.citizen_id = platform::text::normalize_citizen_id(donor.citizen_id);
    if (!ids.citizen_id) {
      throw invalid_argument(prefix + ".citizen_id", "is not a valid 12-digit citizen id",
                             "số căn cước phải gồm 12 chữ số hợp lệ");
    }
  }
  if (!donor.phone.empty()) {
    ids.phone = platform::text::normalize_phone(donor.phone);
    if (!ids.phone) {
      throw invalid_argument(prefix + ".phone", "is not a valid mobile number",
                             "số điện thoại di động không hợp lệ");
    }
  }
  return ids;
}

}  // namespace vnn::donation::rules
