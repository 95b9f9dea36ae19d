// The registry: registering one household, reading and listing them as the caller may see them.

#include "duplicate_finder.h"
#include "household_events.h"
#include "household_registry.h"
#include "household_service.h"
#include "policies.h"
#include "proto_names.h"
#include "rules/name_search.h"
#include "rules/scope.h"
#include "vnn/platform/db/filtered_query.h"
#include "vnn/platform/db/transaction.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/rpc/paging.h"
#include "vnn/platform/rpc/read_handler.h"

namespace vnn::household_review {
namespace {

using platform::invalid_argument;
using platform::rpc::CallContext;

constexpr int kDefaultPage = 100;
constexpr int kMaxPage = 1000;

}  // namespace

grpc::Status HouseholdReviewServiceImpl::RegisterHousehold(
    grpc::ServerContext* context, const v1::RegisterHouseholdRequest* request,
    v1::Household* response) {
  return platform::rpc::mutation(
      context_, context, policies::kRegisterHousehold, request->request_id(), *request, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        const auto& in = request->household();
        require_commune(call, "household.unit_code", in.unit_code());
        auto valid = validate_household(in, vault_, "household.");
        auto inserted =
            insert_households(tx, in.unit_code(), {valid}, call.principal().subject, vault_);
        if (inserted.empty()) {
          throw platform::Error(platform::ErrorCode::kAlreadyExists,
                                "household " + in.household_code() + " is registered in " +
                                    in.unit_code() + " already",
                                "household.household_code");
        }
        const auto id = inserted.front().id;
        const auto candidates = record_duplicate_candidates(tx, {id}, settings_.name_similarity);
        v1::HouseholdRegistered event;
        event.set_household_id(id);
        event.set_unit_code(in.unit_code());
        event.set_masked_name(valid.persons.front().masked_name);
        *event.mutable_flags() = household_summary(tx, id)->flags;
        context_.outbox().append(tx, {.aggregate_type = "household",
                                      .event_name = "registered",
                                      .aggregate_id = std::to_string(id),
                                      .aggregate_version = 1,
                                      .payload = &event});
        load_household(tx, id, disclosure_for(call.principal()), vault_, response);
        call.audit("household_id", id);
        call.audit("duplicate_candidates", candidates);
      });
}

grpc::Status HouseholdReviewServiceImpl::GetHousehold(grpc::ServerContext* context,
                                                      const v1::GetHouseholdRequest* request,
                                                      v1::Household* response) {
  return platform::rpc::read(
      context_, context, policies::kReadHouseholds, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        const auto summary = household_summary(tx, request->id());
        // What a caller may not see does not exist for it: ids cannot be probed.
        if (!summary || !may_see_household(call, tx, request->id(), summary->unit_code)) {
          throw platform::not_found("no household " + std::to_string(request->id()));
        }
        const auto disclosure = disclosure_for(call.principal());
        load_household(tx, request->id(), disclosure, vault_, response);
        // Names, address or citizen ids in clear: the read is recorded (Decree 13/2023).
        if (disclosure != Disclosure::kMasked) call.note_personal_read("household", request->id());
      });
}

grpc::Status HouseholdReviewServiceImpl::ListHouseholds(grpc::ServerContext* context,
                                                        const v1::ListHouseholdsRequest* request,
                                                        v1::ListHouseholdsResponse* response) {
  return platform::rpc::read(
      context_, context, policies::kListHouseholds, response,
      [&](CallContext& call, pqxx::transaction_base& tx) {
        const auto& r = *request;
        v1::ListHouseholdsRequest filters = r;
        filters.clear_page();
        const auto page = platform::rpc::read_page(call, r.page(), filters, kDefaultPage, kMaxPage);
        const auto disclosure = disclosure_for(call.principal());
        platform::db::FilteredQuery query("SELECT h.id, h.unit_code FROM household h", "h.id",
                                          page.after);
        if (!r.unit_code().empty()) {
          call.require_unit("unit_code", r.unit_code(), unit_date(context_, r.unit_code()));
          // A district lists the communes below it, a commune its own households.
          const auto* unit =
              context_.units().find(r.unit_code(), unit_date(context_, r.unit_code()));
          if (rules::lists_units_below(unit->kind)) {
            query.unit_in("h.unit_code",
                          rules::household_units_below(context_.units(), r.unit_code()));
          } else {
            query.equals("h.unit_code", r.unit_code());
          }
        }
        if (!r.hamlet().empty())
          query.where("h.hamlet_key = name_key(" + query.param(r.hamlet()) + ")");
        if (r.poverty_status() != v1::POVERTY_STATUS_UNSPECIFIED) {
          query.equals("h.poverty_status", poverty_status_name(r.poverty_status()));
        }
        if (r.housing() != v1::HOUSING_UNSPECIFIED) {
          query.equals("h.housing", housing_name(r.housing()));
        }
        if (!r.name_contains().empty()) {
          if (disclosure == Disclosure::kMasked) {
            throw platform::permission_denied("searching by name needs access to personal data");
          }
          rules::require_name_search(r.name_contains());
          query.where(
              "EXISTS (SELECT 1 FROM person p WHERE p.household_id = h.id AND p.name_key "
              "LIKE '%' || name_key(" +
              query.param(r.name_contains()) + ") || '%')");
        }
        const auto& who = call.principal();
        if (who.role == platform::auth::Role::kMemberOrganisation) {
          query.where(
              "EXISTS (SELECT 1 FROM assignment a WHERE a.household_id = h.id AND "
              "a.organisation_id = " +
              query.param(who.organisation_id.empty() ? "\x01" : who.organisation_id) + ")");
        } else if (const auto units = rules::household_units(who, context_.units())) {
          // The caller's units are part of the query, before its LIMIT: a page holds only
          // households the caller may see, and a token never names another unit's household.
          query.unit_in("h.unit_code", *units);
        }
        auto rows = query.run(tx, page.size + 1);
        platform::rpc::take_page(
            rows, page, response->mutable_page(), [&](const pqxx::row&, std::int64_t last) {
              load_household(tx, last, disclosure, vault_, response->add_households());
              if (disclosure != Disclosure::kMasked) call.note_personal_read("household", last);
            });
      });
}

}  // namespace vnn::household_review
