#include "commands_common.h"

#include <iostream>

#include "secret_input.h"
#include "vnn/platform/events/outbox.h"

namespace vnn::cli {

namespace v1 = donation::v1;

void add_request_id_option(CLI::App* command, std::string& request_id) {
  command->add_option("--request-id", request_id,
                      "idempotency key: the same id never records twice (default: new)");
}

std::string request_id_or_new(const std::string& given) {
  return given.empty() ? platform::events::new_uuid() : given;
}

v1::DonorKind parse_donor_kind(const std::string& text) {
  if (text == "individual") return v1::DONOR_KIND_INDIVIDUAL;
  if (text == "household") return v1::DONOR_KIND_HOUSEHOLD;
  if (text == "organisation") return v1::DONOR_KIND_ORGANISATION;
  if (text == "business") return v1::DONOR_KIND_BUSINESS;
  if (text == "agency") return v1::DONOR_KIND_AGENCY;
  if (text == "anonymous") return v1::DONOR_KIND_ANONYMOUS;
  return v1::DONOR_KIND_UNSPECIFIED;
}

bool DonorOptions::any_given(const CLI::App& command) const {
  return command.count("--donor-kind") > 0 || !name.empty() || !tax_code.empty() ||
         !citizen_id_file.empty() || !phone.empty();
}

void add_donor_options(CLI::App* command, DonorOptions& donor) {
  command->add_option("--donor-kind", donor.kind,
                      "individual|household|organisation|business|agency|anonymous");
  command->add_option("--donor-name", donor.name, "donor's name");
  command->add_option("--tax-code", donor.tax_code, "business tax code");
  command->add_option("--citizen-id-file", donor.citizen_id_file,
                      "file holding the donor's 12-digit citizen id; - reads standard input");
  // Refused, not just unknown: say where the id goes instead.
  command
      ->add_option_function<std::string>(
          "--citizen-id",
          [](const std::string&) {
            throw CLI::ValidationError(
                "--citizen-id",
                "không nhận số CCCD trên dòng lệnh (lộ trong lịch sử lệnh và danh sách tiến "
                "trình); dùng --citizen-id-file TỆP, hoặc --citizen-id-file - để đọc từ đầu vào "
                "chuẩn");
          })
      ->group("");
  command->add_option("--phone", donor.phone, "donor's mobile number");
}

void fill_donor(const DonorOptions& donor, v1::Donor* out) {
  out->set_kind(parse_donor_kind(donor.kind));
  out->set_name(donor.name);
  out->set_tax_code(donor.tax_code);
  if (!donor.citizen_id_file.empty()) {
    out->set_citizen_id(read_secret_value(donor.citizen_id_file, std::cin, "--citizen-id-file"));
  }
  out->set_phone(donor.phone);
}

}  // namespace vnn::cli
