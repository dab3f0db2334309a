// findings_server: the findings service of yjinspect. The flags both
// services take are in common/host/service_flags.cc; these are findings' own.

#include <string>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "common/host/service_main.h"
#include "services/findings/findings_server.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50052",
          "host:port to serve yjinspect.v1.Findings on; 0.0.0.0:PORT accepts "
          "other machines (as in a container)");
ABSL_FLAG(std::string, data_dir, "var/findings",
          "folder of the findings RocksDB store (created when missing)");
ABSL_FLAG(std::string, intake, "127.0.0.1:50051",
          "host:port of the intake service whose sampled cases to follow");

ABSL_FLAG(int, intake_keepalive_seconds, 20,
          "ping intake on a quiet stream this often, and give up on the "
          "connection when a ping is not answered in as long: a partition "
          "that leaves the connection open is noticed within twice this");
ABSL_FLAG(int, feed_degraded_after_seconds, 30,
          "report the feed from intake degraded (health yjinspect.feed "
          "NOT_SERVING, GetFeedStatus.degraded) once findings has not been "
          "up to date with intake for this long");

int main(int argc, char** argv) {
  using yjinspect::findings::FindingsServer;
  using yjinspect::findings::FindingsServerOptions;
  return yjinspect::common::RunService<FindingsServer, FindingsServerOptions>(
      argc, argv, "findings",
      "Serves yjinspect.v1.Findings: follows intake's sampled cases and "
      "records inspectors' judgements.\nUsage: findings_server "
      "[--listen=HOST:PORT] [--data_dir=DIR]\n  (--tls_cert=PEM --tls_key=PEM "
      "--tls_ca=PEM --policy_file=TEXTPROTO | "
      "--insecure) [--intake=HOST:PORT]",
      [](FindingsServerOptions& options) {
        options.listen = absl::GetFlag(FLAGS_listen);
        options.data_dir = absl::GetFlag(FLAGS_data_dir);
        options.intake = absl::GetFlag(FLAGS_intake);
        options.intake_keepalive =
            absl::Seconds(absl::GetFlag(FLAGS_intake_keepalive_seconds));
        options.feed_degraded_after =
            absl::Seconds(absl::GetFlag(FLAGS_feed_degraded_after_seconds));
      },
      [](FindingsServer& server, const FindingsServerOptions& options) {
        return absl::StrCat("serving on ", server.address(), " with store ",
                            options.data_dir, ", following intake at ",
                            options.intake, " after ", server.store().Cursor());
      });
}
