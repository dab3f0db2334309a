#include "common/host/service_command_line.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>

#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/flags/usage_config.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "absl/synchronization/mutex.h"
#include "common/host/allocator_tuning.h"
#include "spdlog/spdlog.h"

#ifndef YJ_VERSION
#define YJ_VERSION "unknown"
#endif

namespace yjinspect::common {
namespace {

constexpr char kEnvironmentHelp[] =
    "\n\nEvery flag can also be set by an environment variable named "
    "YJINSPECT_ and the flag in upper case (--data_dir: "
    "YJINSPECT_DATA_DIR); the command line wins over the environment.";

// --help lists the service's flags; abseil's own (--flagfile, --help...)
// only appear with --helpfull.
bool IsServiceFlagFile(absl::string_view filename) {
  return !absl::StrContains(filename, "absl/");
}

// "../../../../services/intake/main.cc" (the path the compiler saw from the
// build folder) reads as "services/intake/main.cc" in --help.
std::string RepositoryPath(absl::string_view filename) {
  while (absl::ConsumePrefix(&filename, "../") ||
         absl::ConsumePrefix(&filename, "./")) {
  }
  return std::string(filename);
}

}  // namespace

void SkipMutexDeadlockDetection() {
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
}

FlagEnvironment ParseServiceCommandLine(int argc, char** argv,
                                        absl::string_view usage) {
  absl::FlagsUsageConfig config;
  config.contains_help_flags = IsServiceFlagFile;
  config.contains_helpshort_flags = IsServiceFlagFile;
  config.normalize_filename = RepositoryPath;
  config.version_string = [] {
    return absl::StrCat("yjinspect ", YJ_VERSION, "\n");
  };
  absl::SetFlagsUsageConfig(config);
  absl::SetProgramUsageMessage(absl::StrCat(usage, kEnvironmentHelp));

  auto environment = DefaultFlagsFromEnvironment(environ);
  if (!environment.ok()) {
    std::fprintf(stderr, "%s\n", environment.status().ToString().c_str());
    std::exit(2);
  }
  absl::ParseCommandLine(argc, argv);
  SkipMutexDeadlockDetection();
  TuneAllocator();
  return *std::move(environment);
}

void LogFlagEnvironment(const FlagEnvironment& environment) {
  if (!environment.applied.empty()) {
    spdlog::info("configured from the environment: {}",
                 absl::StrJoin(environment.applied, ", "));
  }
  if (!environment.unknown.empty()) {
    spdlog::warn("ignoring environment variables that name no flag: {}",
                 absl::StrJoin(environment.unknown, ", "));
  }
}

}  // namespace yjinspect::common
