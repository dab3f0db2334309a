#include "cli/client/service_config.h"

namespace yjinspect::cli {

absl::string_view ServiceConfigJson() {
  // The CMake glob names exactly one file; a build without it has none, and
  // an empty config leaves gRPC's defaults (no retries, no timeouts).
  auto files = EmbeddedServiceConfigFiles();
  return files.empty() ? absl::string_view() : files.front().text;
}

}  // namespace yjinspect::cli
