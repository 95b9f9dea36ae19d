#pragma once
// What vnnctl's command files share: reporting a failed call, request ids, donors.

#include <grpcpp/grpcpp.h>

#include <CLI/CLI.hpp>
#include <string>

#include "call_errors.h"
#include "vnn/donation/v1/donation.pb.h"

namespace vnn::cli {

// Adds --request-id (the idempotency key) to a mutating command.
void add_request_id_option(CLI::App* command, std::string& request_id);
// The given idempotency key, or a new one.
std::string request_id_or_new(const std::string& given);
// individual|household|organisation|business|agency|anonymous; UNSPECIFIED otherwise.
donation::v1::DonorKind parse_donor_kind(const std::string& text);

// Who gave, as `donation record` and `pledge record` take it.
struct DonorOptions {
  // citizen_id_file: a file holding the donor's citizen id, or "-" for standard input.
  std::string kind = "individual", name, tax_code, citizen_id_file, phone;
  bool any_given(const CLI::App& command) const;  // --donor-kind or an identifier or name
};
void add_donor_options(CLI::App* command, DonorOptions& donor);
// Reads the citizen id from its file or standard input; throws std::invalid_argument.
void fill_donor(const DonorOptions& donor, donation::v1::Donor* out);

}  // namespace vnn::cli
