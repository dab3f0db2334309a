// intake_server: the case-intake service of yjinspect.

#include <cstdlib>
#include <string>

#include "absl/flags/flag.h"
#include "common/access/security_flags.h"
#include "common/logging.h"
#include "common/service_command_line.h"
#include "common/shutdown_signal.h"
#include "services/intake/intake_server.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051",
          "host:port to serve yjinspect.v1.CaseIntake on; 0.0.0.0:PORT accepts "
          "other machines (as in a container)");
ABSL_FLAG(std::string, data_dir, "var/intake",
          "folder of the intake RocksDB store (created when missing)");
ABSL_FLAG(std::string, frameworks_dir, "",
          "folder of framework files (*.textproto) to use instead of the "
          "built-in frameworks");
ABSL_FLAG(std::string, metrics_listen, "",
          "host:port to serve Prometheus metrics on (/metrics); empty: none");
ABSL_FLAG(std::string, pseudonym_key_file, "",
          "file holding the 32-byte key that turns children's references "
          "into pseudonyms before anything is stored (create it with "
          "`yjinspect keygen --out=FILE`); required");
ABSL_FLAG(bool, insecure_development_pseudonyms, false,
          "without a key file, use a fixed public key: development stores "
          "only, never real cases");
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
      "Serves yjinspect.v1.CaseIntake: validates and stores cases and "
      "inspections durably.\nUsage: intake_server [--listen=HOST:PORT] "
      "[--data_dir=DIR]\n  (--tls_cert=PEM --tls_key=PEM --tls_ca=PEM "
      "--policy_file=TEXTPROTO | "
      "--insecure) --pseudonym_key_file=FILE");
  yjinspect::common::InitLogging("intake", absl::GetFlag(FLAGS_log_level));
  yjinspect::common::LogFlagEnvironment(environment);

  yjinspect::intake::IntakeServerOptions options;
  options.listen = absl::GetFlag(FLAGS_listen);
  options.data_dir = absl::GetFlag(FLAGS_data_dir);
  options.frameworks_dir = absl::GetFlag(FLAGS_frameworks_dir);
  options.security = yjinspect::common::TransportSecurityFromFlags();
  options.health_listen = absl::GetFlag(FLAGS_health_listen);
  options.metrics_listen = absl::GetFlag(FLAGS_metrics_listen);
  options.pseudonym_key_file = absl::GetFlag(FLAGS_pseudonym_key_file);
  options.insecure_development_pseudonyms =
      absl::GetFlag(FLAGS_insecure_development_pseudonyms);
  options.backup_dir = absl::GetFlag(FLAGS_backup_dir);
  auto server = yjinspect::intake::IntakeServer::Start(options);
  if (!server.ok()) {
    spdlog::critical("cannot start: {}", server.status().ToString());
    return EXIT_FAILURE;
  }
  yjinspect::common::LogTransportSecurity(options.security);
  spdlog::info("serving on {} with store {} (change log head {})",
               (*server)->address(), options.data_dir,
               (*server)->store().HeadSequence());
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
