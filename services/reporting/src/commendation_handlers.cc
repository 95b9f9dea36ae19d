// Commendation: donors, or the member organisations, agencies and board members who mobilised
// them, ranked by amount for the campaign's awards — for a unit and everything below it.
//
// Anonymous donors are left out of the donor ranking: an award names its recipient, and a
// donor who asked not to be named is not named by an award list either (their gifts still count
// in every total). A donor who gave in several units is shown under the unit of the most.

#include <map>

#include "policies.h"
#include "progress.h"
#include "reporting_service.h"
#include "rules/public_text.h"
#include "rules/ranking.h"
#include "scope.h"
#include "vnn/platform/db/arrays.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/rpc/read_handler.h"

namespace vnn::reporting {
namespace {

// "MOBILISER_KIND_MEMBER_ORGANISATION" (as the read model keeps it) → what officers read.
std::string mobiliser_kind_label(const std::string& kind) {
  if (kind == "MOBILISER_KIND_MEMBER_ORGANISATION") return "Tổ chức thành viên";
  if (kind == "MOBILISER_KIND_AGENCY") return "Cơ quan, đơn vị";
  if (kind == "MOBILISER_KIND_BOARD_MEMBER") return "Thành viên Ban vận động";
  return rules::label("unknown");
}

struct Tally {
  rules::Ranked entry;
  std::map<std::string, std::int64_t> by_group;  // amount per unit shown
  std::string own_unit;                          // a mobiliser's own unit, when known
};

}  // namespace

grpc::Status ReportingServiceImpl::GetCommendation(grpc::ServerContext* context,
                                                   const v1::GetCommendationRequest* request,
                                                   v1::Commendation* response) {
  return platform::rpc::read(
      context_, context, policies::kGetCommendation, response,
      [&](platform::rpc::CallContext& call, pqxx::transaction_base& tx) {
        const auto& r = *request;
        if (r.limit() < 0) {
          throw platform::invalid_argument("limit", "must not be negative", "không được âm");
        }
        const auto campaign = require_campaign(tx, r.campaign_id());
        const auto unit = visible_unit(call, campaign, r.unit_code());
        load_freshness(tx, response->mutable_freshness());
        const bool mobilisers = r.kind() == v1::COMMENDATION_KIND_MOBILISERS;
        response->set_campaign_id(r.campaign_id());
        response->set_unit_code(unit);
        response->set_kind(mobilisers ? v1::COMMENDATION_KIND_MOBILISERS
                                      : v1::COMMENDATION_KIND_DONORS);

        // The leaves below the unit, as progress counts them (as of then).
        std::vector<std::string> leaves;
        for (const auto& row : tx.exec_prepared("campaign_leaves", r.campaign_id())) {
          leaves.emplace_back(row[0].c_str());
        }
        const auto plan =
            rules::rollup(context_.units(), unit, leaves, campaign.starts_on, campaign.ends_on,
                          rules::View::kAsOfThen, platform::Date::today_in_vietnam());
        std::vector<std::string> counted;
        for (const auto& [leaf, group] : plan.group_of) counted.push_back(leaf);
        const auto leaf_array = platform::db::text_array(counted);

        std::map<std::string, Tally> tallies;
        const auto tally = [&](const std::string& id, const std::string& leaf, std::int64_t count,
                               std::int64_t amount) -> Tally& {
          auto& t = tallies[id];
          t.entry.id = id;
          t.entry.count += count;
          t.entry.amount += amount;
          t.by_group[plan.group_of.at(leaf)] += amount;
          return t;
        };
        if (mobilisers) {
          for (const auto& row :
               tx.exec_prepared("commendation_mobilisers", r.campaign_id(), leaf_array)) {
            auto& t = tally(row[0].c_str(), row[1].c_str(), row[5].as<std::int64_t>(),
                            row[6].as<std::int64_t>());
            const std::string name = row[2].c_str();
            t.entry.name = name.empty() ? t.entry.id : name;
            t.entry.kind = mobiliser_kind_label(row[3].c_str());
            t.own_unit = row[4].c_str();
          }
        } else {
          for (const auto& row :
               tx.exec_prepared("commendation_donors", r.campaign_id(), leaf_array)) {
            auto& t = tally(row[0].c_str(), row[1].c_str(), row[4].as<std::int64_t>(),
                            row[5].as<std::int64_t>());
            // Names as the public would read them: a phone number in a name stays out.
            t.entry.name = rules::public_donor(row[2].c_str());
            t.entry.kind = rules::label(row[3].c_str());
          }
        }
        std::vector<rules::Ranked> entries;
        entries.reserve(tallies.size());
        for (auto& [id, t] : tallies) {
          if (!t.own_unit.empty()) {
            t.entry.unit_code = t.own_unit;
          } else {
            std::int64_t most = 0;
            for (const auto& [group, amount] : t.by_group) {
              if (t.entry.unit_code.empty() || amount > most) {
                t.entry.unit_code = group;
                most = amount;
              }
            }
          }
          entries.push_back(std::move(t.entry));
        }
        for (const auto& e :
             rules::rank(std::move(entries), rules::commendation_limit(r.limit()))) {
          auto* out = response->add_entries();
          out->set_rank(e.rank);
          out->set_id(e.id);
          out->set_name(e.name);
          out->set_kind(e.kind);
          out->set_unit_code(e.unit_code);
          out->set_count(e.count);
          out->mutable_amount()->set_dong(e.amount);
        }
      });
}

}  // namespace vnn::reporting
