// Not written yet: each answers UNIMPLEMENTED until its handler lands.
#include "reporting_service.h"

namespace vnn::reporting {
grpc::Status ReportingServiceImpl::WatchCampaignProgress(
    grpc::ServerContext*, const v1::WatchCampaignProgressRequest*,
    grpc::ServerWriter<v1::CampaignProgress>*) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not yet");
}
}  // namespace vnn::reporting
