// workbench_server: the inspectors' workbench (services/workbench/
// workbench_server.h; docs/workbench.md). Flags may also come from
// YJINSPECT_ environment variables, as the services' do.

#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/host/service_command_line.h"
#include "common/host/shutdown_signal.h"
#include "common/telemetry/logging.h"
#include "services/workbench/workbench_server.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:8080",
          "host:port to serve the pages and the JSON API to browsers on; "
          "behind the authenticating proxy in production");
ABSL_FLAG(std::string, intake, "127.0.0.1:50051",
          "host:port of the intake service");
ABSL_FLAG(std::string, findings, "127.0.0.1:50052",
          "host:port of the findings service");
ABSL_FLAG(std::string, tls_cert, "",
          "PEM certificate the workbench presents to the services (its "
          "policy role is `gateway`), and serves --api_listen with");
ABSL_FLAG(std::string, tls_key, "", "PEM private key of --tls_cert");
ABSL_FLAG(std::string, tls_ca, "",
          "PEM CA bundle the services' certificates, and --api_listen's "
          "clients', chain to");
ABSL_FLAG(bool, insecure, false,
          "call services started with --insecure, in plaintext "
          "(development only)");
ABSL_FLAG(std::string, policy_file, "",
          "the access policy the services run with: who may sign in, and "
          "their assignments");
ABSL_FLAG(std::string, trusted_proxies, "",
          "comma-separated addresses or CIDR blocks of the authenticating "
          "reverse proxy; every request from elsewhere is refused");
ABSL_FLAG(std::string, user_header, "X-Forwarded-User",
          "the header in which the proxy names the signed-in user");
ABSL_FLAG(std::string, dev_user, "",
          "development only, on a loopback --listen: every request is this "
          "policy identity's, with no sign-on");
ABSL_FLAG(std::string, api_listen, "",
          "host:port to serve the JSON API to systems over mutual TLS "
          "(--tls_cert, --tls_key, --tls_ca); empty: not served");
ABSL_FLAG(std::string, metrics_listen, "",
          "host:port to serve Prometheus /metrics on; empty: not served");
ABSL_FLAG(std::string, csrf_key_file, "",
          "a file of at least 32 random bytes, the same for every replica, "
          "keying the pages' request-forgery tokens; empty: a key of this "
          "process");
ABSL_FLAG(int, call_deadline_seconds, 30,
          "the longest a call to a service may take");
ABSL_FLAG(std::string, log_level, "info",
          "spdlog level: trace, debug, info, warn, error");

int main(int argc, char** argv) {
  namespace common = yjinspect::common;
  using yjinspect::workbench::WorkbenchServer;
  using yjinspect::workbench::WorkbenchServerOptions;
  common::BlockShutdownSignals();
  const common::FlagEnvironment environment = common::ParseServiceCommandLine(
      argc, argv,
      "Serves the inspectors' workbench: pages and a JSON API in front of "
      "the intake and findings services.\nUsage: workbench_server "
      "[--listen=HOST:PORT] --policy_file=TEXTPROTO\n  (--tls_cert=PEM "
      "--tls_key=PEM --tls_ca=PEM | --insecure)\n  "
      "(--trusted_proxies=CIDR,... | --dev_user=IDENTITY) "
      "[--intake=HOST:PORT] [--findings=HOST:PORT]");
  common::InitLogging("workbench", absl::GetFlag(FLAGS_log_level));
  common::LogFlagEnvironment(environment);

  WorkbenchServerOptions options;
  options.listen = absl::GetFlag(FLAGS_listen);
  options.intake = absl::GetFlag(FLAGS_intake);
  options.findings = absl::GetFlag(FLAGS_findings);
  options.security.cert_file = absl::GetFlag(FLAGS_tls_cert);
  options.security.key_file = absl::GetFlag(FLAGS_tls_key);
  options.security.ca_file = absl::GetFlag(FLAGS_tls_ca);
  options.security.insecure = absl::GetFlag(FLAGS_insecure);
  options.security.policy_file = absl::GetFlag(FLAGS_policy_file);
  for (absl::string_view proxy : absl::StrSplit(
           absl::GetFlag(FLAGS_trusted_proxies), ',', absl::SkipWhitespace())) {
    options.sign_in.trusted_proxies.emplace_back(proxy);
  }
  options.sign_in.user_header = absl::GetFlag(FLAGS_user_header);
  options.sign_in.development_user = absl::GetFlag(FLAGS_dev_user);
  options.api_listen = absl::GetFlag(FLAGS_api_listen);
  options.metrics_listen = absl::GetFlag(FLAGS_metrics_listen);
  options.csrf_key_file = absl::GetFlag(FLAGS_csrf_key_file);
  options.call_deadline =
      absl::Seconds(absl::GetFlag(FLAGS_call_deadline_seconds));

  auto server = WorkbenchServer::Start(options);
  if (!server.ok()) {
    common::LogEvent(spdlog::level::err,
                     absl::StrCat("cannot start: ", server.status().ToString()),
                     {});
    return 1;
  }
  if (!options.sign_in.development_user.empty()) {
    common::LogEvent(
        spdlog::level::warn,
        absl::StrCat("DEVELOPMENT MODE: no sign-on; every request is ",
                     options.sign_in.development_user,
                     "'s. Never run this way outside your own machine."),
        {});
  }
  // The bound port, which --listen=HOST:0 leaves to the system.
  const std::string host = options.listen.substr(0, options.listen.rfind(':'));
  std::string serving =
      absl::StrCat("serving on ", host, ":", (*server)->port(), ", intake at ",
                   options.intake, ", findings at ", options.findings);
  if ((*server)->api_port() > 0) {
    absl::StrAppend(&serving, ", the JSON API over mutual TLS on port ",
                    (*server)->api_port());
  }
  if ((*server)->metrics_port() > 0) {
    absl::StrAppend(&serving, ", metrics on port ", (*server)->metrics_port());
  }
  common::LogEvent(spdlog::level::info, serving, {});
  common::WaitForShutdownSignal();
  common::LogEvent(spdlog::level::info, "stopping", {});
  (*server)->Shutdown();
  return 0;
}
