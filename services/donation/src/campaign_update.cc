// Changing a campaign after it was created: the standing board moves a deadline, raises a
// target, or lets another fund take part. What donations were recorded against stays true: the
// organising unit and the start do not move, no fund leaves, and the end does not move before
// a donation already received. Every change is kept with its reason and announced, so household
// review applies a moved deadline.

#include <set>

#include "campaign_details.h"
#include "change_history.h"
#include "donation_service.h"
#include "policies.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/proto_convert.h"

namespace vnn::donation {

grpc::Status DonationServiceImpl::UpdateCampaign(grpc::ServerContext* context,
                                                 const v1::UpdateCampaignRequest* request,
                                                 v1::Campaign* response) {
  using platform::invalid_argument;
  return platform::rpc::mutation(
      context_, context, policies::kUpdateCampaign, request->request_id(), *request, response,
      [&](platform::rpc::CallContext& call, pqxx::transaction_base& tx) {
        const auto& c = request->campaign();
        require_change_reason(request->reason());
        const auto period = check_campaign_header(call, c);
        // Changes to one campaign queue here, so versions follow one another.
        if (tx.exec_prepared("campaign_lock_version", c.id()).empty()) {
          throw platform::not_found("no campaign " + c.id());
        }
        v1::Campaign before;
        load_campaign(tx, c.id(), &before);
        if (c.unit_code() != before.unit_code()) {
          throw invalid_argument("campaign.unit_code", "the organising unit cannot change");
        }
        if (platform::required_date(before.starts_on(), "campaign.starts_on") != period.starts) {
          throw invalid_argument("campaign.starts_on", "the start cannot move");
        }
        const std::set<std::string> kept(c.fund_ids().begin(), c.fund_ids().end());
        for (const auto& fund : before.fund_ids()) {
          if (!kept.contains(fund)) {
            throw invalid_argument("campaign.fund_ids", "fund " + fund + " cannot leave");
          }
        }
        auto last = tx.exec_prepared("campaign_last_received", c.id());
        if (!last[0][0].is_null() && period.ends < *platform::Date::parse_iso(last[0][0].c_str())) {
          throw invalid_argument(
              "campaign.ends_on",
              std::string("is before a donation received on ") + last[0][0].c_str());
        }
        const auto version =
            tx.exec_prepared("campaign_update", c.id(), c.name(), period.ends.iso())[0][0]
                .as<std::int64_t>();
        tx.exec_prepared("campaign_change_insert", c.id(), version, request->reason(),
                         call.principal().subject, history_json(before));
        write_campaign_funds(call, tx, c);
        write_campaign_plan(call, tx, c, period);
        response->Clear();
        load_campaign(tx, c.id(), response);
        v1::CampaignChanged event;
        *event.mutable_campaign() = *response;
        event.set_reason(request->reason());
        context_.outbox().append(tx, {.aggregate_type = "campaign",
                                      .event_name = "changed",
                                      .aggregate_id = c.id(),
                                      .aggregate_version = version,
                                      .payload = &event});
        call.audit("campaign_id", c.id());
        call.audit("version", version);
      });
}

}  // namespace vnn::donation
