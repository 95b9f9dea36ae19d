#pragma once
// gRPC handlers of vnn.donation.v1.DonationService. Each passes through the platform's request
// pipeline (authentication, roles, idempotency, audit) and keeps its SQL in statements.cc.

#include "donation_settings.h"
#include "donor_registry.h"
#include "vnn/donation/v1/donation.grpc.pb.h"
#include "vnn/platform/rpc/service_context.h"

namespace vnn::donation {

class DonationServiceImpl final : public v1::DonationService::Service {
 public:
  DonationServiceImpl(platform::rpc::ServiceContext& context, const DonationSettings& settings)
      : context_(context), settings_(settings), donors_(settings.citizen_id_hash_key) {}

  // Funds, campaigns, mobilisers (campaign_handlers.cc)
  grpc::Status CreateFund(grpc::ServerContext*, const v1::CreateFundRequest*, v1::Fund*) override;
  grpc::Status ListFunds(grpc::ServerContext*, const v1::ListFundsRequest*,
                         v1::ListFundsResponse*) override;
  grpc::Status CreateCampaign(grpc::ServerContext*, const v1::CreateCampaignRequest*,
                              v1::Campaign*) override;
  grpc::Status GetCampaign(grpc::ServerContext*, const v1::GetCampaignRequest*,
                           v1::Campaign*) override;
  grpc::Status CreateMobiliser(grpc::ServerContext*, const v1::CreateMobiliserRequest*,
                               v1::Mobiliser*) override;

  // Donations and receipts (donation_handlers.cc)
  grpc::Status RecordDonation(grpc::ServerContext*, const v1::RecordDonationRequest*,
                              v1::Donation*) override;
  grpc::Status ReverseDonation(grpc::ServerContext*, const v1::ReverseDonationRequest*,
                               v1::Donation*) override;
  grpc::Status GetDonation(grpc::ServerContext*, const v1::GetDonationRequest*,
                           v1::Donation*) override;
  grpc::Status ListDonations(grpc::ServerContext*, const v1::ListDonationsRequest*,
                             v1::ListDonationsResponse*) override;
  grpc::Status GetReceipt(grpc::ServerContext*, const v1::GetReceiptRequest*,
                          v1::Receipt*) override;
  grpc::Status GetCampaignTotals(grpc::ServerContext*, const v1::GetCampaignTotalsRequest*,
                                 v1::CampaignTotals*) override;

  // Bulk intake (import_handlers.cc)
  grpc::Status ImportDonations(grpc::ServerContext*, grpc::ServerReader<v1::ImportChunk>*,
                               v1::ImportReport*) override;

 private:
  platform::rpc::ServiceContext& context_;
  const DonationSettings& settings_;
  DonorRegistry donors_;
};

// Loads a campaign (with funds, milestones, targets); false if it does not exist.
bool load_campaign(pqxx::transaction_base& tx, const std::string& id, v1::Campaign* out);

}  // namespace vnn::donation
