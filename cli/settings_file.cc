#include "cli/settings_file.h"

#include <fstream>

#include "absl/strings/str_cat.h"

namespace yjinspect::cli {

SettingsFile DefaultSettingsFile(const char* yjinspect_config,
                                 const char* xdg_config_home,
                                 const char* home) {
  if (yjinspect_config != nullptr && *yjinspect_config != '\0') {
    return {yjinspect_config, /*from_environment=*/true};
  }
  if (xdg_config_home != nullptr && *xdg_config_home != '\0') {
    return {absl::StrCat(xdg_config_home, "/yjinspect/config.toml"), false};
  }
  if (home != nullptr && *home != '\0') {
    return {absl::StrCat(home, "/.config/yjinspect/config.toml"), false};
  }
  return {};
}

void AddSettingsFile(CLI::App& app, const SettingsFile& settings) {
  app.set_config("--config", settings.path,
                 "settings file (TOML) of global options, such as intake = "
                 "\"host:port\"; default $YJINSPECT_CONFIG, else "
                 "~/.config/yjinspect/config.toml when it exists");
  app.allow_config_extras(CLI::config_extras_mode::error);
}

absl::Status CheckSettingsFile(const SettingsFile& settings) {
  if (!settings.from_environment) return absl::OkStatus();
  if (std::ifstream(settings.path).good()) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrCat(
      "YJINSPECT_CONFIG names ", settings.path, ", which cannot be read"));
}

}  // namespace yjinspect::cli
