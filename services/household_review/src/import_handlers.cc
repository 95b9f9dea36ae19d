// Bulk registration from a commune's official poor-household list, streamed as CSV: one row per
// person, the rows of a household together, its head first (docs/import-formats.md). Good
// households are written in batches — one statement per table per batch, duplicates searched
// set-based — so a province's 100,000 households import in well under a minute.

#include <charconv>
#include <map>

#include "duplicate_finder.h"
#include "household_registry.h"
#include "household_service.h"
#include "policies.h"
#include "proto_names.h"
#include "vnn/platform/db/transaction.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/events/outbox.h"
#include "vnn/platform/rpc/handler.h"
#include "vnn/platform/text/csv_reader.h"
#include "vnn/platform/text/row_problem_codes.h"
#include "vnn/platform/text/text.h"

namespace vnn::household_review {
namespace {

using platform::invalid_argument;
using platform::rpc::CallContext;
namespace text = platform::text;

constexpr std::size_t kBatchHouseholds = 2000;
constexpr int kMaxListed = 1000;

// The columns, in this order, on line 1.
const std::vector<std::string> kColumns{
    "household_code",   "hamlet",          "address",  "poverty_status",
    "poverty_standard", "classified_year", "housing",  "meritorious_member",
    "sudden_hardship",  "vulnerabilities", "relation", "full_name",
    "birth_year",       "citizen_id"};
enum Column {
  kCode,
  kHamlet,
  kAddress,
  kStatus,
  kStandard,
  kYear,
  kHousing,
  kMerit,
  kHardship,
  kVulnerable,
  kRelation,
  kName,
  kBirthYear,
  kCitizenId
};

std::optional<int> parse_int(const std::string& text) {
  int value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// English words as stored, or the Vietnamese ones the official lists print.
v1::PovertyStatus parse_status_word(const std::string& word) {
  if (word == "nghèo" || word == "hộ nghèo") return v1::POVERTY_STATUS_POOR;
  if (word == "cận nghèo" || word == "hộ cận nghèo") return v1::POVERTY_STATUS_NEAR_POOR;
  return parse_poverty_status(word);
}
v1::Housing parse_housing_word(const std::string& word) {
  if (word == "nhà tạm") return v1::HOUSING_TEMPORARY;
  if (word == "nhà thiếu kiên cố") return v1::HOUSING_NON_DURABLE;
  if (word == "nhà kiên cố") return v1::HOUSING_DURABLE;
  return parse_housing(word);
}
std::optional<bool> parse_flag(const std::string& word) {
  if (word.empty() || word == "0" || word == "không" || word == "false") return false;
  if (word == "1" || word == "có" || word == "x" || word == "true") return true;
  return std::nullopt;
}

struct Problem {
  std::int64_t line;
  std::string field, reason, code;
};

// One household as read: its rows and the message built from them.
struct PendingHousehold {
  std::vector<std::int64_t> lines;  // the head's first
  v1::Household message;
  std::optional<Problem> problem;
};

class HouseholdImport {
 public:
  HouseholdImport(const platform::rpc::ServiceContext& service, const PersonalDataVault& vault,
                  const HouseholdSettings& settings, CallContext& call, std::string unit_code,
                  v1::ImportHouseholdsReport* report)
      : service_(service),
        vault_(vault),
        settings_(settings),
        call_(call),
        unit_code_(std::move(unit_code)),
        report_(report) {}

  void record(const text::CsvRecord& record) {
    if (record.line == 1) return check_columns(record);
    if (record.fields.size() == 1 && record.fields[0].empty()) return;  // a blank line
    report_->set_rows(report_->rows() + 1);
    const std::string code = record.fields.empty() ? "" : record.fields[kCode];
    if (!current_ || code != current_->message.household_code())
      start_household(record, code);
    else
      current_->lines.push_back(record.line);
    if (current_->problem) return;
    if (record.malformed) return fail(record.line, "", text::kMalformedRow, "malformed quoting");
    if (record.fields.size() != kColumns.size()) {
      return fail(record.line, "", text::kWrongFieldCount,
                  "expected " + std::to_string(kColumns.size()) + " fields, got " +
                      std::to_string(record.fields.size()));
    }
    for (std::size_t i = 0; i < kColumns.size(); ++i) {
      const auto problem = text::check_text(record.fields[i], 500, false);
      if (problem != text::TextProblem::kNone) {
        return fail(record.line, kColumns[i], text::text_problem_code(problem),
                    text::text_problem_reason(problem, 500));
      }
    }
    if (current_->lines.size() == 1) read_household_fields(record);
    if (current_->problem) return;
    const bool head = current_->lines.size() == 1;
    v1::Person* person = head ? current_->message.mutable_head() : current_->message.add_members();
    person->set_relation(record.fields[kRelation]);
    person->set_full_name(record.fields[kName]);
    person->set_citizen_id(record.fields[kCitizenId]);
    auto year = parse_int(record.fields[kBirthYear]);
    if (!year) return fail(record.line, "birth_year", text::kInvalidValue, "is not a year");
    person->set_birth_year(*year);
  }

  void finish() {
    close_household();
    flush();
    call_.audit("rows", report_->rows());
    call_.audit("households_created", report_->households_created());
    call_.audit("rejected_rows", report_->rejected_rows());
  }

 private:
  void check_columns(const text::CsvRecord& record) {
    auto fields = record.fields;
    if (!fields.empty() && fields[0].starts_with("\xEF\xBB\xBF")) fields[0].erase(0, 3);  // BOM
    if (fields != kColumns) {
      std::string expected;
      for (const auto& c : kColumns) expected += (expected.empty() ? "" : ",") + c;
      throw invalid_argument("csv", "line 1 must be the header " + expected);
    }
  }

  void start_household(const text::CsvRecord& record, const std::string& code) {
    close_household();
    current_.emplace();
    current_->lines.push_back(record.line);
    current_->message.set_household_code(code);
    current_->message.set_unit_code(unit_code_);
    // The rows of a household come together: a code seen before is a second household.
    auto [it, fresh] = first_line_.try_emplace(code, record.line);
    if (!fresh && !code.empty()) {
      fail(record.line, "household_code", text::kRowsApart,
           "repeats the household of line " + std::to_string(it->second) +
               " (keep a household's rows together)");
    }
  }

  void read_household_fields(const text::CsvRecord& record) {
    auto& h = current_->message;
    const auto& f = record.fields;
    h.set_hamlet(f[kHamlet]);
    h.set_address(f[kAddress]);
    h.set_poverty_status(parse_status_word(f[kStatus]));
    if (h.poverty_status() == v1::POVERTY_STATUS_UNSPECIFIED) {
      return fail(record.line, "poverty_status", text::kInvalidValue,
                  "must be poor, near_poor, nghèo or cận nghèo");
    }
    h.set_poverty_standard(f[kStandard]);
    auto year = parse_int(f[kYear]);
    if (!year) return fail(record.line, "classified_year", text::kInvalidValue, "is not a year");
    h.set_classified_year(*year);
    h.set_housing(parse_housing_word(f[kHousing]));
    if (h.housing() == v1::HOUSING_UNSPECIFIED) {
      return fail(record.line, "housing", text::kInvalidValue,
                  "must be temporary, non_durable, durable or nhà tạm, …");
    }
    auto merit = parse_flag(f[kMerit]);
    if (!merit) {
      return fail(record.line, "meritorious_member", text::kInvalidValue,
                  "must be 0 or 1 (không / có)");
    }
    h.set_meritorious_member(*merit);
    h.set_sudden_hardship(f[kHardship]);
    std::string_view rest = f[kVulnerable];
    while (!rest.empty()) {
      auto cut = rest.find(';');
      std::string item(rest.substr(0, cut));
      while (!item.empty() && item.front() == ' ') item.erase(0, 1);
      while (!item.empty() && item.back() == ' ') item.pop_back();
      if (!item.empty()) h.add_vulnerabilities(item);
      rest = cut == std::string_view::npos ? "" : rest.substr(cut + 1);
    }
  }

  void fail(std::int64_t line, std::string field, const char* code, std::string reason) {
    if (current_ && !current_->problem) current_->problem = Problem{line, field, reason, code};
  }

  // Validates the household read so far and queues it for the next batch.
  void close_household() {
    if (!current_) return;
    auto pending = std::move(*current_);
    current_.reset();
    if (!pending.problem) {
      try {
        batch_.push_back(validate_household(pending.message, vault_, ""));
      } catch (const platform::Error& error) {
        pending.problem = locate(pending, error);
      }
    }
    if (pending.problem) {
      report_->set_rejected_rows(report_->rejected_rows() +
                                 static_cast<std::int64_t>(pending.lines.size()));
      if (report_->problems_size() < kMaxListed) {
        auto* p = report_->add_problems();
        p->set_line(pending.problem->line);
        p->set_field(pending.problem->field);
        p->set_reason(pending.problem->reason);
        p->set_code(pending.problem->code);
      }
    }
    if (batch_.size() >= kBatchHouseholds) flush();
  }

  // "members[2].birth_year" → the line of that member's row and its column.
  static Problem locate(const PendingHousehold& pending, const platform::Error& error) {
    std::string field = error.field();
    std::int64_t line = pending.lines.front();
    if (field.starts_with("members[")) {
      const auto index = std::stoul(field.substr(8));
      if (index + 1 < pending.lines.size()) line = pending.lines[index + 1];
    }
    const auto dot = field.rfind('.');
    if (dot != std::string::npos) field = field.substr(dot + 1);
    if (field == "head" || field == "members") field = "full_name";
    std::string reason = error.what();
    const auto colon = reason.find(": ");
    if (colon != std::string::npos) reason = reason.substr(colon + 2);
    const char* code = reason.starts_with("is required") ? text::kRequired : text::kInvalidValue;
    return {line, field, reason, code};
  }

  void flush() {
    if (batch_.empty()) return;
    platform::db::with_transaction(
        service_.pool(), call_.tx_options(), [&](pqxx::transaction_base& tx) {
          // The registry grows from nothing to a province during one import: a plan cached
          // while it was small (a scan of every person per batch) would make the import
          // quadratic. Plan each batch's statements for the rows as they are.
          tx.exec("SET LOCAL plan_cache_mode = force_custom_plan");
          const auto inserted =
              insert_households(tx, unit_code_, batch_, call_.principal().subject);
          std::vector<std::int64_t> ids;
          std::map<std::string, const ValidHousehold*> by_code;
          for (const auto& h : batch_) by_code[h.household_code] = &h;
          std::vector<v1::HouseholdRegistered> events(inserted.size());
          std::vector<platform::events::EventDraft> drafts;
          for (std::size_t i = 0; i < inserted.size(); ++i) {
            ids.push_back(inserted[i].id);
            const auto& h = *by_code.at(inserted[i].household_code);
            auto& e = events[i];
            e.set_household_id(inserted[i].id);
            e.set_unit_code(unit_code_);
            e.set_masked_name(h.persons.front().masked_name);
            e.mutable_flags()->set_poverty_status(parse_poverty_status(h.poverty_status));
            e.mutable_flags()->set_housing(parse_housing(h.housing));
            e.mutable_flags()->set_meritorious_member(h.meritorious_member);
            e.mutable_flags()->set_sudden_hardship(!h.sudden_hardship.empty());
            drafts.push_back({.aggregate_type = "household",
                              .event_name = "registered",
                              .aggregate_id = std::to_string(inserted[i].id),
                              .aggregate_version = 1,
                              .payload = &e});
          }
          const auto candidates = record_duplicate_candidates(tx, ids, settings_.name_similarity);
          service_.outbox().append_batch(tx, drafts);
          created_ = static_cast<std::int64_t>(inserted.size());
          existing_ = static_cast<std::int64_t>(batch_.size() - inserted.size());
          candidates_ = candidates;
        });
    // Counted after the commit: a retried transaction must not count twice.
    report_->set_households_created(report_->households_created() + created_);
    report_->set_households_existing(report_->households_existing() + existing_);
    report_->set_duplicate_candidates(report_->duplicate_candidates() + candidates_);
    batch_.clear();
  }

  const platform::rpc::ServiceContext& service_;
  const PersonalDataVault& vault_;
  const HouseholdSettings& settings_;
  CallContext& call_;
  std::string unit_code_;
  v1::ImportHouseholdsReport* report_;
  std::optional<PendingHousehold> current_;
  std::map<std::string, std::int64_t> first_line_;
  std::vector<ValidHousehold> batch_;
  std::int64_t created_ = 0, existing_ = 0, candidates_ = 0;
};

}  // namespace

grpc::Status HouseholdReviewServiceImpl::ImportHouseholds(
    grpc::ServerContext* context, grpc::ServerReader<v1::ImportHouseholdsChunk>* reader,
    v1::ImportHouseholdsReport* response) {
  v1::ImportHouseholdsChunk chunk;
  const bool has_header = reader->Read(&chunk) && chunk.has_header();
  const std::string request_id = has_header ? chunk.header().request_id() : "";
  return platform::rpc::streaming_mutation(
      context_, context, policies::kImportHouseholds, request_id, [&](CallContext& call) {
        if (!has_header) throw invalid_argument("header", "the first message must be the header");
        require_commune(call, "header.unit_code", chunk.header().unit_code());
        call.audit("unit_code", chunk.header().unit_code());
        HouseholdImport run(context_, vault_, settings_, call, chunk.header().unit_code(),
                            response);
        text::CsvReader csv([&](const text::CsvRecord& record) { run.record(record); });
        while (reader->Read(&chunk)) {
          if (context->IsCancelled()) {
            throw platform::Error(platform::ErrorCode::kAborted, "cancelled");
          }
          if (chunk.has_header()) {
            throw invalid_argument("header", "only the first message is a header");
          }
          csv.feed(chunk.data());
        }
        csv.finish();
        run.finish();
      });
}

}  // namespace vnn::household_review
