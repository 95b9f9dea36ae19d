// Reconciliation (self-inspection): the donation and allocation services' own totals of a
// campaign beside the same figures computed from the read models; every difference is listed to
// the đồng. Once the consumers have caught up there is none.
//
// What each owner's figure means, and what it is compared with:
//   donation, per fund   cash, in_kind_value, total (cash + in kind), direct_to_households —
//                        net of reversals: donation_fact rows not reversed.
//   donation, campaign   total, direct_to_households, results — the figure rows (received,
//                        direct), so a drifted pre-aggregate shows here.
//   allocation, per fund received (cash credited, gross), reversed (cash reversals), in_kind
//                        (goods net of reversals): donation_fact; reserved (supports approved,
//                        not handed over): support_fact of one fund; disbursed: fund_use.
//   allocation, campaign reserved (support_fact; the only comparison when a support draws on
//                        several funds, as the read model keeps no split), disbursed (the
//                        figure rows).
// consumer_lag: what the reporting consumers still had to apply, as the platform's consumer
// gauge (vnn_consumer_lag_events) last measured it (each consumer measures once a second).

#include <prometheus/metric_family.h>

#include "owner_totals.h"
#include "policies.h"
#include "progress.h"
#include "reporting_service.h"
#include "rules/reconciliation.h"
#include "scope.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/rpc/read_handler.h"

namespace vnn::reporting {
namespace {

std::int64_t consumer_lag(const platform::Metrics& metrics) {
  double lag = 0;
  for (const auto& family : metrics.registry()->Collect()) {
    if (family.name != "vnn_consumer_lag_events") continue;
    for (const auto& metric : family.metric) lag += metric.gauge.value;
  }
  return static_cast<std::int64_t>(lag);
}

rules::Figures donation_theirs(const donation::v1::CampaignTotals& totals) {
  rules::Figures f;
  for (const auto& fund : totals.funds()) {
    rules::add(f, fund.fund_id(), "cash", fund.cash().dong());
    rules::add(f, fund.fund_id(), "in_kind_value", fund.in_kind_value().dong());
    rules::add(f, fund.fund_id(), "total", fund.total().dong());
    rules::add(f, fund.fund_id(), "direct_to_households", fund.direct_to_households().dong());
  }
  rules::add(f, "", "total", totals.total().dong());
  rules::add(f, "", "direct_to_households", totals.direct_to_households().dong());
  rules::add(f, "", "results", totals.results().dong());
  return f;
}

rules::Figures allocation_theirs(const allocation::v1::AllocationTotals& totals,
                                 bool per_fund_reserved) {
  rules::Figures f;
  std::int64_t reserved = 0, disbursed = 0;
  for (const auto& fund : totals.funds()) {
    rules::add(f, fund.fund_id(), "received", fund.received().dong());
    rules::add(f, fund.fund_id(), "reversed", fund.reversed().dong());
    rules::add(f, fund.fund_id(), "in_kind", fund.in_kind().dong());
    if (per_fund_reserved) rules::add(f, fund.fund_id(), "reserved", fund.reserved().dong());
    rules::add(f, fund.fund_id(), "disbursed", fund.disbursed().dong());
    reserved += fund.reserved().dong();
    disbursed += fund.disbursed().dong();
  }
  rules::add(f, "", "reserved", reserved);
  rules::add(f, "", "disbursed", disbursed);
  return f;
}

void set_difference(const rules::Difference& d, v1::Difference* out) {
  out->set_source(d.source);
  out->set_fund_id(d.fund_id);
  out->set_figure(d.figure);
  out->mutable_theirs()->set_dong(d.theirs);
  out->mutable_ours()->set_dong(d.ours);
}

}  // namespace

void ReportingServiceImpl::reconcile(const platform::rpc::CallContext& call,
                                     pqxx::transaction_base& tx, const std::string& campaign_id,
                                     v1::Reconciliation* out) const {
  // One pair of channels for the process (one service instance per process).
  static const OwnerTotals owners(context_, settings_);
  out->set_campaign_id(campaign_id);
  // The lag first, then the owners, then our figures: what the owners counted and the
  // read models lack is then at most what the lag says.
  out->set_consumer_lag(consumer_lag(context_.metrics()));
  const auto donation = owners.donation(campaign_id, call.deadline());
  const auto allocation = owners.allocation(campaign_id, call.deadline());
  const auto now = std::chrono::system_clock::now();
  out->mutable_compared_at()->set_seconds(
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());

  load_freshness(tx, out->mutable_freshness());
  rules::Figures donation_ours, allocation_ours;
  for (const auto& row : tx.exec_prepared("reconcile_donations", campaign_id)) {
    const std::string fund = row[0].c_str();
    const auto cash = row[1].as<std::int64_t>(), in_kind = row[2].as<std::int64_t>();
    rules::add(donation_ours, fund, "cash", cash);
    rules::add(donation_ours, fund, "in_kind_value", in_kind);
    rules::add(donation_ours, fund, "total", cash + in_kind);
    rules::add(donation_ours, fund, "direct_to_households", row[3].as<std::int64_t>());
    rules::add(allocation_ours, fund, "received", row[4].as<std::int64_t>());
    rules::add(allocation_ours, fund, "reversed", row[5].as<std::int64_t>());
    rules::add(allocation_ours, fund, "in_kind", in_kind);
  }
  std::int64_t received = 0, direct = 0;
  for (const auto& row : tx.exec_prepared("reconcile_figures", campaign_id)) {
    const std::string figure = row[0].c_str();
    const auto amount = row[1].as<std::int64_t>();
    if (figure == "received") received = amount;
    if (figure == "direct") direct = amount;
    if (figure == "disbursed") rules::add(allocation_ours, "", "disbursed", amount);
  }
  rules::add(donation_ours, "", "total", received);
  rules::add(donation_ours, "", "direct_to_households", direct);
  rules::add(donation_ours, "", "results", received + direct);
  bool per_fund_reserved = true;
  std::int64_t reserved = 0;
  rules::Figures reserved_by_fund;
  for (const auto& row : tx.exec_prepared("reconcile_reserved", campaign_id)) {
    const std::string fund = row[0].c_str();
    const auto amount = row[1].as<std::int64_t>();
    reserved += amount;
    if (fund.empty() && amount != 0) per_fund_reserved = false;
    if (!fund.empty()) rules::add(reserved_by_fund, fund, "reserved", amount);
  }
  if (per_fund_reserved) allocation_ours.insert(reserved_by_fund.begin(), reserved_by_fund.end());
  rules::add(allocation_ours, "", "reserved", reserved);
  for (const auto& row : tx.exec_prepared("reconcile_used", campaign_id)) {
    rules::add(allocation_ours, row[0].c_str(), "disbursed", row[1].as<std::int64_t>());
  }

  rules::Comparison comparison;
  rules::compare("donation", donation_theirs(donation), donation_ours, comparison);
  rules::compare("allocation", allocation_theirs(allocation, per_fund_reserved), allocation_ours,
                 comparison);
  for (const auto& d : comparison.differences) set_difference(d, out->add_differences());
  out->set_figures_compared(comparison.figures_compared);
}

grpc::Status ReportingServiceImpl::Reconcile(grpc::ServerContext* context,
                                             const v1::ReconcileRequest* request,
                                             v1::Reconciliation* response) {
  return platform::rpc::read(context_, context, policies::kReconcile, response,
                             [&](platform::rpc::CallContext& call, pqxx::transaction_base& tx) {
                               const auto campaign = require_campaign(tx, request->campaign_id());
                               visible_unit(call, campaign,
                                            "");  // a district officer: the campaign's own district
                               reconcile(call, tx, request->campaign_id(), response);
                             });
}

}  // namespace vnn::reporting
