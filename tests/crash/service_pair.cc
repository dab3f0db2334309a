#include "tests/crash/service_pair.h"

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "tests/crash/store_snapshot.h"

namespace yjinspect::crash {

absl::StatusOr<std::unique_ptr<ServicePair>> ServicePair::Create(
    const ServiceBinaries& binaries, const std::string& folder) {
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) {
    return absl::InternalError(
        absl::StrCat("creating ", folder, ": ", error.message()));
  }
  ASSIGN_OR_RETURN(int intake_port, PickFreePort());
  int findings_port = intake_port;
  while (findings_port == intake_port) {
    ASSIGN_OR_RETURN(findings_port, PickFreePort());
  }
  const std::string intake_address = absl::StrCat("127.0.0.1:", intake_port);
  const std::string findings_address =
      absl::StrCat("127.0.0.1:", findings_port);
  auto pair = std::unique_ptr<ServicePair>(new ServicePair());
  pair->intake_store_ = folder + "/intake";
  pair->findings_store_ = folder + "/findings";
  pair->intake_ = std::make_unique<ServiceProcess>(
      binaries.intake,
      std::vector<std::string>{
          "--listen=" + intake_address, "--data_dir=" + pair->intake_store_,
          "--log_level=warn",
          // Plaintext with a fixed pseudonym key: the
          // test is about durability, not transport.
          "--insecure", "--insecure_development_pseudonyms"},
      folder + "/intake.log", intake_address, "yjinspect.v1.CaseIntake");
  pair->findings_ = std::make_unique<ServiceProcess>(
      binaries.findings,
      std::vector<std::string>{
          "--listen=" + findings_address, "--data_dir=" + pair->findings_store_,
          "--intake=" + intake_address, "--log_level=warn", "--insecure"},
      folder + "/findings.log", findings_address, "yjinspect.v1.Findings");
  return pair;
}

absl::Status ServicePair::StartFindings() {
  findings_start_cursor_ = 0;
  if (std::filesystem::exists(findings_store_ + "/CURRENT")) {
    ASSIGN_OR_RETURN(findings_start_cursor_,
                     ReadFindingsCursor(findings_store_));
  }
  return findings_->Start();
}

}  // namespace yjinspect::crash
