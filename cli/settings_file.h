#pragma once

// The settings file: the global options a user would otherwise repeat on
// every command (endpoints, certificate paths, actor), read by CLI11 as
// TOML/INI with the options' long names as keys:
//
//   intake = "intake.example.org:50051"
//   findings = "findings.example.org:50052"
//   cert = "/home/anna/.config/yjinspect/anna.pem"
//
// Which file: --config FILE, else $YJINSPECT_CONFIG, else
// $XDG_CONFIG_HOME/yjinspect/config.toml (~/.config/... without it) when
// it exists. A value on the command line wins over the file, and the file
// over an option's environment variable (CLI11 reads the file first). A
// key that names no option is an error, so a misspelt setting is not
// silently ignored.

#include <string>

#include "CLI/CLI.hpp"
#include "absl/status/status.h"

namespace yjinspect::cli {

struct SettingsFile {
  // The file read when --config is not given.
  std::string path;
  // True when $YJINSPECT_CONFIG named it: then it must exist.
  bool from_environment = false;
};

// Where the settings file is by default, from the environment's
// YJINSPECT_CONFIG, XDG_CONFIG_HOME and HOME (each may be null); empty when
// none of them says.
SettingsFile DefaultSettingsFile(const char* yjinspect_config,
                                 const char* xdg_config_home, const char* home);

// Adds --config to `app`, reading `settings.path` when it is not given.
// Call before adding subcommands: they inherit the rule on unknown keys.
void AddSettingsFile(CLI::App& app, const SettingsFile& settings);

// After parsing: FAILED_PRECONDITION when $YJINSPECT_CONFIG names a file
// that cannot be read (CLI11 passes over a missing default in silence).
absl::Status CheckSettingsFile(const SettingsFile& settings);

}  // namespace yjinspect::cli
