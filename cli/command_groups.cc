#include "cli/command_groups.h"

#include <map>

namespace yjinspect::cli {

std::string GroupOf(absl::string_view command) {
  static const auto* groups =
      new std::map<std::string, std::string, std::less<>>{
          {"load-synthetic", "Cases"},
          {"list-cases", "Cases"},
          {"caseload-summary", "Cases"},
          {"show-case", "Cases"},
          {"erase-case", "Cases"},
          {"create-inspection", "Inspections"},
          {"show-inspection", "Inspections"},
          {"list-inspections", "Inspections"},
          {"draw-sample", "Inspections"},
          {"reset-sample", "Inspections"},
          {"advance", "Inspections"},
          {"run", "Inspections"},
          {"record-judgements", "Judgements and reports"},
          {"list-findings", "Judgements and reports"},
          {"judgement-history", "Judgements and reports"},
          {"show-verdicts", "Judgements and reports"},
          {"render-report", "Judgements and reports"},
          {"import-cases", "YJB exchange"},
          {"import-context", "YJB exchange"},
          {"export-results", "YJB exchange"},
          {"status", "Operating the services"},
          {"stream-status", "Operating the services"},
          {"audit", "Operating the services"},
          {"backup", "Operating the services"},
          {"restore", "Operating the services"},
          {"keygen", "Operating the services"},
      };
  auto it = groups->find(command);
  return it == groups->end() ? "Other commands" : it->second;
}

void GroupCommands(CLI::App& app) {
  for (CLI::App* command :
       app.get_subcommands([](CLI::App*) { return true; })) {
    command->group(GroupOf(command->get_name()));
  }
}

}  // namespace yjinspect::cli
