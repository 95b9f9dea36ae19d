// Personal data at rest: each sealed citizen id and address is bound to its row, carries the id of
// the key that sealed it, and `reseal-personal-data` moves everything to the current key
// (rotation) and converts values sealed before key ids.

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <pqxx/pqxx>
#include <sstream>
#include <string>

#include "household_fixture.h"
#include "vnn/platform/crypto/secrets.h"
#include "vnn/platform/db/arrays.h"
#include "vnn/testing/test_stack.h"
#include "vnn/testing/test_tokens.h"

namespace vnn::testing {
namespace {

namespace v1 = household_review::v1;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  std::string out = text.str();
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

// The environment a running process was started with.
std::map<std::string, std::string> environment_of(pid_t pid) {
  std::map<std::string, std::string> env;
  const std::string raw = read_file("/proc/" + std::to_string(pid) + "/environ");
  std::size_t start = 0;
  while (start < raw.size()) {
    const std::size_t end = std::min(raw.find('\0', start), raw.size());
    const std::string entry = raw.substr(start, end - start);
    const auto equals = entry.find('=');
    if (equals != std::string::npos && entry.starts_with("VNN_")) {
      env[entry.substr(0, equals)] = entry.substr(equals + 1);
    }
    start = end + 1;
  }
  return env;
}

void admin_exec(const std::string& sql) {
  pqxx::connection c(TestStack::get().admin_dsn);
  pqxx::work tx(c);
  tx.exec(sql);
  tx.commit();
}

class PersonalDataTest : public HouseholdFixture {
 protected:
  void SetUp() override {
    k1_ = write_secret_file("vnn_personal_k1");
    service_env_["VNN_PERSONAL_DATA_KEYS"] = "kid=k1,file=" + k1_;
    service_env_["VNN_PERSONAL_DATA_CURRENT_KEY"] = "k1";
    HouseholdFixture::SetUp();
  }

  grpc::Status get(std::int64_t id, v1::Household* out) {
    v1::GetHouseholdRequest request;
    request.set_id(id);
    return stub_->GetHousehold(client_context(district()).get(), request, out);
  }

  // The key id of the head's sealed citizen id and of the household's sealed address.
  std::string citizen_key_of(std::int64_t household_id) const {
    return platform::crypto::Keyring::key_id_of(platform::db::from_hex(
        scalar("SELECT encode(citizen_sealed, 'hex') FROM person WHERE household_id = " +
               std::to_string(household_id) + " AND ordinal = 0")));
  }
  std::string address_key_of(std::int64_t household_id) const {
    return platform::crypto::Keyring::key_id_of(platform::db::from_hex(
        scalar("SELECT encode(address_sealed, 'hex') FROM household WHERE id = " +
               std::to_string(household_id))));
  }

  // Runs `vnn-household-review reseal-personal-data` with the service's environment and
  // `overrides`; its exit code and standard output.
  std::pair<int, std::string> reseal(const std::map<std::string, std::string>& overrides) {
    auto env = environment_of(process_->pid());
    for (const auto& [name, value] : overrides) env[name] = value;
    env.erase("VNN_DB_MIGRATION_DSN");
    std::string command = "env";
    for (const auto& [name, value] : env) {
      if (!value.empty()) command += " " + name + "='" + value + "'";
    }
    const std::string out = "/tmp/" + unique_name("reseal") + ".out";
    // Other tests' rows in the shared database were sealed under their own keys: this test's
    // households are the newest.
    command += std::string(" ") + VNN_HOUSEHOLD_REVIEW_BINARY +
               " reseal-personal-data --batch 2 --after-household-id " +
               std::to_string(after_household_id_) + " > " + out + " 2>&1";
    const int status = std::system(command.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_file(out)};
  }

  std::string k1_;
  std::int64_t after_household_id_ = 0;
};

TEST_F(PersonalDataTest, ACitizenIdMovedToAnotherPersonDoesNotOpen) {
  const std::string id_a = citizen_id(1970), id_b = citizen_id(1975, true);
  const auto a = registered(household("PD-A", kPhuTuc, "Hồ Văn Một", 1970, id_a));
  const auto b = registered(household("PD-B", kPhuTuc, "Hồ Thị Hai", 1975, id_b));
  v1::Household seen;
  ASSERT_TRUE(get(a.id(), &seen).ok());
  ASSERT_EQ(seen.head().citizen_id(), id_a);

  // Someone with UPDATE on person swaps the two sealed ids.
  admin_exec(
      "UPDATE household_review.person p SET citizen_sealed = o.citizen_sealed FROM "
      "household_review.person o WHERE p.ordinal = 0 AND o.ordinal = 0 AND "
      "((p.household_id = " +
      std::to_string(a.id()) + " AND o.household_id = " + std::to_string(b.id()) +
      ") OR (p.household_id = " + std::to_string(b.id()) +
      " AND o.household_id = " + std::to_string(a.id()) + "))");

  // Reading fails as an internal error; it never shows the other person's id.
  seen.Clear();
  const grpc::Status status = get(a.id(), &seen);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_EQ(status.error_message(), "internal error");
  EXPECT_NE(seen.head().citizen_id(), id_b);
  EXPECT_EQ(get(b.id(), &seen).error_code(), grpc::StatusCode::INTERNAL);
  // The log says what happened, without the values.
  const std::string log = process_->log();
  EXPECT_NE(log.find("does not open"), std::string::npos);
  EXPECT_EQ(log.find(id_b), std::string::npos);
  EXPECT_EQ(log.find(id_a), std::string::npos);

  // An address moved to another household does not open either.
  admin_exec(
      "UPDATE household_review.household h SET address_sealed = o.address_sealed FROM "
      "household_review.household o WHERE h.id = " +
      std::to_string(a.id()) + " AND o.id = " + std::to_string(b.id()));
  v1::GetHouseholdRequest request;
  request.set_id(a.id());
  v1::Household as_auditor;
  EXPECT_EQ(
      stub_
          ->GetHousehold(client_context(bearer_for(Role::kAuditor, {}, {}, "kiem-toan")).get(),
                         request, &as_auditor)
          .error_code(),
      grpc::StatusCode::INTERNAL);
}

TEST_F(PersonalDataTest, ResealMovesEverythingToTheCurrentKeyAndConvertsOldValues) {
  const std::string id_new = citizen_id(1961), id_old = citizen_id(1962);
  const auto fresh = registered(household("PD-N", kPhuCuong, "Đỗ Văn Ba", 1961, id_new));
  after_household_id_ = fresh.id() - 1;
  const auto old = registered(household("PD-O", kPhuCuong, "Đỗ Văn Bốn", 1962, id_old));
  EXPECT_EQ(citizen_key_of(fresh.id()), "k1");
  EXPECT_EQ(address_key_of(fresh.id()), "k1");

  // A value as sealed before key ids and row binding: bare, under the key file's key (k0),
  // bound to the field only.
  const auto env = environment_of(process_->pid());
  const platform::crypto::Sealer k0(read_file(env.at("VNN_PERSONAL_DATA_KEY_FILE")));
  admin_exec("UPDATE household_review.person SET citizen_sealed = decode('" +
             platform::db::to_hex(k0.seal(id_old, "household.person.citizen_id")) +
             "', 'hex') WHERE household_id = " + std::to_string(old.id()) + " AND ordinal = 0");
  admin_exec("UPDATE household_review.household SET address_sealed = decode('" +
             platform::db::to_hex(k0.seal("Tổ 9 cũ", "household.address")) +
             "', 'hex') WHERE id = " + std::to_string(old.id()));
  EXPECT_EQ(citizen_key_of(old.id()), "");
  v1::Household seen;
  ASSERT_TRUE(get(old.id(), &seen).ok());  // still readable, under the legacy key
  EXPECT_EQ(seen.head().citizen_id(), id_old);
  EXPECT_EQ(seen.address(), "Tổ 9 cũ");

  // Rotate: k2 becomes current; the command reseals everything under it.
  const std::string k2 = write_secret_file("vnn_personal_k2");
  const auto [code, out] =
      reseal({{"VNN_PERSONAL_DATA_KEYS", "kid=k1,file=" + k1_ + ";kid=k2,file=" + k2},
              {"VNN_PERSONAL_DATA_CURRENT_KEY", "k2"}});
  ASSERT_EQ(code, 0) << out;
  EXPECT_NE(out.find("resealed citizen_ids="), std::string::npos) << out;
  for (const auto& h : {fresh, old}) {
    EXPECT_EQ(citizen_key_of(h.id()), "k2");
    EXPECT_EQ(address_key_of(h.id()), "k2");
  }
  EXPECT_EQ(scalar("SELECT count(*) FROM person WHERE household_id > " +
                   std::to_string(after_household_id_) +
                   " AND citizen_sealed IS NOT NULL AND "
                   "substring(citizen_sealed from 1 for 4) <> 'vnk1'::bytea"),
            "0");

  // Run again (as after an interruption): nothing left to do.
  const auto [again_code, again] =
      reseal({{"VNN_PERSONAL_DATA_KEYS", "kid=k1,file=" + k1_ + ";kid=k2,file=" + k2},
              {"VNN_PERSONAL_DATA_CURRENT_KEY", "k2"}});
  ASSERT_EQ(again_code, 0) << again;
  EXPECT_NE(again.find("citizen_ids=0 addresses=0"), std::string::npos) << again;

  // The old keys can go: a service holding only k2 reads everything.
  auto only_k2 = environment_of(process_->pid());
  only_k2.erase("VNN_PERSONAL_DATA_KEY_FILE");
  only_k2["VNN_PERSONAL_DATA_KEYS"] = "kid=k2,file=" + k2;
  only_k2["VNN_PERSONAL_DATA_CURRENT_KEY"] = "k2";
  only_k2["VNN_GRPC_LISTEN"] = "127.0.0.1:0";
  only_k2.erase("VNN_PORT_FILE");
  only_k2.erase("VNN_DB_MIGRATION_DSN");
  ServiceProcess rotated(VNN_HOUSEHOLD_REVIEW_BINARY, {}, only_k2);
  rotated.wait_for_port();
  auto rotated_stub = v1::HouseholdReviewService::NewStub(rotated.channel());
  for (const auto& [h, id] : {std::pair{fresh, id_new}, std::pair{old, id_old}}) {
    v1::GetHouseholdRequest request;
    request.set_id(h.id());
    v1::Household read;
    const grpc::Status status =
        rotated_stub->GetHousehold(client_context(district()).get(), request, &read);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(read.head().citizen_id(), id);
  }
}

}  // namespace
}  // namespace vnn::testing
