// Public disclosure of a fund: what it received (donor's public name, or "Nhà hảo tâm ẩn danh",
// channel, amount, date, reversed or not) and how it was used (the household only by its masked
// name, its commune, the kind of support, amount, date), with totals and balance. Anyone may
// read it, the public role included, so no field carries personal data: every free text passes
// rules::mask_public_text, and households appear only by masked name.
//
// Totals are the fund's as the allocation service last announced them (all campaigns):
//   total_received = cash received − reversed + goods in kind (assessed)
//   total_used     = handed over to households
//   balance        = total_received − total_used (what is reserved for approved supports is
//                    still in the fund, so it counts in the balance)
// Donations given directly to households are listed on the received side (channel "Trao trực
// tiếp cho hộ"), never naming the household; they never entered the fund's cash, so no total
// counts them.

#include "policies.h"
#include "progress.h"
#include "reporting_service.h"
#include "rules/labels.h"
#include "rules/public_text.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/proto_convert.h"
#include "vnn/platform/rpc/paging.h"
#include "vnn/platform/rpc/read_handler.h"

namespace vnn::reporting {
namespace {

void set_date(const char* iso, common::v1::Date* out) {
  if (const auto date = platform::Date::parse_iso(iso)) platform::to_proto(*date, out);
}

std::string unit_name(const platform::units::AdminUnitTree& units, const std::string& code,
                      const char* iso) {
  const auto date = platform::Date::parse_iso(iso);
  const auto* unit = date ? units.find(code, *date) : nullptr;
  if (unit == nullptr) unit = units.find(code, units.reference_date(code));
  return unit == nullptr ? code : unit->name;
}

}  // namespace

grpc::Status ReportingServiceImpl::GetDisclosure(grpc::ServerContext* context,
                                                 const v1::GetDisclosureRequest* request,
                                                 v1::Disclosure* response) {
  return platform::rpc::read(
      context_, context, policies::kGetDisclosure, response,
      [&](platform::rpc::CallContext& call, pqxx::transaction_base& tx) {
        const auto& r = *request;
        if (r.fund_id().empty()) {
          throw platform::invalid_argument("fund_id", "is required", "bắt buộc");
        }
        v1::GetDisclosureRequest filters = r;
        filters.clear_page();
        const auto page = platform::rpc::read_page(call, r.page(), filters, 100, 1000);
        load_freshness(tx, response->mutable_freshness());
        const auto fund = tx.exec_prepared("disclosure_fund", r.fund_id());
        if (fund.empty()) {
          throw platform::not_found("fund " + r.fund_id() + " not found")
              .with_vietnamese("Không tìm thấy quỹ " + r.fund_id());
        }
        const auto& f = fund[0];
        const auto received =
            f[2].as<std::int64_t>() - f[3].as<std::int64_t>() + f[5].as<std::int64_t>();
        const auto used = f[4].as<std::int64_t>();
        response->set_fund_id(r.fund_id());
        response->set_fund_name(rules::mask_public_text(f[0].c_str()));
        response->mutable_total_received()->set_dong(received);
        response->mutable_total_used()->set_dong(used);
        response->mutable_balance()->set_dong(received - used);

        if (r.side() == v1::DISCLOSURE_SIDE_USED) {
          response->set_side(v1::DISCLOSURE_SIDE_USED);
          const auto rows = tx.exec_prepared("disclosure_used", r.fund_id(), r.campaign_id(),
                                             r.unit_code(), page.after, page.size + 1);
          platform::rpc::take_page(
              rows, page, response->mutable_page(), [&](const pqxx::row& row, std::int64_t) {
                auto* e = response->add_used();
                set_date(row[1].c_str(), e->mutable_on());
                e->set_household(rules::public_household(row[2].c_str()));
                e->set_unit_code(row[3].c_str());
                e->set_unit_name(unit_name(context_.units(), row[3].c_str(), row[1].c_str()));
                e->set_kind(rules::label(row[4].c_str()));
                e->mutable_amount()->set_dong(row[5].as<std::int64_t>());
              });
          return;
        }
        response->set_side(v1::DISCLOSURE_SIDE_RECEIVED);
        const auto rows = tx.exec_prepared("disclosure_received", r.fund_id(), r.campaign_id(),
                                           page.after, page.size + 1);
        platform::rpc::take_page(
            rows, page, response->mutable_page(), [&](const pqxx::row& row, std::int64_t) {
              auto* e = response->add_received();
              set_date(row[1].c_str(), e->mutable_on());
              const std::string kind = row[3].c_str();
              e->set_donor(kind == "anonymous" ? std::string(rules::kAnonymousDonor)
                                               : rules::public_donor(row[2].c_str()));
              e->set_channel(rules::label(row[4].c_str()));
              e->mutable_amount()->set_dong(row[5].as<std::int64_t>());
              e->set_reversed(row[6].as<bool>());
            });
      });
}

}  // namespace vnn::reporting
