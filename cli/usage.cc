#include "cli/usage.h"

#include <algorithm>
#include <iostream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/client/exit_codes.h"
#include "cli/client/rpc_client.h"

namespace yjinspect::cli {
namespace {

// Optimal string alignment distance: insertions, deletions, substitutions
// and swaps of two neighbouring letters ("lsit" for "list") each count one.
size_t EditDistance(absl::string_view a, absl::string_view b) {
  std::vector<std::vector<size_t>> d(a.size() + 1,
                                     std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] =
          std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

// The commands `app` offers, as `yjinspect help` lists them.
std::vector<std::string> CommandNames(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (!sub->get_name().empty()) names.push_back(sub->get_name());
  }
  return names;
}

// The command the parse got to: `app`, or its subcommand that was given,
// and so on down.
const CLI::App& DeepestParsed(const CLI::App& app) {
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (sub->parsed()) return DeepestParsed(*sub);
  }
  return app;
}

}  // namespace

std::optional<std::string> LikelyMeant(absl::string_view typed,
                                       const std::vector<std::string>& names) {
  if (typed.empty()) return std::nullopt;
  std::optional<std::string> best;
  size_t best_distance = typed.size() / 3 + 1;
  bool tied = false;
  for (const std::string& name : names) {
    // A prefix either way ("list" for "list-cases", "list-cases-all" for
    // "list-cases") counts as one step: a word cut short or run on.
    const bool prefix =
        absl::StartsWith(name, typed) || absl::StartsWith(typed, name);
    const size_t distance = prefix ? 1 : EditDistance(typed, name);
    if (distance > typed.size() / 3 && !prefix) continue;
    if (distance < best_distance) {
      best = name;
      best_distance = distance;
      tied = false;
    } else if (distance == best_distance && best.has_value()) {
      tied = true;
    }
  }
  if (tied) return std::nullopt;
  return best;
}

std::optional<std::string> UnknownCommandMessage(const CLI::App& app) {
  const CLI::App& at = DeepestParsed(app);
  std::string typed;
  for (const std::string& word : app.remaining(/*recurse=*/true)) {
    if (!absl::StartsWith(word, "-")) {
      typed = word;
      break;
    }
  }
  if (typed.empty()) return std::nullopt;
  const std::vector<std::string> names = CommandNames(at);
  const std::string where =
      &at == &app ? "" : absl::StrCat(" of '", at.get_name(), "'");
  if (std::optional<std::string> meant = LikelyMeant(typed, names)) {
    return absl::StrCat("unknown command '", typed, "'", where,
                        "; did you mean ", *meant, "?");
  }
  return absl::StrCat("unknown command '", typed, "'", where,
                      "; the commands are: ", absl::StrJoin(names, ", "));
}

int ReportUsageError(const CLI::App& app, const CLI::ParseError& error,
                     bool json) {
  // --help and --version end the parse with "errors" whose exit code is 0.
  if (error.get_exit_code() == 0) {
    return app.exit(error) == 0 ? kExitOk : kExitUsage;
  }
  std::string message = error.what();
  if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr) {
    if (std::optional<std::string> unknown = UnknownCommandMessage(app)) {
      message = *unknown;
    }
  }
  if (json) {
    std::cerr << UsageFailureJson(message) << "\n";
  } else {
    std::cerr << "error: " << message << "\nRun with --help for more "
              << "information.\n";
  }
  return kExitUsage;
}

}  // namespace yjinspect::cli
