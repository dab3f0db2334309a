#pragma once

// An intake server and a findings server following it, each a real child
// process with its own store folder under one work folder and its own
// loopback port, and what the crash driver knows about the running findings
// process: the cursor its store held when it started, so that what it
// applied can be checked against the change log.

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "tests/crash/service_process.h"

namespace yjinspect::crash {

struct ServiceBinaries {
  std::string intake;
  std::string findings;
};

class ServicePair {
 public:
  // Picks two free ports; starts nothing.
  static absl::StatusOr<std::unique_ptr<ServicePair>> Create(
      const ServiceBinaries& binaries, const std::string& folder);

  absl::Status StartIntake() { return intake_->Start(); }
  // Reads the findings store's cursor (read-only) first, then starts it.
  absl::Status StartFindings();
  void KillIntake() { intake_->Kill(); }
  void KillFindings() { findings_->Kill(); }

  ServiceProcess& intake() { return *intake_; }
  ServiceProcess& findings() { return *findings_; }
  const std::string& intake_store() const { return intake_store_; }
  const std::string& findings_store() const { return findings_store_; }
  // The store cursor when the running findings process started.
  uint64_t findings_start_cursor() const { return findings_start_cursor_; }

 private:
  ServicePair() = default;

  std::string intake_store_;
  std::string findings_store_;
  std::unique_ptr<ServiceProcess> intake_;
  std::unique_ptr<ServiceProcess> findings_;
  uint64_t findings_start_cursor_ = 0;
};

}  // namespace yjinspect::crash
