// Reading the fund ledger: balances, postings, the check of balances against entries, and the
// campaign totals the reporting service reconciles with.

#include <sstream>

#include "allocation_service.h"
#include "decisions.h"
#include "policies.h"
#include "vnn/platform/auth/scope.h"
#include "vnn/platform/db/arrays.h"
#include "vnn/platform/db/filtered_query.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/rpc/paging.h"
#include "vnn/platform/rpc/read_handler.h"

namespace vnn::allocation {
namespace {

using platform::invalid_argument;

v1::PostingKind posting_kind(const std::string& word) {
  for (const auto kind :
       {rules::PostingKind::kDonation, rules::PostingKind::kReversal, rules::PostingKind::kInKind,
        rules::PostingKind::kReserve, rules::PostingKind::kPost, rules::PostingKind::kVoid,
        rules::PostingKind::kInKindReversal}) {
    if (rules::posting_word(kind) == word) {
      return static_cast<v1::PostingKind>(rules::posting_number(kind));
    }
  }
  return v1::POSTING_KIND_UNSPECIFIED;
}
using platform::rpc::CallContext;

// "{1,4}" → {1, 4}: the arrays of a posting row, read back as text (libpqxx 6.4 has no arrays).
std::vector<std::int64_t> numbers(const std::string& array) {
  std::vector<std::int64_t> out;
  std::string item;
  for (const char c : array) {
    if (c == '{' || c == '}' || c == ',') {
      if (!item.empty()) out.push_back(std::stoll(item));
      item.clear();
    } else {
      item += c;
    }
  }
  return out;
}

// The fund, if the caller may see it; NOT_FOUND otherwise (AIP-211).
FundRow visible_fund(const CallContext& call, pqxx::transaction_base& tx,
                     const std::string& fund_id) {
  if (fund_id.empty()) throw invalid_argument("fund_id", "is required", "bắt buộc");
  const auto rows = tx.exec_prepared("fund_units", platform::db::text_array({fund_id}));
  if (rows.empty() ||
      !call.may_act_for(rows[0][1].c_str(), *platform::Date::parse_iso(rows[0][2].c_str()))) {
    throw fund_not_found(fund_id);
  }
  return fund_row(tx.exec_prepared1("fund_balance", fund_id));
}

}  // namespace

grpc::Status AllocationServiceImpl::GetFundBalance(grpc::ServerContext* context,
                                                   const v1::GetFundBalanceRequest* request,
                                                   v1::FundBalance* response) {
  return platform::rpc::read(context_, context, policies::kGetFundBalance, response,
                             [&](CallContext& call, pqxx::transaction_base& tx) {
                               to_proto(visible_fund(call, tx, request->fund_id()), response);
                             });
}

grpc::Status AllocationServiceImpl::ListFundBalances(grpc::ServerContext* context,
                                                     const v1::ListFundBalancesRequest* request,
                                                     v1::ListFundBalancesResponse* response) {
  return platform::rpc::read(
      context_, context, policies::kListFundBalances, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        const auto& r = *request;
        v1::ListFundBalancesRequest filters = r;
        filters.clear_page();
        const auto page = platform::rpc::read_page(call, r.page(), filters, 100, 1000);
        platform::db::FilteredQuery query("SELECT f.seq, f.fund_id FROM fund f", "f.seq",
                                          page.after);
        query.in_scope(platform::auth::unit_scope(call.principal(), context_.units()),
                       "f.unit_code", "f.unit_on");
        if (!r.unit_code().empty()) query.unit_in("f.unit_code", units_below(r.unit_code()));
        const auto rows = query.run(tx, page.size + 1);
        platform::rpc::take_page(
            rows, page, response->mutable_page(), [&](const pqxx::row& row, std::int64_t) {
              to_proto(fund_row(tx.exec_prepared1("fund_balance", row[1].c_str())),
                       response->add_funds());
            });
      });
}

grpc::Status AllocationServiceImpl::ListLedgerPostings(grpc::ServerContext* context,
                                                       const v1::ListLedgerPostingsRequest* request,
                                                       v1::ListLedgerPostingsResponse* response) {
  return platform::rpc::read(
      context_, context, policies::kListLedgerPostings, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        const auto& r = *request;
        visible_fund(call, tx, r.fund_id());
        v1::ListLedgerPostingsRequest filters = r;
        filters.clear_page();
        const auto page = platform::rpc::read_page(call, r.page(), filters, 100, 1000);
        const auto rows = tx.exec_prepared("ledger_page", r.fund_id(), page.after, page.size + 1);
        platform::rpc::take_page(rows, page, response->mutable_page(),
                                 [&](const pqxx::row& row, std::int64_t id) {
                                   auto* p = response->add_postings();
                                   p->set_id(id);
                                   p->set_fund_id(r.fund_id());
                                   p->set_kind(posting_kind(row[1].c_str()));
                                   p->set_reference(row[2].c_str());
                                   const auto accounts = numbers(row[3].c_str());
                                   const auto amounts = numbers(row[4].c_str());
                                   for (std::size_t i = 0; i < accounts.size(); ++i) {
                                     auto* e = p->add_entries();
                                     e->set_account(static_cast<v1::LedgerAccount>(accounts[i]));
                                     e->set_amount_dong(i < amounts.size() ? amounts[i] : 0);
                                   }
                                   p->mutable_posted_at()->set_seconds(row[5].as<std::int64_t>());
                                 });
      });
}

grpc::Status AllocationServiceImpl::VerifyLedger(grpc::ServerContext* context,
                                                 const v1::VerifyLedgerRequest* request,
                                                 v1::LedgerVerification* response) {
  return platform::rpc::read(
      context_, context, policies::kVerifyLedger, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        visible_fund(call, tx, request->fund_id());
        const auto row = tx.exec_prepared1("ledger_verify", request->fund_id());
        const auto recorded = fund_row(row);
        rules::AccountSums sums;
        const auto accounts = numbers(row[14].c_str());
        const auto totals = numbers(row[15].c_str());
        for (std::size_t i = 0; i < accounts.size() && i < totals.size(); ++i) {
          sums.add({static_cast<rules::Account>(accounts[i]), totals[i]});
        }
        const std::int64_t postings = row[12].as<std::int64_t>();
        const std::int64_t unbalanced = row[13].as<std::int64_t>();
        FundRow derived = recorded;
        derived.balances = rules::balances_of(sums);
        derived.balances.shortfall = recorded.balances.shortfall;
        response->set_fund_id(request->fund_id());
        response->set_postings(postings);
        response->set_balanced(unbalanced == 0 && rules::sums_consistent(sums));
        response->set_matches(derived.balances == recorded.balances &&
                              sums.available == recorded.balances.available());
        to_proto(derived, response->mutable_from_entries());
        to_proto(recorded, response->mutable_recorded());
      });
}

grpc::Status AllocationServiceImpl::GetAllocationTotals(
    grpc::ServerContext* context, const v1::GetAllocationTotalsRequest* request,
    v1::AllocationTotals* response) {
  return platform::rpc::read(
      context_, context, policies::kGetAllocationTotals, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        const auto& r = *request;
        if (r.campaign_id().empty()) throw invalid_argument("campaign_id", "is required");
        const auto campaign = tx.exec_prepared("campaign_get", r.campaign_id());
        if (campaign.empty() ||
            !call.may_act_for(campaign[0][0].c_str(),
                              context_.units().reference_date(campaign[0][0].c_str()))) {
          throw platform::not_found("campaign " + r.campaign_id() + " not found");
        }
        response->set_campaign_id(r.campaign_id());
        std::string current;
        rules::AccountSums sums;
        const auto flush = [&] {
          if (current.empty()) return;
          const auto b = rules::balances_of(sums);
          auto* f = response->add_funds();
          f->set_fund_id(current);
          f->mutable_received()->set_dong(b.received);
          f->mutable_reversed()->set_dong(b.reversed);
          f->mutable_in_kind()->set_dong(b.in_kind);
          f->mutable_reserved()->set_dong(b.reserved);
          f->mutable_disbursed()->set_dong(b.disbursed);
        };
        for (const auto& row : tx.exec_prepared("campaign_ledger_sums", r.campaign_id())) {
          if (current != row[0].c_str()) {
            flush();
            current = row[0].c_str();
            sums = {};
          }
          sums.add({static_cast<rules::Account>(row[1].as<int>()), row[2].as<std::int64_t>()});
        }
        flush();
        for (const auto& row : tx.exec_prepared("campaign_support_counts", r.campaign_id())) {
          const std::string state = row[0].c_str();
          const auto n = row[1].as<std::int64_t>();
          if (state == "approved" || state == "disbursed" || state == "completed") {
            response->set_supports_approved(response->supports_approved() + n);
          }
          if (state == "disbursed" || state == "completed") {
            response->set_supports_disbursed(response->supports_disbursed() + n);
          }
          if (state == "completed") response->set_supports_completed(n);
          if (state == "cancelled") response->set_supports_cancelled(n);
        }
      });
}

}  // namespace vnn::allocation
