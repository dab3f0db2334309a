#include "common/host/flag_environment.h"

#include "absl/algorithm/container.h"
#include "absl/flags/commandlineflag.h"
#include "absl/flags/reflection.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace yjinspect::common {
namespace {

constexpr absl::string_view kPrefix = "YJINSPECT_";

// Flags defined by abseil itself (--help, --flagfile, --fromenv, ...) steer
// parsing and usage output, not the program: they are not configuration.
bool IsAbseilFlag(const absl::CommandLineFlag& flag) {
  return absl::StrContains(flag.Filename(), "absl/");
}

// Upper-case letters, digits and underscores only, so that only the exact
// spelling FlagEnvironmentName gives can match a flag.
bool IsUpperSnakeCase(absl::string_view name) {
  return !name.empty() && absl::c_all_of(name, [](char c) {
    return absl::ascii_isupper(c) || absl::ascii_isdigit(c) || c == '_';
  });
}

}  // namespace

std::string FlagEnvironmentName(absl::string_view flag_name) {
  return absl::StrCat(kPrefix, absl::AsciiStrToUpper(flag_name));
}

absl::StatusOr<FlagEnvironment> DefaultFlagsFromEnvironment(
    const char* const* environment) {
  FlagEnvironment result;
  if (environment == nullptr) return result;
  for (const char* const* entry = environment; *entry != nullptr; ++entry) {
    absl::string_view assignment(*entry);
    size_t equals = assignment.find('=');
    if (equals == absl::string_view::npos) continue;
    absl::string_view variable = assignment.substr(0, equals);
    absl::string_view value = assignment.substr(equals + 1);
    if (!absl::ConsumePrefix(&variable, kPrefix)) continue;
    std::string variable_name = absl::StrCat(kPrefix, variable);
    absl::CommandLineFlag* flag = nullptr;
    if (IsUpperSnakeCase(variable)) {
      flag = absl::FindCommandLineFlag(absl::AsciiStrToLower(variable));
    }
    if (flag == nullptr || flag->IsRetired() || IsAbseilFlag(*flag)) {
      result.unknown.push_back(variable_name);
      continue;
    }
    std::string error;
    if (!flag->ParseFrom(value, &error)) {
      return absl::InvalidArgumentError(
          absl::StrCat(variable_name, "=\"", value, "\" is not a value for --",
                       flag->Name(), ": ", error));
    }
    result.applied.push_back(variable_name);
  }
  return result;
}

}  // namespace yjinspect::common
