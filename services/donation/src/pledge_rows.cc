#include "pledge_rows.h"

#include "donor_registry.h"
#include "rules/pledges.h"
#include "vnn/platform/proto_convert.h"

namespace vnn::donation {

const char* const kPledgeColumns =
    "p.id, p.campaign_id, p.fund_id, p.unit_code, p.donor_id, p.amount_dong, p.pledged_on::text, "
    "p.due_on::text, p.mobiliser_id, p.note, "
    "(SELECT COALESCE(sum(x.amount_dong), 0) FROM donation x WHERE x.pledge_id = p.id), "
    "array_to_string(ARRAY(SELECT x.id FROM donation x WHERE x.pledge_id = p.id ORDER BY x.id), "
    "','), p.recorded_by, EXTRACT(EPOCH FROM p.recorded_at)::bigint";

v1::PledgeStatus pledge_status(std::int64_t amount_dong, std::int64_t fulfilled_dong) {
  switch (rules::pledge_status(amount_dong, fulfilled_dong)) {
    case rules::PledgeStatus::kFulfilled:
      return v1::PLEDGE_STATUS_FULFILLED;
    case rules::PledgeStatus::kPartlyFulfilled:
      return v1::PLEDGE_STATUS_PARTLY_FULFILLED;
    case rules::PledgeStatus::kOpen:
      break;
  }
  return v1::PLEDGE_STATUS_OPEN;
}

void row_to_pledge(pqxx::transaction_base& tx, const pqxx::row& row,
                   const platform::auth::Principal& viewer, v1::Pledge* out) {
  out->set_id(row[0].as<std::int64_t>());
  out->set_campaign_id(row[1].c_str());
  out->set_fund_id(row[2].c_str());
  out->set_unit_code(row[3].c_str());
  DonorRegistry::load(tx, row[4].as<std::int64_t>(), viewer, out->mutable_donor());
  out->mutable_amount()->set_dong(row[5].as<std::int64_t>());
  if (auto date = platform::Date::parse_iso(row[6].c_str()))
    platform::to_proto(*date, out->mutable_pledged_on());
  if (!row[7].is_null()) {
    if (auto date = platform::Date::parse_iso(row[7].c_str()))
      platform::to_proto(*date, out->mutable_due_on());
  }
  if (!row[8].is_null()) out->set_mobiliser_id(row[8].c_str());
  out->set_note(row[9].c_str());
  out->mutable_fulfilled()->set_dong(row[10].as<std::int64_t>());
  out->set_status(pledge_status(out->amount().dong(), out->fulfilled().dong()));
  const std::string ids = row[11].c_str();
  for (std::size_t start = 0; start < ids.size();) {
    auto comma = ids.find(',', start);
    if (comma == std::string::npos) comma = ids.size();
    out->add_donation_ids(std::stoll(ids.substr(start, comma - start)));
    start = comma + 1;
  }
  out->set_recorded_by(row[12].c_str());
  out->mutable_recorded_at()->set_seconds(row[13].as<std::int64_t>());
}

std::optional<v1::Pledge> load_visible_pledge(pqxx::transaction_base& tx,
                                              const platform::rpc::CallContext& call,
                                              std::int64_t id) {
  auto rows = tx.exec_params(
      std::string("SELECT ") + kPledgeColumns + " FROM pledge p WHERE p.id = $1", id);
  if (rows.empty()) return std::nullopt;
  v1::Pledge pledge;
  row_to_pledge(tx, rows[0], call.principal(), &pledge);
  if (!may_read(call, pledge)) return std::nullopt;
  return pledge;
}

std::optional<PledgeTerms> load_pledge_terms(pqxx::transaction_base& tx, std::int64_t id) {
  auto rows = tx.exec_prepared("pledge_terms", id);
  if (rows.empty()) return std::nullopt;
  PledgeTerms terms;
  terms.id = id;
  terms.campaign_id = rows[0][0].c_str();
  terms.fund_id = rows[0][1].c_str();
  terms.donor_id = rows[0][2].as<std::int64_t>();
  terms.amount_dong = rows[0][3].as<std::int64_t>();
  terms.pledged_on = *platform::Date::parse_iso(rows[0][4].c_str());
  return terms;
}

}  // namespace vnn::donation
