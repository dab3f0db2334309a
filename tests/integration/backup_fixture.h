#pragma once

// Servers for the backup tests: intake and findings in this process on
// 127.0.0.1:0, on folders the test names (a restored store is started on
// the folder the restore filled), with or without a backup folder; and the
// Admin calls, each with a deadline.

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/grpcpp.h"
#include "services/findings/findings_server.h"
#include "services/intake/intake_server.h"
#include "tests/testing/intake_harness.h"
#include "tests/testing/loopback_options.h"
#include "tests/testing/unary_call.h"
#include "yjinspect/v1/admin_service.grpc.pb.h"

namespace yjinspect::testing {

inline absl::StatusOr<std::unique_ptr<intake::IntakeServer>> StartIntake(
    const std::string& data_dir, const std::string& backup_dir,
    bool sync = true) {
  // The restored store must pseudonymise as the original did: the fixed
  // development key.
  intake::IntakeServerOptions options = LoopbackIntakeOptions(data_dir);
  options.backup_dir = backup_dir;
  options.sync = sync;
  return intake::IntakeServer::Start(options);
}

inline absl::StatusOr<std::unique_ptr<findings::FindingsServer>> StartFindings(
    const std::string& data_dir, const std::string& backup_dir,
    const std::string& intake_address) {
  findings::FindingsServerOptions options =
      LoopbackFindingsOptions(data_dir, intake_address);
  options.backup_dir = backup_dir;
  return findings::FindingsServer::Start(options);
}

// StubFor<v1::Admin>(address): a client of one service at `address`.
template <typename Service>
std::unique_ptr<typename Service::Stub> StubFor(const std::string& address) {
  return Service::NewStub(
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
}

// Backups of a small store take well under a second; the deadline is for a
// loaded test machine.
inline constexpr absl::Duration kBackupTimeout = absl::Seconds(60);

inline absl::StatusOr<v1::Backup> CreateBackup(v1::Admin::Stub& admin,
                                               uint32_t keep_latest = 0) {
  v1::CreateBackupRequest request;
  request.set_keep_latest(keep_latest);
  return Call(admin, &v1::Admin::Stub::CreateBackup, request, kBackupTimeout);
}

inline absl::StatusOr<v1::ListBackupsResponse> ListBackups(
    v1::Admin::Stub& admin) {
  return Call(admin, &v1::Admin::Stub::ListBackups, v1::ListBackupsRequest());
}

inline absl::StatusOr<v1::Backup> VerifyBackup(v1::Admin::Stub& admin,
                                               uint32_t backup_id) {
  v1::VerifyBackupRequest request;
  request.set_backup_id(backup_id);
  return Call(admin, &v1::Admin::Stub::VerifyBackup, request, kBackupTimeout);
}

}  // namespace yjinspect::testing
