#pragma once
// The stream loop of a CSV import over gRPC: a client stream whose first message is the
// import's header and whose later messages are pieces of the CSV file. The caller is
// authenticated and authorised before the first message is read (rpc::streaming_mutation);
// then the importer checks the header and gets the CSV through its frame (text/csv_import.h).
//
//   return import::stream_csv(context_, context, reader, policies::kImportThings,
//       [&](rpc::CallContext& call, const v1::ImportChunk& first) {
//         return std::make_unique<ThingImport>(call, first.header(), response);
//       }, [](const v1::ImportChunk& c) -> std::string_view { return c.csv(); });

#include <grpcpp/server_context.h>
#include <grpcpp/support/status.h>
#include <grpcpp/support/sync_stream.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "vnn/common/v1/import.pb.h"
#include "vnn/platform/errors.h"
#include "vnn/platform/rpc/handler.h"
#include "vnn/platform/text/csv_import.h"

namespace vnn::platform::import {

// One import in progress, made once its header is accepted.
class CsvImporter {
 public:
  virtual ~CsvImporter() = default;
  virtual text::CsvImport& frame() = 0;
  // The stream ended whole and its last row was given to the frame: commit what is left.
  virtual void finish() = 0;
};

// Adds `problem` to a report's list unless `problems` already holds `max_listed`.
void list_problem(google::protobuf::RepeatedPtrField<common::v1::RowProblem>& problems,
                  const text::RowProblem& problem, std::int64_t max_listed);

// Reads the CSV pieces after the header: `next` gives the next message (false at the end),
// `is_header` and `csv_of` tell a header from CSV. A second header, or a stream the client cut
// off, fails the import.
void read_csv_pieces(grpc::ServerContext* context, CsvImporter& importer,
                     const std::function<bool()>& next, const std::function<bool()>& is_header,
                     const std::function<std::string_view()>& csv_of);

template <class Chunk>
using StartImport =
    std::function<std::unique_ptr<CsvImporter>(rpc::CallContext& call, const Chunk& first)>;

// Chunk: a message with a `header` field (with a `request_id`) and the CSV in the other field
// of a oneof, given by `csv_of`.
template <class Chunk>
grpc::Status stream_csv(const rpc::ServiceContext& service, grpc::ServerContext* context,
                        grpc::ServerReader<Chunk>* reader, const rpc::MethodPolicy& policy,
                        const StartImport<Chunk>& start, std::string_view (*csv_of)(const Chunk&)) {
  return rpc::streaming_mutation(
      service, context, policy, [&](rpc::CallContext& call, std::string& request_id) {
        Chunk chunk;
        if (!reader->Read(&chunk) || !chunk.has_header()) {
          throw invalid_argument("header", "the first message must be the header",
                                 "tin nhắn đầu tiên phải là phần đầu của lần nhập");
        }
        request_id = chunk.header().request_id();
        auto importer = start(call, chunk);
        read_csv_pieces(
            context, *importer, [&] { return reader->Read(&chunk); },
            [&] { return chunk.has_header(); }, [&] { return csv_of(chunk); });
      });
}

}  // namespace vnn::platform::import
