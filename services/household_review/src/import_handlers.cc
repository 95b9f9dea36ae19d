// Bulk registration from a commune's official poor-household list, streamed as CSV: one row per
// person, the rows of a household together, its head first (docs/import-formats.md). Good
// households are written in batches — one statement per table per batch, duplicates searched
// set-based — so an import's cost grows with its batches, not its rows (figures:
// docs/benchmarks.md).

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
#include "vnn/platform/import/csv_stream.h"
#include "vnn/platform/text/csv_import.h"
#include "vnn/platform/text/row_problem_codes.h"
#include "vnn/platform/text/text.h"

namespace vnn::household_review {
namespace {

using platform::invalid_argument;
using platform::rpc::CallContext;
namespace text = platform::text;

constexpr std::size_t kBatchHouseholds = 2000;
// The registry's cap on members besides the head (validate_household): rows of one household
// past it are counted, not collected.
constexpr std::size_t kMaxMembers = 30;

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

using Problem = text::RowProblem;

// One household as read: its rows and the message built from them.
struct PendingHousehold {
  std::vector<std::int64_t> lines;  // of the rows collected, the head's first
  std::int64_t rows = 0;            // every row, collected or not
  v1::Household message;
  std::optional<Problem> problem;
};

class HouseholdImport final : public platform::import::CsvImporter {
 public:
  HouseholdImport(const PersonalDataVault& vault, const HouseholdSettings& settings,
                  CallContext& call, std::string unit_code, v1::ImportHouseholdsReport* report)
      : service_(call.service()),
        vault_(vault),
        settings_(settings),
        call_(call),
        unit_code_(std::move(unit_code)),
        report_(report),
        frame_({.columns = kColumns}, call.service().import_limits(),
               [this](const text::CsvRecord& r, const Problem* p) { row(r, p); }) {}

  text::CsvImport& frame() override { return frame_; }

  void finish() override {
    close_household();
    flush();
    call_.audit("rows", report_->rows());
    call_.audit("households_created", report_->households_created());
    call_.audit("rejected_rows", report_->rejected_rows());
  }

 private:
  void row(const text::CsvRecord& record, const Problem* problem) {
    report_->set_rows(frame_.rows());
    const std::string code = record.fields.empty() ? "" : record.fields[kCode];
    if (!current_ || code != current_->message.household_code()) start_household(record, code);
    ++current_->rows;
    if (current_->problem) return;
    if (current_->rows > 1) {
      // A household longer than the cap fails here, before its extra rows are collected.
      if (current_->lines.size() > kMaxMembers) {
        return fail(current_->lines.front(), "full_name", text::kInvalidValue, "at most 30");
      }
      current_->lines.push_back(record.line);
    }
    if (problem) return fail(problem->line, problem->field, problem->code.c_str(), problem->reason);
    if (current_->rows == 1) read_household_fields(record);
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
    if (current_ && !current_->problem) current_->problem = Problem{line, field, code, reason};
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
      report_->set_rejected_rows(report_->rejected_rows() + pending.rows);
      platform::import::list_problem(*report_->mutable_problems(), *pending.problem,
                                     frame_.limits().max_problems_listed);
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
    return {line, field, code, reason};
  }

  void flush() {
    if (batch_.empty()) return;
    platform::db::with_transaction(
        service_.pool(), call_.import_tx_options(), [&](pqxx::transaction_base& tx) {
          // The registry grows from nothing to a province during one import: a plan cached
          // while it was small (a scan of every person per batch) would make the import
          // quadratic. Plan each batch's statements for the rows as they are.
          tx.exec("SET LOCAL plan_cache_mode = force_custom_plan");
          const auto inserted =
              insert_households(tx, unit_code_, batch_, call_.principal().subject, vault_);
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
  // A household's first line by its code: one entry per household, so the row limit bounds it.
  std::map<std::string, std::int64_t> first_line_;
  std::vector<ValidHousehold> batch_;
  std::int64_t created_ = 0, existing_ = 0, candidates_ = 0;
  text::CsvImport frame_;  // last: its rows reach the members above
};

}  // namespace

grpc::Status HouseholdReviewServiceImpl::ImportHouseholds(
    grpc::ServerContext* context, grpc::ServerReader<v1::ImportHouseholdsChunk>* reader,
    v1::ImportHouseholdsReport* response) {
  return platform::import::stream_csv<v1::ImportHouseholdsChunk>(
      context_, context, reader, policies::kImportHouseholds,
      [&](CallContext& call, const v1::ImportHouseholdsChunk& first)
          -> std::unique_ptr<platform::import::CsvImporter> {
        const auto& unit_code = first.header().unit_code();
        require_commune(call, "header.unit_code", unit_code);
        call.audit("unit_code", unit_code);
        return std::make_unique<HouseholdImport>(vault_, settings_, call, unit_code, response);
      },
      [](const v1::ImportHouseholdsChunk& chunk) -> std::string_view { return chunk.data(); });
}

}  // namespace vnn::household_review
