// Direct support waits for household review; a household review that does not answer must
// delay direct support only, never the other gifts being recorded meanwhile.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>
#include <vector>

#include "donation_fixture.h"

namespace vnn::testing {
namespace {

namespace v1 = donation::v1;

// A port that takes connections and never answers: a household review that hangs.
class SilentPeer {
 public:
  SilentPeer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::listen(fd_, 256);
    socklen_t length = sizeof address;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
  }
  ~SilentPeer() { ::close(fd_); }
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

class DirectSupportStallTest : public DonationFixture {
 protected:
  void SetUp() override {
    service_env_["VNN_HOUSEHOLD_REVIEW_TARGET"] = "127.0.0.1:" + std::to_string(peer_.port());
    service_env_["VNN_HOUSEHOLD_REVIEW_DEADLINE_MS"] = "3000";
    service_env_["VNN_JWT_SIGNING_KEY"] = test_tokens().key_spec();
    DonationFixture::SetUp();
  }
  SilentPeer peer_;
};

TEST_F(DirectSupportStallTest, ASilentHouseholdReviewDelaysDirectSupportOnly) {
  // More direct-support calls than RecordDonation has batch threads, all waiting on the peer.
  std::vector<std::thread> gifts;
  std::vector<grpc::Status> codes(12);
  for (std::size_t i = 0; i < codes.size(); ++i) {
    gifts.emplace_back([&, i] {
      auto r = cash(1'000'000, "direct-" + std::to_string(i) + "-" + suffix_);
      r.set_channel(v1::CHANNEL_DIRECT_TO_HOUSEHOLD);
      r.set_household_id(static_cast<std::int64_t>(i) + 1);
      r.set_support_need("housing");
      r.clear_mobiliser_id();
      v1::Donation out;
      codes[i] = record(r, &out);
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));

  // A cash gift meanwhile is recorded at once.
  const auto started = std::chrono::steady_clock::now();
  v1::Donation donation;
  auto status = record(cash(200'000, "meanwhile-" + suffix_), &donation);
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_TRUE(status.ok()) << status.error_message();
  EXPECT_LT(took, std::chrono::milliseconds(1500))
      << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms";

  for (auto& gift : gifts) gift.join();
  // The direct-support calls end with the client's deadline, as "try again", never recorded.
  for (const auto& code : codes) {
    EXPECT_EQ(code.error_code(), grpc::StatusCode::UNAVAILABLE) << code.error_message();
  }
  EXPECT_EQ(scalar("SELECT count(*) FROM donation WHERE channel = 'direct_to_household' AND "
                   "fund_id = '" +
                   district_fund_ + "'"),
            "0");
}

}  // namespace
}  // namespace vnn::testing
