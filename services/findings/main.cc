// findings_server: the findings service of yjinspect.

#include <cstdlib>
#include <string>

#include "absl/flags/flag.h"
#include "common/access/security_flags.h"
#include "common/logging.h"
#include "common/service_command_line.h"
#include "common/shutdown_signal.h"
#include "services/findings/findings_server.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50052",
          "host:port to serve yjinspect.v1.Findings on; 0.0.0.0:PORT accepts "
          "other machines (as in a container)");
ABSL_FLAG(std::string, data_dir, "var/findings",
          "folder of the findings RocksDB store (created when missing)");
ABSL_FLAG(std::string, intake, "127.0.0.1:50051",
          "host:port of the intake service whose sampled cases to follow");
ABSL_FLAG(std::string, frameworks_dir, "",
          "folder of framework files (*.textproto) to use instead of the "
          "built-in frameworks");
ABSL_FLAG(std::string, metrics_listen, "",
          "host:port to serve Prometheus metrics on (/metrics); empty: none");
ABSL_FLAG(std::string, backup_dir, "",
          "folder for the backups the Admin service's CreateBackup takes "
          "(created when missing; one folder per service). Empty: backups "
          "are refused");
ABSL_FLAG(std::string, log_level, "info",
          "least severe log level: debug (every call: method, resource "
          "name, code; never case content), info, warn, error");
ABSL_FLAG(int, shutdown_grace_seconds, 10,
          "on SIGTERM/SIGINT the service reports NOT_SERVING and calls in "
          "flight get this many seconds to finish before the store closes; "
          "give the process longer than this before SIGKILL");

int main(int argc, char** argv) {
  yjinspect::common::BlockShutdownSignals();
  auto environment = yjinspect::common::ParseServiceCommandLine(
      argc, argv,
      "Serves yjinspect.v1.Findings: follows intake's sampled cases and "
      "records inspectors' judgements.\nUsage: findings_server "
      "[--listen=HOST:PORT] [--data_dir=DIR]\n  (--tls_cert=PEM --tls_key=PEM "
      "--tls_ca=PEM --policy_file=TEXTPROTO | "
      "--insecure) [--intake=HOST:PORT]");
  yjinspect::common::InitLogging("findings", absl::GetFlag(FLAGS_log_level));
  yjinspect::common::LogFlagEnvironment(environment);

  yjinspect::findings::FindingsServerOptions options;
  options.listen = absl::GetFlag(FLAGS_listen);
  options.data_dir = absl::GetFlag(FLAGS_data_dir);
  options.intake = absl::GetFlag(FLAGS_intake);
  options.frameworks_dir = absl::GetFlag(FLAGS_frameworks_dir);
  options.security = yjinspect::common::TransportSecurityFromFlags();
  options.health_listen = absl::GetFlag(FLAGS_health_listen);
  options.metrics_listen = absl::GetFlag(FLAGS_metrics_listen);
  options.backup_dir = absl::GetFlag(FLAGS_backup_dir);
  auto server = yjinspect::findings::FindingsServer::Start(options);
  if (!server.ok()) {
    spdlog::critical("cannot start: {}", server.status().ToString());
    return EXIT_FAILURE;
  }
  yjinspect::common::LogTransportSecurity(options.security);
  spdlog::info("serving on {} with store {}, following intake at {} after {}",
               (*server)->address(), options.data_dir, options.intake,
               (*server)->store().Cursor());
  if ((*server)->metrics_port() != 0) {
    spdlog::info("metrics on port {} (/metrics)", (*server)->metrics_port());
  }
  int signal_number = yjinspect::common::WaitForShutdownSignal();
  spdlog::info("signal {} received: finishing calls in flight", signal_number);
  (*server)->Shutdown(
      absl::Seconds(absl::GetFlag(FLAGS_shutdown_grace_seconds)));
  spdlog::info("stopped cleanly");
  return EXIT_SUCCESS;
}
