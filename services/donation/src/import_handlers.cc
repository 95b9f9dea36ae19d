// Bulk intake: an agency's payroll list, or a fund account's bank statement, streamed as CSV.
// A payroll list's good rows go, a batch at a time, to a thread that writes them as lines in
// one transaction (one statement per batch) while this one reads and checks the next batch.

#include <openssl/evp.h>

#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <optional>
#include <semaphore>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "donation_checks.h"
#include "donation_service.h"
#include "payroll_list.h"
#include "policies.h"
#include "vnn/platform/db/arrays.h"
#include "vnn/platform/db/transaction.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/events/outbox.h"
#include "vnn/platform/log.h"
#include "vnn/platform/proto_convert.h"
#include "vnn/platform/rpc/handler.h"
#include "vnn/platform/text/csv_reader.h"
#include "vnn/platform/text/identifiers.h"
#include "vnn/platform/text/row_problem_codes.h"
#include "vnn/platform/text/text.h"

namespace vnn::donation {
namespace {

using platform::invalid_argument;
using platform::rpc::CallContext;
namespace text = platform::text;

constexpr std::size_t kBatchRows = 5000;
constexpr std::size_t kBatchesQueued = 2;
// The list's transaction waits for the client between batches; a client that sends nothing for
// this long loses its import (PostgreSQL ends the session), rather than hold a connection and
// keep vacuum from the tables.
constexpr const char* kIdleWhileStreaming = "60s";
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

// Batches of a payroll list on their way to the thread that writes them. At most
// kBatchesQueued wait: reading runs that far ahead of writing and no further.
class BatchQueue {
 public:
  // False when the writer has stopped early (it failed): the import's outcome is its error.
  bool push(std::vector<PayrollRow> rows) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return stopped_ || queue_.size() < kBatchesQueued; });
    if (stopped_) return false;
    queue_.push_back(std::move(rows));
    changed_.notify_all();
    return true;
  }

  // No more batches. `complete`: the list was read to its end; otherwise the writer's next
  // pop() throws, and its transaction is rolled back.
  void close(bool complete) {
    std::lock_guard lock(mutex_);
    closed_ = true;
    complete_ = complete;
    changed_.notify_all();
  }

  // The next batch; nothing once the list is complete and every batch taken.
  std::optional<std::vector<PayrollRow>> pop() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return closed_ || !queue_.empty(); });
    if (closed_ && !complete_) throw std::runtime_error("payroll import abandoned");
    if (queue_.empty()) return std::nullopt;
    auto rows = std::move(queue_.front());
    queue_.pop_front();
    changed_.notify_all();
    return rows;
  }

  // The writer is done, whether it finished or failed.
  void stop() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::vector<PayrollRow>> queue_;
  bool closed_ = false, complete_ = false, stopped_ = false;
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
            std::counting_semaphore<>& writers, ReceiptSequence& receipts, v1::ImportReport* report)
      : service_(service),
        writers_(writers),
        receipts_(receipts),
        donors_(donors),
        call_(call),
        max_amount_(max_amount),
        target_(std::move(target)),
        report_(report),
        payroll_(target_.header.format() == v1::IMPORT_FORMAT_PAYROLL),
        list_{target_.header, target_.unit_code, target_.received_on, call.principal().subject,
              call.correlation_id()} {}

  ~ImportRun() {
    // An import that failed before its end: the writer rolls back, and is waited for.
    queue_.close(false);
    if (writer_.valid()) writer_.wait();
    if (holds_writer_) writers_.release();
  }

  void record(const text::CsvRecord& record) {
    if (record.line == 1) return check_columns(record);
    if (record.fields.size() == 1 && record.fields[0].empty()) return;  // a blank line
    report_->set_rows(report_->rows() + 1);
    const auto& columns = payroll_ ? kPayrollColumns : kStatementColumns;
    if (record.malformed) return reject(record.line, "", text::kMalformedRow, "malformed quoting");
    if (record.fields.size() != columns.size()) {
      return reject(record.line, "", text::kWrongFieldCount,
                    "expected " + std::to_string(columns.size()) + " fields, got " +
                        std::to_string(record.fields.size()));
    }
    for (std::size_t i = 0; i < columns.size(); ++i) {
      auto problem = text::check_text(record.fields[i], 500, false);
      if (problem != text::TextProblem::kNone) {
        return reject(record.line, columns[i], text::text_problem_code(problem),
                      text::text_problem_reason(problem, 500));
      }
    }
    auto amount = parse_amount(record.fields[2]);
    if (!amount || *amount <= 0 || *amount > max_amount_) {
      return reject(
          record.line, "amount_dong", text::kInvalidValue,
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
      if (writer_.valid()) {
        queue_.close(true);
        report_written(writer_.get());
      }
    } else {
      flush_statement();
    }
    call_.audit("rows", report_->rows());
    call_.audit("recorded", report_->recorded());
    call_.audit("rejected", report_->rejected());
    call_.audit("recorded_dong", report_->recorded_amount().dong());
  }

 private:
  void check_columns(const text::CsvRecord& record) {
    auto fields = record.fields;
    if (!fields.empty() && fields[0].starts_with("\xEF\xBB\xBF")) fields[0].erase(0, 3);  // BOM
    const auto& columns = payroll_ ? kPayrollColumns : kStatementColumns;
    if (fields != columns) {
      std::string expected;
      for (const auto& c : columns) expected += (expected.empty() ? "" : ",") + c;
      throw invalid_argument("csv", "line 1 must be the header " + expected);
    }
  }

  void reject(std::int64_t line, const std::string& field, const char* code,
              const std::string& reason) {
    report_->set_rejected(report_->rejected() + 1);
    if (report_->problems_size() < kMaxListed) {
      auto* problem = report_->add_problems();
      problem->set_line(line);
      problem->set_field(field);
      problem->set_reason(reason);
      problem->set_code(code);
    }
  }

  void add_payroll_row(const text::CsvRecord& record, std::int64_t amount) {
    const std::string& name = record.fields[0];
    if (const auto problem = text::check_text(name, 200, true);
        problem != text::TextProblem::kNone) {
      return reject(
          record.line, "full_name",
          problem == text::TextProblem::kEmpty ? text::kRequired : text::text_problem_code(problem),
          "is required (at most 200 characters)");
    }
    PayrollRow row{.line = record.line, .name = name, .note = record.fields[3], .amount = amount};
    std::string citizen;
    if (!record.fields[1].empty()) {
      auto normalized = text::normalize_citizen_id(record.fields[1]);
      if (!normalized)
        return reject(record.line, "citizen_id", text::kInvalidValue,
                      "is not a valid 12-digit citizen id");
      citizen = *normalized;
      row.hash = platform::db::to_hex(donors_.citizen_id_hash(citizen));
      row.mask = text::mask_citizen_id(citizen);
    }
    // The natural key of a row: the same list imported again finds its rows recorded. Two
    // identical rows are two people (two staff of one name, neither with a citizen id, giving
    // the same): they are told apart by which occurrence in the list they are.
    const auto& h = target_.header;
    const std::string identity = "payroll\x1f" + h.campaign_id() + "\x1f" + h.fund_id() + "\x1f" +
                                 h.mobiliser_id() + "\x1f" + h.list_reference() + "\x1f" +
                                 target_.received_on.iso() + "\x1f" + name + "\x1f" + row.hash +
                                 "\x1f" + std::to_string(amount) + "\x1f" + row.note;
    row.key = sha256_hex(identity);
    const int occurrence = ++occurrences_[std::stoull(row.key.substr(0, 16), nullptr, 16)];
    if (occurrence > 1) row.key = sha256_hex(identity + "\x1f#" + std::to_string(occurrence));
    payroll_rows_.push_back(std::move(row));
    if (payroll_rows_.size() >= kBatchRows) flush_payroll();
  }

  void flush_payroll() {
    if (payroll_rows_.empty()) return;
    if (!writer_.valid()) {
      if (!writers_.try_acquire()) {
        throw platform::Error(platform::ErrorCode::kResourceExhausted,
                              "too many payroll lists are being imported at once; retry shortly");
      }
      holds_writer_ = true;
      writer_ = std::async(std::launch::async, [this] { return write_list(); });
    }
    if (!queue_.push(std::move(payroll_rows_))) {
      writer_.get();  // rethrows why the writer stopped
      throw platform::Error(platform::ErrorCode::kInternal, "payroll writer stopped");
    }
    payroll_rows_.clear();
  }

  // On the writer's thread: the whole list in one transaction, so an import that fails leaves
  // nothing of it. It is tried once: the stream cannot be read again, and the caller's retry
  // of the import records each row once all the same.
  PayrollListResult write_list() {
    struct Stopped {
      BatchQueue& queue;
      ~Stopped() { queue.stop(); }
    } stopped{queue_};
    platform::log::CorrelationScope correlation(list_.correlation_id);
    auto options = call_.tx_options();
    options.max_attempts = 1;
    PayrollListResult result;
    platform::db::with_transaction(service_.pool(), options, [&](pqxx::transaction_base& tx) {
      tx.exec(std::string("SET LOCAL idle_in_transaction_session_timeout = '") +
              kIdleWhileStreaming + "'");
      PayrollListWriter writer(tx, list_, receipts_);
      while (auto rows = queue_.pop()) writer.add(*rows);
      result = writer.finish(service_.outbox());
    });
    return result;
  }

  void report_written(const PayrollListResult& written) {
    report_->set_already_recorded(written.already_recorded);
    report_->set_recorded(written.recorded);
    report_->mutable_recorded_amount()->set_dong(written.recorded_dong);
    for (const auto id : written.earlier_donations) report_->add_earlier_donation_ids(id);
    if (written.recorded == 0) return;
    report_->set_donation_id(written.donation_id);
    report_->mutable_receipt()->set_fund_id(target_.header.fund_id());
    report_->mutable_receipt()->set_year(target_.received_on.year);
    report_->mutable_receipt()->set_number(written.receipt_number);
  }

  void add_statement_line(const text::CsvRecord& record, std::int64_t amount) {
    auto date = parse_statement_date(record.fields[0]);
    if (!date) {
      return reject(record.line, "date", text::kInvalidValue,
                    "is not a date (YYYY-MM-DD or dd/mm/yyyy)");
    }
    if (target_.account_closed_on && *date >= *target_.account_closed_on) {
      return reject(record.line, "date", text::kAccountClosed,
                    "is on or after " + target_.account_closed_on->iso() +
                        ", when the account was closed: it takes no transfer");
    }
    if (record.fields[1].empty()) {
      return reject(record.line, "reference", text::kRequired, "is required");
    }
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
  std::counting_semaphore<>& writers_;
  ReceiptSequence& receipts_;
  bool holds_writer_ = false;
  const DonorRegistry& donors_;
  CallContext& call_;
  std::int64_t max_amount_;
  ImportTarget target_;
  v1::ImportReport* report_;
  bool payroll_;
  std::vector<PayrollRow> payroll_rows_;
  // Rows seen so far by the first 64 bits of their key; a collision only numbers a row as a
  // later occurrence, which is still a key of its own.
  std::unordered_map<std::uint64_t, int> occurrences_;
  PayrollList list_;
  BatchQueue queue_;
  std::future<PayrollListResult> writer_;  // started with the first batch
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
    auto account = text::normalize_bank_account_number(h.bank_account_number());
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
  if (h.mobiliser_id().empty() || tx.exec_prepared("agency_exists", h.mobiliser_id()).empty()) {
    throw invalid_argument("header.mobiliser_id",
                           "name the agency that collected the list (a mobiliser of kind agency)");
  }
  if (text::check_text(h.list_reference(), 200, true) != text::TextProblem::kNone) {
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
        ImportRun run(context_, donors_, call, settings_.max_amount_dong, target, payroll_writers_,
                      receipts_, response);
        text::CsvReader csv([&](const text::CsvRecord& record) { run.record(record); });
        while (reader->Read(&chunk)) {
          if (context->IsCancelled())
            throw platform::Error(platform::ErrorCode::kAborted, "cancelled");
          if (chunk.has_header())
            throw invalid_argument("header", "only the first message is a header");
          csv.feed(chunk.csv());
        }
        // A stream cut off (the client cancelled, its deadline passed, the connection broke)
        // also ends the reads: nothing of it is recorded, the last line may be half a row.
        if (context->IsCancelled()) {
          throw platform::Error(platform::ErrorCode::kAborted, "cancelled");
        }
        csv.finish();
        run.finish();
      });
}

}  // namespace vnn::donation
