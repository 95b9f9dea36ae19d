#include "vnn/platform/import/csv_stream.h"

namespace vnn::platform::import {
namespace {

Error cancelled() { return Error(ErrorCode::kAborted, "cancelled"); }

}  // namespace

void list_problem(google::protobuf::RepeatedPtrField<common::v1::RowProblem>& problems,
                  const text::RowProblem& problem, std::int64_t max_listed) {
  if (problems.size() >= max_listed) return;
  auto* p = problems.Add();
  p->set_line(problem.line);
  p->set_field(problem.field);
  p->set_reason(problem.reason);
  p->set_code(problem.code);
}

void read_csv_pieces(grpc::ServerContext* context, CsvImporter& importer,
                     const std::function<bool()>& next, const std::function<bool()>& is_header,
                     const std::function<std::string_view()>& csv_of) {
  while (next()) {
    if (context->IsCancelled()) throw cancelled();
    if (is_header()) throw invalid_argument("header", "only the first message is a header");
    importer.frame().feed(csv_of());
  }
  // A stream cut off (the client cancelled, its deadline passed, the connection broke) also
  // ends the reads: nothing more is committed, as the last line may be half a row.
  if (context->IsCancelled()) throw cancelled();
  importer.frame().finish();
  importer.finish();
}

}  // namespace vnn::platform::import
