#pragma once

// How each command file adds its subcommands. A command is a run function,
// `int Run(const GlobalOptions&, const Options&)`, and the options it
// reads: Subcommands::Add makes the options (to live as long as the command
// line, for CLI11 to fill), and when the command line chooses the command
// leaves `Run(global, options)` for main to call after parsing, once the
// global options are applied; its result is the exit code. Also the
// arguments several commands take, named and explained the same everywhere.

#include <functional>
#include <memory>
#include <string>

#include "CLI/CLI.hpp"

namespace yjinspect::cli {

// Options every subcommand shares.
struct GlobalOptions {
  std::string intake = "127.0.0.1:50051";
  std::string findings = "127.0.0.1:50052";
  bool json = false;
  // Pseudonymous reference of the person or system acting.
  std::string actor;
};

class Subcommands {
 public:
  // A command just added, and the options it will run with, for the caller
  // to bind to the command's arguments.
  template <typename Options>
  struct Added {
    CLI::App* command;
    Options* options;
  };

  // Adds to `parent`; the chosen command stores its action in `*action`.
  Subcommands(CLI::App& parent, const GlobalOptions& global,
              std::function<int()>* action);

  // Adds `name`, to run `run(global, options)` when chosen.
  template <typename Options>
  Added<Options> Add(const std::string& name, const std::string& description,
                     int (*run)(const GlobalOptions&, const Options&)) {
    auto options = std::make_shared<Options>();
    CLI::App* command = AddRun(
        name, description,
        [&global = global_, run, options] { return run(global, *options); });
    return {command, options.get()};
  }

  // Adds `name`, a command without options of its own, to run `run(global)`
  // when chosen.
  CLI::App* Add(const std::string& name, const std::string& description,
                int (*run)(const GlobalOptions&));

  // Adds `name`, which is chosen through one of its own subcommands (added
  // to the result), as `audit list`.
  Subcommands AddGroup(const std::string& name, const std::string& description);

 private:
  CLI::App* AddRun(const std::string& name, const std::string& description,
                   std::function<int()> run);

  CLI::App& parent_;
  const GlobalOptions& global_;
  std::function<int()>* action_;
};

// The required argument `name` ("name", "inspection" or "--inspection")
// that takes an inspection, as inspections/{id} or {id} (see
// inspection_name.h) unless `help` says otherwise.
CLI::Option* AddInspectionArgument(
    CLI::App& command, const std::string& name, std::string* inspection,
    const std::string& help = "inspections/{id} or {id}");

// What a command that applies a file to an inspection reads.
struct FileForInspection {
  std::string file;
  std::string inspection;
};

// Its two required arguments: the file, positional, and --inspection.
void AddFileForInspection(
    CLI::App& command, FileForInspection* options, const std::string& file_help,
    const std::string& inspection_help = "inspections/{id} or {id}");

}  // namespace yjinspect::cli
