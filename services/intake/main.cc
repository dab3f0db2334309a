// intake_server: the case-intake service of yjinspect. The flags both
// services take are in common/host/service_flags.cc; these are intake's own.

#include <string>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "common/host/service_main.h"
#include "services/intake/intake_server.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051",
          "host:port to serve yjinspect.v1.CaseIntake on; 0.0.0.0:PORT accepts "
          "other machines (as in a container)");
ABSL_FLAG(std::string, data_dir, "var/intake",
          "folder of the intake RocksDB store (created when missing)");
ABSL_FLAG(std::string, pseudonym_key_file, "",
          "file holding the 32-byte key that turns children's references "
          "into pseudonyms before anything is stored (create it with "
          "`yjinspect keygen --out=FILE`); required");
ABSL_FLAG(bool, insecure_development_pseudonyms, false,
          "without a key file, use a fixed public key: development stores "
          "only, never real cases");

ABSL_FLAG(int, max_concurrent_uploads, 32,
          "BatchCreateCases streams served at once (each holds one chunk of "
          "cases while it is stored); more are refused at once with "
          "RESOURCE_EXHAUSTED (TOO_MANY_CALLS). 0: no limit");

int main(int argc, char** argv) {
  using yjinspect::intake::IntakeServer;
  using yjinspect::intake::IntakeServerOptions;
  return yjinspect::common::RunService<IntakeServer, IntakeServerOptions>(
      argc, argv, "intake",
      "Serves yjinspect.v1.CaseIntake: validates and stores cases and "
      "inspections durably.\nUsage: intake_server [--listen=HOST:PORT] "
      "[--data_dir=DIR]\n  (--tls_cert=PEM --tls_key=PEM --tls_ca=PEM "
      "--policy_file=TEXTPROTO | "
      "--insecure) --pseudonym_key_file=FILE",
      [](IntakeServerOptions& options) {
        options.listen = absl::GetFlag(FLAGS_listen);
        options.data_dir = absl::GetFlag(FLAGS_data_dir);
        options.pseudonym_key_file = absl::GetFlag(FLAGS_pseudonym_key_file);
        options.insecure_development_pseudonyms =
            absl::GetFlag(FLAGS_insecure_development_pseudonyms);
        options.max_concurrent_uploads =
            absl::GetFlag(FLAGS_max_concurrent_uploads);
      },
      [](IntakeServer& server, const IntakeServerOptions& options) {
        return absl::StrCat("serving on ", server.address(), " with store ",
                            options.data_dir, " (change log head ",
                            server.store().HeadSequence(), ")");
      });
}
