// Funds, campaigns and mobilisers: the reference data donations are recorded against.

#include "campaign_details.h"
#include "donation_service.h"
#include "fund_details.h"
#include "policies.h"
#include "proto_names.h"
#include "rules/fund_scope.h"
#include "vnn/platform/db/transaction.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/proto_convert.h"
#include "vnn/platform/rpc/read_handler.h"
#include "vnn/platform/text/text.h"

namespace vnn::donation {
namespace {

using platform::invalid_argument;
using platform::rpc::CallContext;

}  // namespace

bool load_campaign(pqxx::transaction_base& tx, const std::string& id, v1::Campaign* out) {
  auto rows = tx.exec_prepared("campaign_get", id);
  if (rows.empty()) return false;
  out->set_id(id);
  out->set_name(rows[0][0].c_str());
  out->set_unit_code(rows[0][1].c_str());
  platform::to_proto(*platform::Date::parse_iso(rows[0][2].c_str()), out->mutable_starts_on());
  platform::to_proto(*platform::Date::parse_iso(rows[0][3].c_str()), out->mutable_ends_on());
  for (const auto& row : tx.exec_prepared("campaign_funds", id)) out->add_fund_ids(row[0].c_str());
  for (const auto& row : tx.exec_prepared("campaign_milestones", id)) {
    auto* milestone = out->add_milestones();
    milestone->set_kind(parse_milestone_kind(row[0].c_str()));
    platform::to_proto(*platform::Date::parse_iso(row[1].c_str()), milestone->mutable_due_on());
  }
  for (const auto& row : tx.exec_prepared("campaign_targets", id)) {
    auto* target = out->add_targets();
    target->set_unit_code(row[0].c_str());
    target->mutable_amount()->set_dong(row[1].as<std::int64_t>());
    target->set_houses(row[2].as<int>());
  }
  return true;
}

grpc::Status DonationServiceImpl::CreateFund(grpc::ServerContext* context,
                                             const v1::CreateFundRequest* request,
                                             v1::Fund* response) {
  return platform::rpc::mutation(
      context_, context, policies::kCreateFund, request->request_id(), *request, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        require_reference_id(request->id(), "id");
        require_reference_text(request->name(), "name");
        const auto on = platform::required_date(request->unit_valid_on(), "unit_valid_on");
        rules::require_fund_scope(call.principal(), call.service().units(), request->unit_code(),
                                  on, "unit_code");
        if (tx.exec_prepared("fund_insert", request->id(), request->unit_code(), on.iso(),
                             request->name())
                .empty()) {
          throw platform::Error(platform::ErrorCode::kAlreadyExists,
                                "fund " + request->id() + " already exists", "id");
        }
        for (int i = 0; i < request->accounts_size(); ++i) {
          add_fund_account(tx, request->id(), request->accounts(i),
                           "accounts[" + std::to_string(i) + "]");
        }
        load_fund(tx, request->id(), response);
        v1::FundCreated event;
        event.set_fund_id(request->id());
        event.set_unit_code(request->unit_code());
        event.set_name(request->name());
        *event.mutable_unit_valid_on() = request->unit_valid_on();
        context_.outbox().append(tx, {.aggregate_type = "fund",
                                      .event_name = "created",
                                      .aggregate_id = request->id(),
                                      .aggregate_version = 1,
                                      .payload = &event});
        call.audit("fund_id", request->id());
      });
}

grpc::Status DonationServiceImpl::ListFunds(grpc::ServerContext* context,
                                            const v1::ListFundsRequest*,
                                            v1::ListFundsResponse* response) {
  return platform::rpc::read(context_, context, policies::kListFunds, response,
                             [&](CallContext&, pqxx::transaction_base& tx) {
                               for (const auto& row : tx.exec_prepared("fund_list")) {
                                 load_fund(tx, row, response->add_funds());
                               }
                             });
}

grpc::Status DonationServiceImpl::CreateCampaign(grpc::ServerContext* context,
                                                 const v1::CreateCampaignRequest* request,
                                                 v1::Campaign* response) {
  return platform::rpc::mutation(
      context_, context, policies::kCreateCampaign, request->request_id(), *request, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        const auto& c = request->campaign();
        const auto period = check_campaign_header(call, c);
        if (tx.exec_prepared("campaign_insert", c.id(), c.name(), c.unit_code(),
                             period.starts.iso(), period.ends.iso())
                .empty()) {
          throw platform::Error(platform::ErrorCode::kAlreadyExists,
                                "campaign " + c.id() + " already exists", "campaign.id");
        }
        write_campaign_funds(call, tx, c);
        write_campaign_plan(call, tx, c, period);
        load_campaign(tx, c.id(), response);
        v1::CampaignCreated event;
        *event.mutable_campaign() = *response;
        context_.outbox().append(tx, {.aggregate_type = "campaign",
                                      .event_name = "created",
                                      .aggregate_id = c.id(),
                                      .aggregate_version = 1,
                                      .payload = &event});
        call.audit("campaign_id", c.id());
      });
}

grpc::Status DonationServiceImpl::GetCampaign(grpc::ServerContext* context,
                                              const v1::GetCampaignRequest* request,
                                              v1::Campaign* response) {
  return platform::rpc::read(context_, context, policies::kGetCampaign, response,
                             [&](CallContext&, pqxx::transaction_base& tx) {
                               if (!load_campaign(tx, request->id(), response)) {
                                 throw platform::not_found("no campaign " + request->id());
                               }
                             });
}

grpc::Status DonationServiceImpl::CreateMobiliser(grpc::ServerContext* context,
                                                  const v1::CreateMobiliserRequest* request,
                                                  v1::Mobiliser* response) {
  return platform::rpc::mutation(
      context_, context, policies::kCreateMobiliser, request->request_id(), *request, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        const auto& m = request->mobiliser();
        require_reference_id(m.id(), "mobiliser.id");
        require_reference_text(m.name(), "mobiliser.name");
        if (m.kind() == v1::MOBILISER_KIND_UNSPECIFIED || !v1::MobiliserKind_IsValid(m.kind())) {
          throw invalid_argument("mobiliser.kind", "is required");
        }
        call.require_unit("mobiliser.unit_code", m.unit_code(),
                          context_.units().reference_date(m.unit_code()));
        if (tx.exec_prepared("mobiliser_insert", m.id(), mobiliser_kind_name(m.kind()), m.name(),
                             m.unit_code())
                .empty()) {
          throw platform::Error(platform::ErrorCode::kAlreadyExists,
                                "mobiliser " + m.id() + " already exists", "mobiliser.id");
        }
        *response = m;
        v1::MobiliserCreated event;
        *event.mutable_mobiliser() = m;
        context_.outbox().append(tx, {.aggregate_type = "mobiliser",
                                      .event_name = "created",
                                      .aggregate_id = m.id(),
                                      .aggregate_version = 1,
                                      .payload = &event});
        call.audit("mobiliser_id", m.id());
      });
}

}  // namespace vnn::donation
