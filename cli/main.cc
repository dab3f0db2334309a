// yjinspect: the command line for every user task of an inspection.

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iostream>

#include "CLI/CLI.hpp"
#include "cli/action_commands.h"
#include "cli/audit_commands.h"
#include "cli/backup_commands.h"
#include "cli/client/exit_codes.h"
#include "cli/client/rpc_client.h"
#include "cli/command_groups.h"
#include "cli/decision_commands.h"
#include "cli/exchange_commands.h"
#include "cli/findings_commands.h"
#include "cli/framework_commands.h"
#include "cli/intake_commands.h"
#include "cli/judgement_commands.h"
#include "cli/judgement_sheet_commands.h"
#include "cli/moderation_commands.h"
#include "cli/recommendation_commands.h"
#include "cli/record_commands.h"
#include "cli/settings_file.h"
#include "cli/status_command.h"
#include "cli/store_check_command.h"
#include "cli/subcommand.h"
#include "cli/transport_options.h"
#include "cli/usage.h"

int main(int argc, char** argv) {
  CLI::App app{
      "yjinspect: run inspections of youth offending work.\n"
      "Exit codes: 0 done, 1 done with some items refused, 2 bad command "
      "line, 3 refused by the service, 4 service unavailable or failed, 5 "
      "audit trail\n"
      "broken.\n"
      "Give your certificate (--cert, --key, --ca or YJINSPECT_TLS_*), or "
      "--insecure for services started with --insecure."};
  app.set_help_all_flag("--help-all", "help for every subcommand");
  app.set_version_flag("--version", "yjinspect " YJ_VERSION,
                       "print the release of yjinspect and exit");
  // Global options may stand anywhere: `yjinspect list-cases --json`, as
  // after the command name, each subcommand (it inherits this) hands what
  // it does not know to its parent.
  app.fallthrough();
  const yjinspect::cli::SettingsFile settings =
      yjinspect::cli::DefaultSettingsFile(std::getenv("YJINSPECT_CONFIG"),
                                          std::getenv("XDG_CONFIG_HOME"),
                                          std::getenv("HOME"));
  yjinspect::cli::AddSettingsFile(app, settings);
  yjinspect::cli::GlobalOptions global;
  app.add_option("--intake", global.intake, "intake service host:port")
      ->envname("YJINSPECT_INTAKE")
      ->capture_default_str();
  app.add_option("--findings", global.findings, "findings service host:port")
      ->envname("YJINSPECT_FINDINGS")
      ->capture_default_str();
  app.add_flag("--json", global.json, "machine-readable JSON output");
  app.add_option("--actor", global.actor,
                 "your pseudonymous staff or system reference, recorded with "
                 "each inspection step you take")
      ->envname("YJINSPECT_ACTOR");
  yjinspect::common::TransportSecurity security;
  yjinspect::cli::AddTransportOptions(app, &security);
  app.require_subcommand(1);

  std::function<int()> action;
  yjinspect::cli::Subcommands commands(app, global, &action);
  yjinspect::cli::AddIntakeCommands(commands);
  yjinspect::cli::AddRecordCommands(commands);
  yjinspect::cli::AddStatusCommand(app, global, &action);
  yjinspect::cli::AddFindingsCommands(commands);
  yjinspect::cli::AddJudgementCommands(commands);
  yjinspect::cli::AddJudgementSheetCommand(commands);
  yjinspect::cli::AddFrameworkCommands(commands);
  yjinspect::cli::AddDecisionCommands(commands);
  yjinspect::cli::AddModerationCommands(commands);
  yjinspect::cli::AddRecommendationCommands(commands);
  yjinspect::cli::AddActionCommands(commands);
  yjinspect::cli::AddExchangeCommands(commands);
  yjinspect::cli::AddAuditCommands(commands);
  yjinspect::cli::AddBackupCommands(commands);
  yjinspect::cli::AddStoreCheckCommand(commands);
  yjinspect::cli::GroupCommands(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // An error may stop the parse before --json is read.
    const bool json =
        global.json || std::any_of(argv + 1, argv + argc, [](const char* word) {
          return std::strcmp(word, "--json") == 0;
        });
    return yjinspect::cli::ReportUsageError(app, e, json);
  }
  yjinspect::cli::SetJsonErrors(global.json);
  if (absl::Status readable = yjinspect::cli::CheckSettingsFile(settings);
      !readable.ok()) {
    return yjinspect::cli::ReportUsageFailure(readable.message());
  }
  // keygen and restore work on local files and call no service: they need
  // no certificate.
  const bool local_only =
      app.got_subcommand("keygen") || app.got_subcommand("restore") ||
      app.got_subcommand("check-store");
  if (!local_only) {
    if (int code = yjinspect::cli::ApplyTransportOptions(security);
        code != yjinspect::cli::kExitOk) {
      return code;
    }
  }
  yjinspect::cli::SetActor(global.actor);
  return action ? action() : yjinspect::cli::kExitUsage;
}
