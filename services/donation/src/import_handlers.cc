// Bulk intake: an agency's payroll list, or a fund account's bank statement, streamed as CSV.
// Good rows are written in batches (one transaction, one statement per table per batch), so a
// million-row list costs hundreds of commits, not a million.

#include <openssl/evp.h>

#include "donation_checks.h"
#include "donation_service.h"
#include "policies.h"
#include "vnn/platform/db/arrays.h"
#include "vnn/platform/db/transaction.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/events/outbox.h"
#include "vnn/platform/proto_convert.h"
#include "vnn/platform/rpc/handler.h"
#include "vnn/platform/text/csv_reader.h"
#include "vnn/platform/text/identifiers.h"
#include "vnn/platform/text/text.h"

namespace vnn::donation {
namespace {

using platform::invalid_argument;
using platform::rpc::CallContext;

constexpr std::size_t kBatchRows = 5000;
constexpr int kMaxListed = 1000;
const std::vector<std::string> kPayrollColumns{"full_name", "citizen_id", "amount_dong", "note"};
const std::vector<std::string> kStatementColumns{"date", "reference", "amount_dong", "description"};

std::string sha256_hex(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr);
  return platform::db::to_hex(std::string(reinterpret_cast<const char*>(digest), length));
}

std::optional<std::int64_t> parse_amount(const std::string& text) {
  if (text.empty() || text.size() > 15) return std::nullopt;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// "2024-03-15" or "15/03/2024", as banks print them.
std::optional<platform::Date> parse_statement_date(const std::string& text) {
  if (auto iso = platform::Date::parse_iso(text)) return iso;
  if (text.size() == 10 && text[2] == '/' && text[5] == '/') {
    return platform::Date::parse_iso(text.substr(6, 4) + "-" + text.substr(3, 2) + "-" +
                                     text.substr(0, 2));
  }
  return std::nullopt;
}

struct PayrollRow {
  std::int64_t line;
  std::string name, hash, mask, note, key;
  std::int64_t amount;
};

// Everything one import needs to know, checked once from the header.
struct ImportTarget {
  v1::ImportHeader header;
  std::string unit_code;
  platform::Date received_on;
  std::string account;
  std::optional<platform::Date> account_closed_on;  // statement: a closed account takes nothing
};

class ImportRun {
 public:
  ImportRun(const platform::rpc::ServiceContext& service, const DonorRegistry& donors,
            CallContext& call, std::int64_t max_amount, ImportTarget target,
            v1::ImportReport* report)
      : service_(service),
        donors_(donors),
        call_(call),
        max_amount_(max_amount),
        target_(std::move(target)),
        report_(report),
        payroll_(target_.header.format() == v1::IMPORT_FORMAT_PAYROLL) {}

  void record(const platform::text::CsvRecord& record) {
    if (record.line == 1) return check_columns(record);
    if (record.fields.size() == 1 && record.fields[0].empty()) return;  // a blank line
    report_->set_rows(report_->rows() + 1);
    const auto& columns = payroll_ ? kPayrollColumns : kStatementColumns;
    if (record.malformed) return reject(record.line, "", "malformed quoting");
    if (record.fields.size() != columns.size()) {
      return reject(record.line, "",
                    "expected " + std::to_string(columns.size()) + " fields, got " +
                        std::to_string(record.fields.size()));
    }
    for (std::size_t i = 0; i < columns.size(); ++i) {
      auto problem = platform::text::check_text(record.fields[i], 500, false);
      if (problem != platform::text::TextProblem::kNone) {
        return reject(record.line, columns[i], platform::text::text_problem_reason(problem, 500));
      }
    }
    auto amount = parse_amount(record.fields[2]);
    if (!amount || *amount <= 0 || *amount > max_amount_) {
      return reject(
          record.line, "amount_dong",
          "must be a whole positive number of đồng, at most " + std::to_string(max_amount_));
    }
    if (payroll_) {
      add_payroll_row(record, *amount);
    } else {
      add_statement_line(record, *amount);
    }
  }

  void finish() {
    if (payroll_) {
      flush_payroll();
    } else {
      flush_statement();
    }
    call_.audit("rows", report_->rows());
    call_.audit("recorded", report_->recorded());
    call_.audit("rejected", report_->rejected());
    call_.audit("recorded_dong", report_->recorded_amount().dong());
  }

 private:
  void check_columns(const platform::text::CsvRecord& record) {
    auto fields = record.fields;
    if (!fields.empty() && fields[0].starts_with("\xEF\xBB\xBF")) fields[0].erase(0, 3);  // BOM
    const auto& columns = payroll_ ? kPayrollColumns : kStatementColumns;
    if (fields != columns) {
      std::string expected;
      for (const auto& c : columns) expected += (expected.empty() ? "" : ",") + c;
      throw invalid_argument("csv", "line 1 must be the header " + expected);
    }
  }

  void reject(std::int64_t line, const std::string& field, const std::string& reason) {
    report_->set_rejected(report_->rejected() + 1);
    if (report_->problems_size() < kMaxListed) {
      auto* problem = report_->add_problems();
      problem->set_line(line);
      problem->set_field(field);
      problem->set_reason(reason);
    }
  }

  void add_payroll_row(const platform::text::CsvRecord& record, std::int64_t amount) {
    const std::string& name = record.fields[0];
    if (platform::text::check_text(name, 200, true) != platform::text::TextProblem::kNone) {
      return reject(record.line, "full_name", "is required (at most 200 characters)");
    }
    PayrollRow row{.line = record.line, .name = name, .note = record.fields[3], .amount = amount};
    std::string citizen;
    if (!record.fields[1].empty()) {
      auto normalized = platform::text::normalize_citizen_id(record.fields[1]);
      if (!normalized)
        return reject(record.line, "citizen_id", "is not a valid 12-digit citizen id");
      citizen = *normalized;
      row.hash = platform::db::to_hex(donors_.citizen_id_hash(citizen));
      row.mask = platform::text::mask_citizen_id(citizen);
    }
    // The natural key of a row: the same list imported again finds its rows recorded.
    const auto& h = target_.header;
    row.key = sha256_hex("payroll\x1f" + h.campaign_id() + "\x1f" + h.fund_id() + "\x1f" +
                         h.mobiliser_id() + "\x1f" + h.list_reference() + "\x1f" +
                         target_.received_on.iso() + "\x1f" + name + "\x1f" + row.hash + "\x1f" +
                         std::to_string(amount) + "\x1f" + row.note);
    payroll_rows_.push_back(std::move(row));
    if (payroll_rows_.size() >= kBatchRows) flush_payroll();
  }

  void flush_payroll() {
    if (payroll_rows_.empty()) return;
    platform::db::with_transaction(service_.pool(), call_.tx_options(),
                                   [&](pqxx::transaction_base& tx) { write_payroll(tx); });
    payroll_rows_.clear();
  }

  // One batch, one transaction: known rows skipped; receipts, donors, donations and events for
  // the rest written with one statement each.
  void write_payroll(pqxx::transaction_base& tx) {
    std::vector<std::string> keys;
    for (const auto& row : payroll_rows_) keys.push_back(row.key);
    std::set<std::string> known;
    for (const auto& r : tx.exec_prepared("import_known_keys", platform::db::text_array(keys))) {
      known.insert(r[0].c_str());
    }
    std::vector<const PayrollRow*> fresh;
    std::set<std::string> in_batch;
    for (const auto& row : payroll_rows_) {
      if (known.count(row.key) > 0 || !in_batch.insert(row.key).second) continue;
      fresh.push_back(&row);
    }
    const auto n = static_cast<std::int64_t>(fresh.size());
    batch_already_ = static_cast<std::int64_t>(payroll_rows_.size()) - n;
    if (n == 0) return commit_counts(0, 0, 0, 0);

    const auto& h = target_.header;
    const int year = target_.received_on.year;
    const std::int64_t last =
        tx.exec_prepared1("receipt_block", h.fund_id(), year, n)[0].as<std::int64_t>();
    const std::int64_t first = last - n + 1;
    std::vector<std::int64_t> donor_ids, donation_ids;
    for (const auto& r : tx.exec_prepared("donor_ids", n))
      donor_ids.push_back(r[0].as<std::int64_t>());
    for (const auto& r : tx.exec_prepared("donation_ids", n)) {
      donation_ids.push_back(r[0].as<std::int64_t>());
    }
    std::vector<std::string> names, hashes, masks, notes, row_keys;
    std::vector<std::int64_t> amounts, receipts;
    for (std::int64_t i = 0; i < n; ++i) {
      names.push_back(fresh[i]->name);
      hashes.push_back(fresh[i]->hash);
      masks.push_back(fresh[i]->mask);
    }
    tx.exec_prepared("donor_bulk_insert", platform::db::bigint_array(donor_ids),
                     platform::db::text_array(names), platform::db::text_array(hashes),
                     platform::db::text_array(masks));
    // Staff already known by their citizen id keep their donor record.
    std::vector<std::string> present;
    for (const auto& hash : hashes) {
      if (!hash.empty()) present.push_back(hash);
    }
    std::map<std::string, std::int64_t> by_hash;
    if (!present.empty()) {
      for (const auto& r :
           tx.exec_prepared("donor_ids_by_hash", platform::db::text_array(present))) {
        by_hash[r[0].c_str()] = r[1].as<std::int64_t>();
      }
    }
    std::int64_t sum = 0;
    std::vector<platform::events::EventDraft> drafts;
    std::vector<v1::DonationRecorded> events(n);
    for (std::int64_t i = 0; i < n; ++i) {
      if (!fresh[i]->hash.empty()) donor_ids[i] = by_hash.at(fresh[i]->hash);
      amounts.push_back(fresh[i]->amount);
      notes.push_back(fresh[i]->note);
      receipts.push_back(first + i);
      row_keys.push_back(fresh[i]->key);
      sum += fresh[i]->amount;
      auto& e = events[i];
      e.set_donation_id(donation_ids[i]);
      e.set_campaign_id(h.campaign_id());
      e.set_fund_id(h.fund_id());
      e.set_unit_code(target_.unit_code);
      e.set_channel(v1::CHANNEL_PAYROLL);
      e.set_amount_dong(fresh[i]->amount);
      platform::to_proto(target_.received_on, e.mutable_received_on());
      e.set_donor_id(donor_ids[i]);
      e.set_donor_kind(v1::DONOR_KIND_INDIVIDUAL);
      e.set_mobiliser_id(h.mobiliser_id());
      e.mutable_receipt()->set_fund_id(h.fund_id());
      e.mutable_receipt()->set_year(year);
      e.mutable_receipt()->set_number(first + i);
    }
    tx.exec_prepared("donation_bulk_insert", h.campaign_id(), h.fund_id(), target_.unit_code,
                     target_.received_on.iso(), h.mobiliser_id(), year, call_.principal().subject,
                     platform::db::bigint_array(donation_ids),
                     platform::db::bigint_array(donor_ids), platform::db::bigint_array(amounts),
                     platform::db::text_array(notes), platform::db::bigint_array(receipts),
                     platform::db::text_array(row_keys));
    for (std::int64_t i = 0; i < n; ++i) {
      drafts.push_back({.aggregate_type = "donation",
                        .event_name = "recorded",
                        .aggregate_id = std::to_string(donation_ids[i]),
                        .aggregate_version = 1,
                        .payload = &events[i]});
    }
    service_.outbox().append_batch(tx, drafts);
    commit_counts(n, sum, first, last);
  }

  // Counted only once the batch's transaction body has run (a retried body recounts).
  void commit_counts(std::int64_t recorded, std::int64_t sum, std::int64_t first,
                     std::int64_t last) {
    report_->set_already_recorded(report_->already_recorded() + batch_already_);
    report_->set_recorded(report_->recorded() + recorded);
    report_->mutable_recorded_amount()->set_dong(report_->recorded_amount().dong() + sum);
    if (recorded > 0) {
      const int year = target_.received_on.year;
      if (!report_->has_first_receipt()) {
        report_->mutable_first_receipt()->set_fund_id(target_.header.fund_id());
        report_->mutable_first_receipt()->set_year(year);
        report_->mutable_first_receipt()->set_number(first);
      }
      report_->mutable_last_receipt()->set_fund_id(target_.header.fund_id());
      report_->mutable_last_receipt()->set_year(year);
      report_->mutable_last_receipt()->set_number(last);
    }
  }

  void add_statement_line(const platform::text::CsvRecord& record, std::int64_t amount) {
    auto date = parse_statement_date(record.fields[0]);
    if (!date) return reject(record.line, "date", "is not a date (YYYY-MM-DD or dd/mm/yyyy)");
    if (target_.account_closed_on && *date >= *target_.account_closed_on) {
      return reject(record.line, "date",
                    "is on or after " + target_.account_closed_on->iso() +
                        ", when the account was closed: it takes no transfer");
    }
    if (record.fields[1].empty()) return reject(record.line, "reference", "is required");
    v1::UnmatchedLine line;
    line.set_line(record.line);
    line.set_reference(record.fields[1]);
    line.mutable_amount()->set_dong(amount);
    platform::to_proto(*date, line.mutable_date());
    line.set_description(record.fields[3]);
    statement_lines_.push_back(std::move(line));
    if (statement_lines_.size() >= kBatchRows) flush_statement();
  }

  void flush_statement() {
    if (statement_lines_.empty()) return;
    std::vector<std::string> references;
    for (const auto& line : statement_lines_) references.push_back(line.reference());
    std::set<std::string> known;
    platform::db::with_transaction(
        service_.pool(), call_.tx_options(), [&](pqxx::transaction_base& tx) {
          known.clear();
          for (const auto& r : tx.exec_prepared("statement_known_references", target_.account,
                                                platform::db::text_array(references))) {
            known.insert(r[0].c_str());
          }
        });
    for (auto& line : statement_lines_) {
      if (known.count(line.reference()) > 0) {
        report_->set_matched(report_->matched() + 1);
      } else if (report_->unmatched_size() < kMaxListed) {
        *report_->add_unmatched() = std::move(line);
      }
    }
    statement_lines_.clear();
  }

  const platform::rpc::ServiceContext& service_;
  const DonorRegistry& donors_;
  CallContext& call_;
  std::int64_t max_amount_;
  ImportTarget target_;
  v1::ImportReport* report_;
  bool payroll_;
  std::vector<PayrollRow> payroll_rows_;
  std::int64_t batch_already_ = 0;
  std::vector<v1::UnmatchedLine> statement_lines_;
};

// Checks the header against the database and the caller's rights.
ImportTarget check_header(pqxx::transaction_base& tx, CallContext& call,
                          const v1::ImportHeader& h) {
  ImportTarget target{.header = h};
  if (h.format() != v1::IMPORT_FORMAT_PAYROLL && h.format() != v1::IMPORT_FORMAT_BANK_STATEMENT) {
    throw invalid_argument("header.format", "is required");
  }
  auto fund = tx.exec_prepared("fund_get", h.fund_id());
  if (h.fund_id().empty() || fund.empty()) throw invalid_argument("header.fund_id", "unknown fund");
  target.unit_code = fund[0][0].c_str();
  const auto& who = call.principal();
  if (h.format() == v1::IMPORT_FORMAT_BANK_STATEMENT) {
    if (who.role == platform::auth::Role::kAgency) {
      throw platform::permission_denied("agencies import their staff lists only");
    }
    auto account = platform::text::normalize_bank_account_number(h.bank_account_number());
    if (!account) {
      throw invalid_argument("header.bank_account_number",
                             "is not an account of fund " + h.fund_id());
    }
    // A closed account's statement still reconciles what it took before its closing day.
    target.account_closed_on =
        account_closed_on(tx, h.fund_id(), *account, "header.bank_account_number");
    target.account = *account;
    call.require_unit("header.fund_id", target.unit_code,
                      call.service().units().reference_date(target.unit_code));
    return target;
  }
  v1::Campaign campaign;
  if (h.campaign_id().empty() || !load_campaign(tx, h.campaign_id(), &campaign)) {
    throw invalid_argument("header.campaign_id", "unknown campaign");
  }
  if (tx.exec_prepared("campaign_has_fund", h.campaign_id(), h.fund_id()).empty()) {
    throw invalid_argument("header.fund_id", "does not take part in campaign " + h.campaign_id());
  }
  target.received_on = {h.received_on().year(), h.received_on().month(), h.received_on().day()};
  const platform::Date starts{campaign.starts_on().year(), campaign.starts_on().month(),
                              campaign.starts_on().day()};
  const platform::Date ends{campaign.ends_on().year(), campaign.ends_on().month(),
                            campaign.ends_on().day()};
  if (!target.received_on.valid() || target.received_on < starts || ends < target.received_on) {
    throw invalid_argument("header.received_on", "must be a date within the campaign's period");
  }
  if (h.mobiliser_id().empty() || tx.exec_prepared("mobiliser_exists", h.mobiliser_id()).empty()) {
    throw invalid_argument("header.mobiliser_id", "name the agency that collected the list");
  }
  if (platform::text::check_text(h.list_reference(), 200, true) !=
      platform::text::TextProblem::kNone) {
    throw invalid_argument("header.list_reference", "is required (at most 200 characters)");
  }
  if (who.role == platform::auth::Role::kAgency) {
    // An agency imports only its own staff lists.
    if (who.organisation_id.empty() || who.organisation_id != h.mobiliser_id()) {
      throw platform::permission_denied("an agency imports only its own staff lists");
    }
    if (!who.unit_codes.empty())
      call.require_unit("header.fund_id", target.unit_code, target.received_on);
  } else {
    call.require_unit("header.fund_id", target.unit_code, target.received_on);
  }
  return target;
}

}  // namespace

grpc::Status DonationServiceImpl::ImportDonations(grpc::ServerContext* context,
                                                  grpc::ServerReader<v1::ImportChunk>* reader,
                                                  v1::ImportReport* response) {
  v1::ImportChunk chunk;
  const bool has_header = reader->Read(&chunk) && chunk.has_header();
  const std::string request_id = has_header ? chunk.header().request_id() : "";
  return platform::rpc::streaming_mutation(
      context_, context, policies::kImportDonations, request_id, [&](CallContext& call) {
        if (!has_header) throw invalid_argument("header", "the first message must be the header");
        ImportTarget target;
        platform::db::with_transaction(
            context_.pool(), call.tx_options(),
            [&](pqxx::transaction_base& tx) { target = check_header(tx, call, chunk.header()); });
        call.audit("format", v1::ImportFormat_Name(chunk.header().format()));
        call.audit("fund_id", chunk.header().fund_id());
        ImportRun run(context_, donors_, call, settings_.max_amount_dong, target, response);
        platform::text::CsvReader csv(
            [&](const platform::text::CsvRecord& record) { run.record(record); });
        while (reader->Read(&chunk)) {
          if (context->IsCancelled())
            throw platform::Error(platform::ErrorCode::kAborted, "cancelled");
          if (chunk.has_header())
            throw invalid_argument("header", "only the first message is a header");
          csv.feed(chunk.csv());
        }
        csv.finish();
        run.finish();
      });
}

}  // namespace vnn::donation
