#pragma once

// The real server binaries as the fault tests run them: each a child
// process on its own loopback port and store folder (tests/crash's
// ServiceProcess), plaintext with development pseudonyms (the faults are
// about storage and networks, not transport), logging JSON lines to a file
// the test reads; and the real `yjinspect` command line.

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/grpcpp.h"
#include "tests/crash/service_process.h"
#include "tests/testing/command_run.h"

namespace yjinspect::faults {

// The binaries under test (faults.cmake passes their paths).
struct Binaries {
  std::string intake;
  std::string findings;
  std::string cli;
};
const Binaries& BuiltBinaries();

// An intake server on a free port with its store in `data_dir`, logging to
// `log_path`, with `extra` flags after the usual ones. Not started.
absl::StatusOr<std::unique_ptr<crash::ServiceProcess>> IntakeProcess(
    const std::string& data_dir, const std::string& log_path,
    const std::vector<std::string>& extra = {});

// A findings server following the intake server at `intake_address`.
absl::StatusOr<std::unique_ptr<crash::ServiceProcess>> FindingsProcess(
    const std::string& data_dir, const std::string& log_path,
    const std::string& intake_address,
    const std::vector<std::string>& extra = {});

// The arguments IntakeProcess and FindingsProcess run their binaries with,
// for a run that must end by itself (a server refusing to start).
std::vector<std::string> IntakeArguments(const std::string& listen,
                                         const std::string& data_dir);
std::vector<std::string> FindingsArguments(const std::string& listen,
                                           const std::string& data_dir,
                                           const std::string& intake_address);

// Runs `binary` with `args` until it exits, for at most `timeout` (then it
// is killed and the exit code is 124, as timeout(1) gives it).
testing::CommandResult RunToExit(const std::string& binary,
                                 const std::vector<std::string>& args,
                                 absl::Duration timeout = absl::Seconds(60));

// `yjinspect` with `words`, then `--insecure --actor=OPS-FAULTS` and the
// addresses given.
testing::CommandResult Yjinspect(std::vector<std::string> words,
                                 const std::string& intake_address,
                                 const std::string& findings_address = "");

// A plaintext channel to `address`.
std::shared_ptr<grpc::Channel> Dial(const std::string& address);

// Whether the server at `address` reports `name` SERVING on its health
// service.
bool HealthServing(const std::string& address, const std::string& name);

// The names of every case of `yot` the intake server at `address` holds
// (ListCases, page by page, as `actor`).
absl::StatusOr<std::set<std::string>> StoredCaseNames(
    const std::string& address, const std::string& yot,
    const std::string& actor);

// The whole of a file (a server's log); empty when missing.
std::string ReadWholeFile(const std::string& path);

}  // namespace yjinspect::faults
