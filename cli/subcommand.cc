#include "cli/subcommand.h"

#include <utility>

namespace yjinspect::cli {

Subcommands::Subcommands(CLI::App& parent, const GlobalOptions& global,
                         std::function<int()>* action)
    : parent_(parent), global_(global), action_(action) {}

CLI::App* Subcommands::Add(const std::string& name,
                           const std::string& description,
                           int (*run)(const GlobalOptions&)) {
  return AddRun(name, description,
                [&global = global_, run] { return run(global); });
}

Subcommands Subcommands::AddGroup(const std::string& name,
                                  const std::string& description) {
  CLI::App* group = parent_.add_subcommand(name, description);
  group->require_subcommand(1);
  return Subcommands(*group, global_, action_);
}

CLI::App* Subcommands::AddRun(const std::string& name,
                              const std::string& description,
                              std::function<int()> run) {
  CLI::App* command = parent_.add_subcommand(name, description);
  // CLI11 calls back once the command's own options are parsed; the run
  // waits for main, which still has the global options to apply.
  command->callback(
      [action = action_, run = std::move(run)] { *action = run; });
  return command;
}

CLI::Option* AddInspectionArgument(CLI::App& command, const std::string& name,
                                   std::string* inspection,
                                   const std::string& help) {
  return command.add_option(name, *inspection, help)->required();
}

void AddFileForInspection(CLI::App& command, FileForInspection* options,
                          const std::string& file_help,
                          const std::string& inspection_help) {
  command.add_option("file", options->file, file_help)->required();
  AddInspectionArgument(command, "--inspection", &options->inspection,
                        inspection_help);
}

}  // namespace yjinspect::cli
