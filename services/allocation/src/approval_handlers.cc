// Approving supports (one, or a commune's list at once) and handing them over: the ledger's
// reservations and postings.

#include <algorithm>
#include <map>

#include "allocation_service.h"
#include "decisions.h"
#include "policies.h"
#include "rules/reason_codes.h"
#include "vnn/platform/date.h"
#include "vnn/platform/db/arrays.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/money.h"
#include "vnn/platform/proto_convert.h"
#include "vnn/platform/rpc/read_handler.h"

namespace vnn::allocation {
namespace {

using platform::invalid_argument;
using platform::rpc::CallContext;

std::string support_reference(std::int64_t id) { return "support " + std::to_string(id); }

// The commune's proposed supports the caller may approve (not its own: maker–checker).
struct BatchList {
  std::vector<std::int64_t> ids;
  std::vector<std::int64_t> own;
};

BatchList proposed_list(pqxx::transaction_base& tx, const CallContext& call,
                        const std::string& campaign_id, const std::string& unit_code) {
  BatchList list;
  for (const auto& row : tx.exec_prepared("proposed_of_unit", campaign_id, unit_code)) {
    const auto id = row[0].as<std::int64_t>();
    (call.principal().subject == row[1].c_str() ? list.own : list.ids).push_back(id);
  }
  return list;
}

// What the supports need from each fund, against what each has.
std::vector<v1::FundNeed> fund_needs(pqxx::transaction_base& tx,
                                     const std::vector<std::int64_t>& ids) {
  std::vector<v1::FundNeed> needs;
  for (const auto& row :
       tx.exec_prepared("fund_needs_of_supports", platform::db::bigint_array(ids))) {
    v1::FundNeed need;
    need.set_fund_id(row[0].c_str());
    const auto needed = row[1].as<std::int64_t>();
    need.mutable_needed()->set_dong(needed);
    const auto fund = tx.exec_prepared("fund_balance", need.fund_id());
    if (!fund.empty()) {
      const auto balances = fund_row(fund[0]).balances;
      need.mutable_available()->set_dong(balances.available());
      need.set_flagged_short(balances.flagged_short());
      need.mutable_shortfall()->set_dong(std::max<std::int64_t>(0, needed - balances.available()));
    } else {
      need.mutable_shortfall()->set_dong(needed);
    }
    needs.push_back(need);
  }
  return needs;
}

platform::Error batch_changed(const std::string& unit_code, std::size_t proposed) {
  return platform::failed_precondition("the commune's proposed supports changed since the preview")
      .with_reason(rules::reason::kBatchChanged)
      .with_vietnamese("Danh sách đề xuất của xã đã thay đổi từ lúc xem trước: hãy xem trước lại")
      .with_subject("unit/" + unit_code)
      .with_metadata("proposed", std::to_string(proposed));
}

void require_batch_unit(const CallContext& call, const std::string& campaign_id,
                        const std::string& unit_code) {
  if (campaign_id.empty()) throw invalid_argument("campaign_id", "is required", "bắt buộc");
  if (unit_code.empty()) throw invalid_argument("unit_code", "is required", "bắt buộc");
  call.require_unit("unit_code", unit_code, call.service().units().reference_date(unit_code));
}

}  // namespace

std::int64_t AllocationServiceImpl::approve_locked(CallContext& call, pqxx::transaction_base& tx,
                                                   const SupportRow& support,
                                                   const std::string& note) const {
  try {
    rules::transition(support.id, support.state, rules::Action::kApprove);
    rules::require_other_officer(support.proposed_by, call.principal().subject);
    rules::check_still_eligible(
        eligibility_.facts(support.household_id, support.campaign_id, call.deadline()));
    // Funds in id order, as every approval takes them: two approvals never wait on each other
    // crosswise.
    for (const auto& part : tx.exec_prepared("support_fund_parts", support.id)) {
      const auto fund = fund_unit(tx, part[0].c_str(), "support_id");
      rules::require_keeps_fund(call.principal(), context_.units(), fund);
      const auto amount = part[1].as<std::int64_t>();
      // The row is locked first, so a refusal names the balance that refused it, not one a
      // donation committed a moment later.
      const auto locked = fund_row(tx.exec_prepared1("fund_balance_lock", fund.fund_id));
      const auto reserved = ledger_.reserve(
          tx, fund.fund_id, amount,
          {.reference = support_reference(support.id), .campaign_id = support.campaign_id});
      if (!reserved) throw reservation_refused(locked, amount);
      tx.exec_prepared("reservation_insert", support.id, fund.fund_id, amount);
    }
    const auto version =
        tx.exec_prepared1("support_set_approved", support.id, call.principal().subject)[0]
            .as<std::int64_t>();
    tx.exec_prepared("support_transition_insert", support.id, "proposed", "approved",
                     call.principal().subject, note);
    return version;
  } catch (const platform::Error& refused) {
    metrics_.approval_refused(refused.reason());
    throw;
  }
}

grpc::Status AllocationServiceImpl::ApproveSupport(grpc::ServerContext* context,
                                                   const v1::ApproveSupportRequest* request,
                                                   v1::Support* response) {
  return platform::rpc::mutation(
      context_, context, policies::kApproveSupport, request->request_id(), *request, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        const auto row = visible_locked_support(call, tx, request->support_id());
        const auto version = approve_locked(call, tx, row, request->note());
        *response = *load_support(tx, row.id);
        emit_support_event(tx, context_.outbox(), *response, rules::SupportState::kApproved,
                           version);
        call.audit("support_id", row.id);
        call.audit("from_funds_dong", row.from_funds);
      });
}

grpc::Status AllocationServiceImpl::PreviewBatchApproval(
    grpc::ServerContext* context, const v1::PreviewBatchApprovalRequest* request,
    v1::BatchPreview* response) {
  return platform::rpc::read(
      context_, context, policies::kPreviewBatch, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        const auto& r = *request;
        require_batch_unit(call, r.campaign_id(), r.unit_code());
        const auto list = proposed_list(tx, call, r.campaign_id(), r.unit_code());
        response->set_campaign_id(r.campaign_id());
        response->set_unit_code(r.unit_code());
        for (const auto id : list.ids) response->add_support_ids(id);
        for (const auto id : list.own) response->add_own_proposals(id);
        std::int64_t needed = 0;
        bool fits = true;
        for (auto& need : fund_needs(tx, list.ids)) {
          needed += need.needed().dong();
          fits = fits && need.shortfall().dong() == 0 && !need.flagged_short();
          *response->add_funds() = std::move(need);
        }
        response->mutable_needed()->set_dong(needed);
        response->set_fits(fits);
      });
}

grpc::Status AllocationServiceImpl::ApproveBatch(grpc::ServerContext* context,
                                                 const v1::ApproveBatchRequest* request,
                                                 v1::ApproveBatchResponse* response) {
  return platform::rpc::mutation(
      context_, context, policies::kApproveBatch, request->request_id(), *request, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        const auto& r = *request;
        require_batch_unit(call, r.campaign_id(), r.unit_code());
        // The funds first, in id order, so the batch and single approvals lock alike.
        auto list = proposed_list(tx, call, r.campaign_id(), r.unit_code());
        std::vector<std::int64_t> asked(r.support_ids().begin(), r.support_ids().end());
        std::sort(asked.begin(), asked.end());
        if (asked.empty() || asked != list.ids) throw batch_changed(r.unit_code(), list.ids.size());
        const auto needs = fund_needs(tx, list.ids);
        for (const auto& need : needs) tx.exec_prepared("fund_balance_lock", need.fund_id());
        for (const auto id : list.ids) {
          // Another approval or a cancellation may have taken it between the list's read and
          // its lock: the list changed, as for a proposal added since the preview.
          const auto row = lock_support(tx, id);
          if (!row || row->state != rules::SupportState::kProposed) {
            throw batch_changed(r.unit_code(),
                                proposed_list(tx, call, r.campaign_id(), r.unit_code()).ids.size());
          }
          const auto version = approve_locked(call, tx, *row, r.note());
          auto* approved = response->add_approved();
          *approved = *load_support(tx, id, false);
          emit_support_event(tx, context_.outbox(), *approved, rules::SupportState::kApproved,
                             version);
        }
        for (const auto& need : needs) {
          auto* after = response->add_funds();
          *after = need;
          const auto fund = tx.exec_prepared("fund_balance", need.fund_id());
          if (!fund.empty()) {
            after->mutable_available()->set_dong(fund_row(fund[0]).balances.available());
          }
          after->mutable_shortfall()->set_dong(0);
        }
        call.audit("unit_code", r.unit_code());
        call.audit("approved", static_cast<std::int64_t>(list.ids.size()));
      });
}

grpc::Status AllocationServiceImpl::DisburseSupport(grpc::ServerContext* context,
                                                    const v1::DisburseSupportRequest* request,
                                                    v1::Support* response) {
  return platform::rpc::mutation(
      context_, context, policies::kDisburseSupport, request->request_id(), *request, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        const auto& r = *request;
        const auto row = visible_locked_support(call, tx, r.support_id());
        rules::transition(row.id, row.state, rules::Action::kDisburse);
        const auto on = platform::required_date(r.disbursed_on(), "disbursed_on");
        // Handed over after it was proposed, and not on a day still to come.
        const auto proposed_on = platform::Date::parse_iso(row.proposed_on).value_or(on);
        if (on > platform::Date::today_in_vietnam() || on < proposed_on) {
          throw invalid_argument(
              "disbursed_on", "must lie between the proposal (" + proposed_on.iso() + ") and today",
              "phải từ ngày đề xuất (" + proposed_on.vietnamese() + ") đến ngày hôm nay");
        }
        if (r.evidence().empty()) {
          throw invalid_argument("evidence", "is required (the handover record)",
                                 "bắt buộc (biên bản bàn giao)");
        }
        // Less than approved from a fund: what was handed over; the rest is released.
        std::map<std::string, std::pair<std::int64_t, std::string>> handed;
        for (int i = 0; i < r.fund_parts_size(); ++i) {
          const auto& p = r.fund_parts(i);
          const std::string field = "fund_parts[" + std::to_string(i) + "]";
          if (p.amount().dong() < 0) {
            throw invalid_argument(field + ".amount.dong", "must not be negative", "không được âm");
          }
          if (!handed.emplace(p.fund_id(), std::pair{p.amount().dong(), field}).second) {
            throw invalid_argument(field + ".fund_id", "names a fund twice",
                                   "một quỹ chỉ được nêu một lần");
          }
        }
        std::int64_t total = 0;
        for (const auto& res : tx.exec_prepared("reservations_of_support", row.id)) {
          const std::string fund_id = res[1].c_str();
          const auto fund = fund_unit(tx, fund_id, "support_id");
          rules::require_keeps_fund(call.principal(), context_.units(), fund);
          const auto reserved = res[2].as<std::int64_t>();
          std::int64_t given = reserved;
          if (const auto it = handed.find(fund_id); it != handed.end()) {
            given = it->second.first;
            if (given > reserved) {
              throw invalid_argument(it->second.second + ".amount.dong",
                                     "is more than the " + std::to_string(reserved) +
                                         " dong approved from fund " + fund_id,
                                     "vượt số đã duyệt từ quỹ " + fund_id + " (" +
                                         platform::money::format_vietnamese(reserved) + ")");
            }
            handed.erase(it);
          }
          ledger_.post(tx, fund_id, rules::post_posting(reserved, given),
                       {.reference = support_reference(row.id), .campaign_id = row.campaign_id});
          tx.exec_prepared("resolution_insert", res[0].as<std::int64_t>(), reserved, "posted",
                           given, reserved - given);
          total += given;
        }
        if (!handed.empty()) {
          const auto& [fund_id, part] = *handed.begin();
          throw invalid_argument(part.second + ".fund_id",
                                 "fund " + fund_id + " pays no part of this support",
                                 "quỹ " + fund_id + " không chi cho hỗ trợ này");
        }
        const auto version =
            tx.exec_prepared1("support_set_disbursed", row.id, on.iso(), r.evidence(), total)[0]
                .as<std::int64_t>();
        tx.exec_prepared("support_transition_insert", row.id, "approved", "disbursed",
                         call.principal().subject, r.evidence());
        *response = *load_support(tx, row.id);
        emit_support_event(tx, context_.outbox(), *response, rules::SupportState::kDisbursed,
                           version);
        call.audit("support_id", row.id);
        call.audit("disbursed_dong", total);
      });
}

}  // namespace vnn::allocation
