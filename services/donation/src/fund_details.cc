#include "fund_details.h"

#include "campaign_details.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/proto_convert.h"
#include "vnn/platform/text/identifiers.h"

namespace vnn::donation {

using platform::invalid_argument;

void load_fund(pqxx::transaction_base& tx, const pqxx::row& row, v1::Fund* out) {
  out->set_id(row[0].c_str());
  out->set_unit_code(row[1].c_str());
  out->set_name(row[2].c_str());
  out->set_version(row[3].as<std::int64_t>());
  for (const auto& a : tx.exec_prepared("fund_accounts", out->id())) {
    auto* account = out->add_accounts();
    account->set_account_number(a[0].c_str());
    account->set_account_name(a[1].c_str());
    account->set_bank(a[2].c_str());
    account->set_branch(a[3].c_str());
    if (!a[4].is_null()) {
      platform::to_proto(*platform::Date::parse_iso(a[4].c_str()), account->mutable_closed_on());
    }
  }
}

bool load_fund(pqxx::transaction_base& tx, const std::string& id, v1::Fund* out) {
  auto rows = tx.exec_prepared("fund_row", id);
  if (rows.empty()) return false;
  load_fund(tx, rows[0], out);
  return true;
}

std::string add_fund_account(pqxx::transaction_base& tx, const std::string& fund_id,
                             const v1::BankAccount& account, const std::string& field) {
  auto number = platform::text::normalize_bank_account_number(account.account_number());
  if (!number) throw invalid_argument(field + ".account_number", "must be 6–19 digits");
  require_reference_text(account.account_name(), field + ".account_name");
  require_reference_text(account.bank(), field + ".bank");
  require_reference_text(account.branch(), field + ".branch");
  if (account.has_closed_on()) {
    throw invalid_argument(field + ".closed_on", "an account is closed by UpdateFund");
  }
  if (!tx.exec_prepared("fund_account_insert", fund_id, *number, account.account_name(),
                        account.bank(), account.branch())
           .empty()) {
    return *number;
  }
  auto owner = tx.exec_prepared("fund_account_owner", *number);
  if (!owner.empty() && owner[0][0].c_str() == fund_id) {
    throw invalid_argument(field + ".account_number",
                           "account " + *number + " is already an account of fund " + fund_id);
  }
  throw platform::Error(platform::ErrorCode::kAlreadyExists,
                        "account " + *number + " belongs to a fund already",
                        field + ".account_number");
}

}  // namespace vnn::donation
