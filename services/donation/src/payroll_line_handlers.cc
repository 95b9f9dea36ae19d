// The staff lines of an agency's payroll donation, in the order of its list. Names and masked
// citizen ids are personal data: shown to the district and commune offices, the agency that
// collected the list and auditors, for a donation they may read; member organisations, which
// read the donations they mobilised, have no payroll lists.

#include "donation_rows.h"
#include "donation_service.h"
#include "policies.h"
#include "vnn/platform/db/transaction.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/rpc/handler.h"
#include "vnn/platform/rpc/paging.h"
#include "vnn/platform/rpc/read_handler.h"

namespace vnn::donation {

grpc::Status DonationServiceImpl::ListPayrollLines(grpc::ServerContext* context,
                                                   const v1::ListPayrollLinesRequest* request,
                                                   v1::ListPayrollLinesResponse* response) {
  return platform::rpc::read(
      context_, context, policies::kListPayrollLines, response,
      [&](platform::rpc::CallContext& call, pqxx::transaction_base& tx) {
        v1::ListPayrollLinesRequest filters = *request;
        filters.clear_page();
        const auto page =
            platform::rpc::read_page(call, request->page(), filters, kDefaultPage, kMaxPage);
        auto donation = load_visible_donation(tx, call, request->donation_id());
        if (!donation) {
          throw platform::not_found("no donation " + std::to_string(request->donation_id()));
        }
        if (donation->channel() != v1::CHANNEL_PAYROLL) {
          throw platform::invalid_argument("donation_id", "is not a payroll donation");
        }
        auto rows = tx.exec_prepared("payroll_lines_page", request->donation_id(), page.after,
                                     page.size + 1);
        platform::rpc::take_page(rows, page, response->mutable_page(),
                                 [&](const pqxx::row& row, std::int64_t) {
                                   auto* line = response->add_lines();
                                   line->set_line(row[0].as<std::int64_t>());
                                   line->set_full_name(row[1].c_str());
                                   if (!row[2].is_null()) line->set_citizen_id(row[2].c_str());
                                   line->mutable_amount()->set_dong(row[3].as<std::int64_t>());
                                   line->set_note(row[4].c_str());
                                 });
        // Staff names in clear: who read which list is recorded (one row per list and call).
        if (response->lines_size() > 0) call.note_personal_read("payroll_list", donation->id());
      });
}

}  // namespace vnn::donation
