// intake_server: the case-intake service of yjinspect.

#include <cstdlib>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "common/logging.h"
#include "common/shutdown_signal.h"
#include "services/intake/intake_server.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051",
          "host:port to serve yjinspect.v1.CaseIntake on");
ABSL_FLAG(std::string, data_dir, "var/intake",
          "folder of the intake RocksDB store (created when missing)");
ABSL_FLAG(std::string, frameworks_dir, "",
          "folder of framework files (*.textproto) to use instead of the "
          "built-in frameworks");
ABSL_FLAG(std::string, backup_dir, "",
          "folder for the backups the Admin service's CreateBackup takes "
          "(created when missing; one folder per service). Empty: backups "
          "are refused");
ABSL_FLAG(std::string, log_level, "info",
          "least severe log level: debug, info, warn, error");
ABSL_FLAG(int, shutdown_grace_seconds, 10,
          "on SIGTERM/SIGINT, how long calls in flight may take to finish");

int main(int argc, char** argv) {
  yjinspect::common::BlockShutdownSignals();
  absl::SetProgramUsageMessage(
      "Serves yjinspect.v1.CaseIntake: validates and stores cases and "
      "inspections durably.\nUsage: intake_server [--listen=HOST:PORT] "
      "[--data_dir=DIR]");
  absl::ParseCommandLine(argc, argv);
  yjinspect::common::InitLogging("intake", absl::GetFlag(FLAGS_log_level));

  yjinspect::intake::IntakeServerOptions options;
  options.listen = absl::GetFlag(FLAGS_listen);
  options.data_dir = absl::GetFlag(FLAGS_data_dir);
  options.frameworks_dir = absl::GetFlag(FLAGS_frameworks_dir);
  options.backup_dir = absl::GetFlag(FLAGS_backup_dir);
  auto server = yjinspect::intake::IntakeServer::Start(options);
  if (!server.ok()) {
    spdlog::critical("cannot start: {}", server.status().ToString());
    return EXIT_FAILURE;
  }
  spdlog::info("serving on {} with store {} (change log head {})",
               (*server)->address(), options.data_dir,
               (*server)->store().HeadSequence());
  int signal_number = yjinspect::common::WaitForShutdownSignal();
  spdlog::info("signal {} received: finishing calls in flight", signal_number);
  (*server)->Shutdown(
      absl::Seconds(absl::GetFlag(FLAGS_shutdown_grace_seconds)));
  spdlog::info("stopped cleanly");
  return EXIT_SUCCESS;
}
