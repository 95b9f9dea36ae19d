#pragma once
// Reading a fund with its accounts, and adding an account to it: shared by creating a fund and
// changing it.

#include <pqxx/pqxx>
#include <string>

#include "vnn/donation/v1/donation.pb.h"

namespace vnn::donation {

// Fills `out` from a row (id, unit_code, name, version) of "fund_list" or "fund_row", with the
// fund's accounts, open and closed.
void load_fund(pqxx::transaction_base& tx, const pqxx::row& row, v1::Fund* out);
// Loads a fund; false if it does not exist.
bool load_fund(pqxx::transaction_base& tx, const std::string& id, v1::Fund* out);

// Checks an account a request opens (at `field`, e.g. "accounts[0]") and adds it to the fund;
// returns its normalised number. INVALID_ARGUMENT naming the field for a malformed account or
// one the fund has already (open or closed: a number is never reused); ALREADY_EXISTS when it
// is another fund's.
std::string add_fund_account(pqxx::transaction_base& tx, const std::string& fund_id,
                             const v1::BankAccount& account, const std::string& field);

}  // namespace vnn::donation
