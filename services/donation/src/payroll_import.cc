#include "payroll_import.h"

#include <openssl/evp.h>

#include "vnn/platform/db/arrays.h"
#include "vnn/platform/db/transaction.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/log.h"
#include "vnn/platform/text/identifiers.h"
#include "vnn/platform/text/row_problem_codes.h"
#include "vnn/platform/text/text.h"

namespace vnn::donation {
namespace {

namespace text = platform::text;

constexpr std::size_t kBatchesQueued = 2;
// The list's transaction waits for the client between batches; a client that sends nothing for
// this long loses its import (PostgreSQL ends the session), rather than hold a connection and
// keep vacuum from the tables.
constexpr const char* kIdleWhileStreaming = "60s";

text::CsvFormat payroll_format() {
  return {.columns = {"full_name", "citizen_id", "amount_dong", "note"}};
}

std::string sha256_hex(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr);
  return platform::db::to_hex(std::string(reinterpret_cast<const char*>(digest), length));
}

}  // namespace

PayrollImport::PayrollImport(platform::rpc::CallContext& call, const DonorRegistry& donors,
                             std::int64_t max_amount, ImportTarget target,
                             std::counting_semaphore<>& writers, ReceiptSequence& receipts,
                             v1::ImportReport* report)
    : call_(call),
      donors_(donors),
      max_amount_(max_amount),
      target_(std::move(target)),
      writers_(writers),
      receipts_(receipts),
      report_(report),
      list_{target_.header, target_.unit_code, target_.received_on, call.principal().subject,
            call.correlation_id()},
      queue_(kBatchesQueued),
      frame_(payroll_format(), call.service().import_limits(),
             [this](const text::CsvRecord& r, const text::RowProblem* p) { row(r, p); }) {}

PayrollImport::~PayrollImport() {
  queue_.close(false);
  if (writer_.valid()) writer_.wait();
  if (holds_writer_) writers_.release();
}

void PayrollImport::reject(const text::RowProblem& problem) {
  reject_import_row(*report_, problem, frame_.limits());
}

void PayrollImport::row(const text::CsvRecord& record, const text::RowProblem* problem) {
  report_->set_rows(frame_.rows());
  if (problem) return reject(*problem);
  text::RowProblem amount_problem;
  const auto amount = import_amount(record, max_amount_, amount_problem);
  if (!amount) return reject(amount_problem);
  const std::string& name = record.fields[0];
  if (const auto name_problem = text::check_text(name, 200, true);
      name_problem != text::TextProblem::kNone) {
    return reject({record.line, "full_name",
                   name_problem == text::TextProblem::kEmpty
                       ? text::kRequired
                       : text::text_problem_code(name_problem),
                   "is required (at most 200 characters)"});
  }
  PayrollRow row{.line = record.line, .name = name, .note = record.fields[3], .amount = *amount};
  if (!record.fields[1].empty()) {
    auto citizen = text::normalize_citizen_id(record.fields[1]);
    if (!citizen) {
      return reject(
          {record.line, "citizen_id", text::kInvalidValue, "is not a valid 12-digit citizen id"});
    }
    row.hash = platform::db::to_hex(donors_.citizen_id_hash(*citizen));
    row.mask = text::mask_citizen_id(*citizen);
  }
  // The natural key of a row: the same list imported again finds its rows recorded. Two
  // identical rows are two people (two staff of one name, neither with a citizen id, giving
  // the same): they are told apart by which occurrence in the list they are.
  const auto& h = target_.header;
  const std::string identity = "payroll\x1f" + h.campaign_id() + "\x1f" + h.fund_id() + "\x1f" +
                               h.mobiliser_id() + "\x1f" + h.list_reference() + "\x1f" +
                               target_.received_on.iso() + "\x1f" + name + "\x1f" + row.hash +
                               "\x1f" + std::to_string(*amount) + "\x1f" + row.note;
  row.key = sha256_hex(identity);
  const int occurrence = ++occurrences_[std::stoull(row.key.substr(0, 16), nullptr, 16)];
  if (occurrence > 1) row.key = sha256_hex(identity + "\x1f#" + std::to_string(occurrence));
  rows_.push_back(std::move(row));
  if (rows_.size() >= kImportBatchRows) flush();
}

void PayrollImport::finish() {
  flush();
  if (writer_.valid()) {
    queue_.close(true);
    report_written(writer_.get());
  }
  call_.audit("rows", report_->rows());
  call_.audit("recorded", report_->recorded());
  call_.audit("rejected", report_->rejected());
  call_.audit("recorded_dong", report_->recorded_amount().dong());
}

void PayrollImport::flush() {
  if (rows_.empty()) return;
  if (!writer_.valid()) {
    if (!writers_.try_acquire()) {
      throw platform::Error(platform::ErrorCode::kResourceExhausted,
                            "too many payroll lists are being imported at once; retry shortly");
    }
    holds_writer_ = true;
    writer_ = std::async(std::launch::async, [this] { return write_list(); });
  }
  if (!queue_.push(std::move(rows_))) {
    writer_.get();  // rethrows why the writer stopped
    throw platform::Error(platform::ErrorCode::kInternal, "payroll writer stopped");
  }
  rows_.clear();
}

// On the writer's thread: the whole list in one transaction, so an import that fails leaves
// nothing of it. It is tried once: the stream cannot be read again, and the caller's retry of
// the import records each row once all the same.
PayrollListResult PayrollImport::write_list() {
  struct Stopped {
    ImportBatchQueue<PayrollRow>& queue;
    ~Stopped() { queue.stop(); }
  } stopped{queue_};
  platform::log::CorrelationScope correlation(list_.correlation_id);
  // The whole list in one transaction: its statements run under the import ceiling.
  auto options = call_.import_tx_options();
  options.max_attempts = 1;
  PayrollListResult result;
  const auto& service = call_.service();
  platform::db::with_transaction(service.pool(), options, [&](pqxx::transaction_base& tx) {
    tx.exec(std::string("SET LOCAL idle_in_transaction_session_timeout = '") + kIdleWhileStreaming +
            "'");
    PayrollListWriter writer(tx, list_, receipts_);
    while (auto rows = queue_.pop()) writer.add(*rows);
    result = writer.finish(service.outbox());
  });
  return result;
}

void PayrollImport::report_written(const PayrollListResult& written) {
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

}  // namespace vnn::donation
