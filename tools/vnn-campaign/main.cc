// vnn-campaign: plays the seed's campaign (Định Quán, 03/02–19/05/2024) against running
// services, as its officers would: funds and campaign, the communes' household lists, reviews,
// donations of every channel, support under the regulation, results reports. The data is
// generated from --seed, so the same seed plays the same campaign to the đồng.
//
//   vnn-campaign --signing-key kid=local-officers,alg=ES256,file=officers-es256.key
//
// Exit codes: 0 played and reconciled, 1 a service refused or did not answer, 2 bad usage,
// 3 played but reporting did not reconcile in time.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <CLI/CLI.hpp>
#pragma GCC diagnostic pop
#include <cstdio>
#include <exception>
#include <iostream>

#include "runner/campaign_runner.h"
#include "scenario/generator.h"

namespace {

constexpr int kExitFailure = 1;
constexpr int kExitNotReconciled = 3;

void print_scenario(const vnn::campaign::Scenario& s) {
  long staff = 0;
  for (const auto& list : s.payroll_lists) staff += static_cast<long>(list.lines.size());
  std::printf("Đợt vận động %s (%s – %s), %zu xã, thị trấn; %zu quỹ\n", s.campaign.id.c_str(),
              s.campaign.starts_on.vietnamese().c_str(), s.campaign.ends_on.vietnamese().c_str(),
              s.communes.size(), s.funds.size());
  std::printf(
      "  %zu khoản ủng hộ, %zu danh sách một ngày lương (%ld người), %zu cam kết, %zu điều chỉnh\n",
      s.donations.size(), s.payroll_lists.size(), staff, s.pledges.size(), s.reversals.size());
  std::printf("  %zu hộ trong danh sách của các xã, %zu hỗ trợ đề xuất\n", s.households.size(),
              s.supports.size());
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Plays the seed's campaign against running VNN services."};
  vnn::campaign::Targets targets;
  vnn::campaign::GeneratorOptions generator;
  vnn::campaign::PlayOptions play_options;
  std::string signing_key;
  std::string issuer = "vnn-local";
  long timeout_s = play_options.propagation_timeout.count();
  app.add_option("--donation-target", targets.donation)
      ->envname("VNN_TARGET")
      ->capture_default_str();
  app.add_option("--household-target", targets.household_review)
      ->envname("VNN_HOUSEHOLD_TARGET")
      ->capture_default_str();
  app.add_option("--allocation-target", targets.allocation)
      ->envname("VNN_ALLOCATION_TARGET")
      ->capture_default_str();
  app.add_option("--reporting-target", targets.reporting)
      ->envname("VNN_REPORTING_TARGET")
      ->capture_default_str();
  app.add_option("--signing-key", signing_key,
                 "the officers' token issuer key, kid=…,alg=…,file=… (as vnn-token --key)")
      ->required();
  app.add_option("--issuer", issuer, "the officers' tokens' \"iss\"")->capture_default_str();
  app.add_option("--seed", generator.seed, "the campaign's data comes from it")
      ->capture_default_str();
  app.add_option("--donors", generator.donors, "at least this many donors")->capture_default_str();
  app.add_option("--households", generator.households, "households on the communes' lists")
      ->capture_default_str();
  app.add_option("--threads", play_options.threads, "calls in flight at once")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  app.add_option("--timeout", timeout_s,
                 "seconds to wait for a service to learn from another's events")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  app.footer(
      "Example:\n  vnn-campaign --signing-key kid=local-officers,alg=ES256,file=.local/keys/"
      "officers-es256.key\n\nExit codes: 0 played and reconciled, 1 a service refused or did not "
      "answer, 2 bad usage, 3 played but reporting did not reconcile in time.");
  CLI11_PARSE(app, argc, argv);
  play_options.propagation_timeout = std::chrono::seconds(timeout_s);

  try {
    auto scenario = vnn::campaign::generate(generator);
    print_scenario(scenario);
    std::fflush(stdout);
    vnn::campaign::Services services(targets);
    vnn::campaign::Officers officers(signing_key, issuer, scenario.campaign.unit_code);
    vnn::campaign::Play play(scenario, services, officers, play_options);
    auto result = vnn::campaign::run_campaign(play);
    std::printf("Xong trong %.1f s: %ld lời gọi, %ld lời gọi phải gửi lại (%ld lần)\n",
                static_cast<double>(result.took.count()) / 1000.0, play.stats.calls(),
                play.stats.retried_calls(), play.stats.retries());
    if (!result.reconciled) return kExitNotReconciled;
    std::printf("Đối chiếu: báo cáo khớp với sổ của dịch vụ quỹ và dịch vụ phân bổ\n");
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vnn-campaign: %s\n", e.what());
    return kExitFailure;
  }
}
