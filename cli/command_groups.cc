#include "cli/command_groups.h"

#include <map>

#include "absl/strings/str_cat.h"

namespace yjinspect::cli {
namespace {

struct CommandHelp {
  const char* group;
  const char* example;
};

// Every command, in the order of `yjinspect --help`. The examples use the
// synthetic Northmoor YOT the demo loads.
const std::map<std::string, CommandHelp, std::less<>>& Commands() {
  static const auto* commands = new std::map<std::string, CommandHelp,
                                             std::less<>>{
      {"load-synthetic",
       {"Cases",
        "yjinspect load-synthetic --yot=northmoor --prefix=NM "
        "--cases=300 --seed=2014"}},
      {"list-cases", {"Cases", "yjinspect list-cases --yot=northmoor"}},
      {"caseload-summary",
       {"Cases", "yjinspect caseload-summary --yot=northmoor --json"}},
      {"show-case",
       {"Cases", "yjinspect show-case yots/northmoor/cases/NM-0001"}},
      {"update-case",
       {"Cases",
        "yjinspect update-case yots/northmoor/cases/NM-0001 "
        "--file=NM-0001.textproto --etag=3f2a9c1d7e4b8a06"}},
      {"erase-case",
       {"Cases",
        "yjinspect erase-case yots/northmoor/cases/NM-0001 "
        "--reason=\"retention period ended\""}},
      {"create-inspection",
       {"Inspections",
        "yjinspect create-inspection --id=northmoor-2014-12 "
        "--yot=northmoor --framework=sqs-2014 --announced=2014-11-17 "
        "--fieldwork-start=2014-12-01 --fieldwork-end=2014-12-04"}},
      {"show-inspection",
       {"Inspections", "yjinspect show-inspection northmoor-2014-12"}},
      {"list-inspections",
       {"Inspections", "yjinspect list-inspections --yot=northmoor"}},
      {"draw-sample",
       {"Inspections", "yjinspect draw-sample northmoor-2014-12 --seed=7"}},
      {"reset-sample",
       {"Inspections",
        "yjinspect reset-sample northmoor-2014-12 --reason=\"a sampled "
        "case was found to be ineligible\""}},
      {"advance",
       {"Inspections",
        "yjinspect advance northmoor-2014-12 --to=verdicts-agreed "
        "--reason=\"agreed at the panel\""}},
      {"run",
       {"Inspections",
        "yjinspect run examples/bolton-sqs-2014.run.textproto "
        "--out=out/bolton"}},
      {"judgement-sheet",
       {"Judgements and reports",
        "yjinspect judgement-sheet northmoor-2014-12 "
        "--out=northmoor-sheet.csv --with-notes"}},
      {"record-judgements",
       {"Judgements and reports",
        "yjinspect record-judgements northmoor-sheet.csv "
        "--inspection=northmoor-2014-12 --inspector=insp-anna"}},
      {"list-findings",
       {"Judgements and reports", "yjinspect list-findings northmoor-2014-12"}},
      {"judgement-history",
       {"Judgements and reports",
        "yjinspect judgement-history "
        "inspections/northmoor-2014-12/caseFindings/NM-0001"}},
      {"show-verdicts",
       {"Judgements and reports",
        "yjinspect show-verdicts northmoor-2014-12 --json"}},
      {"render-report",
       {"Judgements and reports",
        "yjinspect render-report northmoor-2014-12 "
        "--out=out/northmoor-2014-12"}},
      {"record-verdict-decision",
       {"Judgements and reports",
        "yjinspect record-verdict-decision northmoor-2014-12 "
        "--override=improvement:1.1=confirm --reason=\"agreed at the "
        "panel\" --by=lead-1"}},
      {"list-verdict-decisions",
       {"Judgements and reports",
        "yjinspect list-verdict-decisions northmoor-2014-12"}},
      {"record-recommendation",
       {"Judgements and reports",
        "yjinspect record-recommendation northmoor-2021-10 --id=board-1 "
        "--addressee=board --standard=1.1 --text=\"Make sure the board "
        "understands the service's work.\""}},
      {"list-recommendations",
       {"Judgements and reports",
        "yjinspect list-recommendations northmoor-2021-10"}},
      {"record-action",
       {"Judgements and reports",
        "yjinspect record-action northmoor-2021-10 "
        "--recommendation=board-1 --id=report-caseloads "
        "--owner=\"Head of Service\" --due=2022-06-30 --status=planned "
        "--text=\"Report caseloads to every board meeting.\""}},
      {"list-actions",
       {"Judgements and reports", "yjinspect list-actions northmoor-2021-10"}},
      {"board-summary",
       {"Judgements and reports",
        "yjinspect board-summary northmoor-2021-10 --as-of=2022-09-01"}},
      {"assign-second-markers",
       {"Moderation",
        "yjinspect assign-second-markers northmoor-2021-10 --marker=insp-8 "
        "--share=10 --seed=5"}},
      {"second-mark",
       {"Moderation",
        "yjinspect second-mark northmoor-2021-10 "
        "--case=yots/northmoor/cases/NM-0007 --answer=1.1=yes "
        "--answer=1.2=no --inspector=insp-8 --submit"}},
      {"disagreements",
       {"Moderation", "yjinspect disagreements northmoor-2021-10 --open"}},
      {"resolve-disagreement",
       {"Moderation",
        "yjinspect resolve-disagreement "
        "inspections/northmoor-2021-10/caseFindings/NM-0007 "
        "--criterion=1.2 --agreed=no --reason=\"the plan named no "
        "contingency\" --moderator=lead-1"}},
      {"agreement",
       {"Moderation", "yjinspect agreement northmoor-2021-10 --json"}},
      {"agree-verdicts",
       {"Moderation",
        "yjinspect agree-verdicts northmoor-2021-10 "
        "--reason=\"agreed at the panel\""}},
      {"list-frameworks",
       {"Judgements and reports",
        "yjinspect list-frameworks --framework=sqs-2014"}},
      {"show-framework",
       {"Judgements and reports",
        "yjinspect show-framework sqs-2014 --framework-version=2"}},
      {"import-cases",
       {"YJB exchange", "yjinspect import-cases northmoor-caseload.csv"}},
      {"import-victim-cases",
       {"YJB exchange",
        "yjinspect import-victim-cases northmoor-victim-cases.csv"}},
      {"import-context",
       {"YJB exchange",
        "yjinspect import-context northmoor-context.csv "
        "--inspection=northmoor-2014-12"}},
      {"export-results",
       {"YJB exchange",
        "yjinspect export-results northmoor-2014-12 "
        "--out=northmoor-results.json"}},
      {"status",
       {"Operating the services",
        "yjinspect status --with-findings --wait=30"}},
      {"stream-status",
       {"Operating the services", "yjinspect stream-status --json"}},
      {"audit",
       {"Operating the services", "yjinspect audit verify --service=all"}},
      {"audit list",
       {"Operating the services",
        "yjinspect audit list --service=intake "
        "--resource=yots/northmoor/cases/NM-0001"}},
      {"audit verify",
       {"Operating the services", "yjinspect audit verify --service=findings"}},
      {"backup",
       {"Operating the services",
        "yjinspect backup --service=intake --keep-latest=7"}},
      {"restore",
       {"Operating the services",
        "yjinspect restore --service=intake --backup-dir=/backups/intake "
        "--data-dir=var/intake"}},
      {"check-store",
       {"Operating the services",
        "yjinspect check-store --data-dir=var/intake"}},
      {"keygen",
       {"Operating the services",
        "yjinspect keygen --out=/etc/yjinspect/pseudonym.key"}},
  };
  return *commands;
}

// Sets the example footer of `command` (its path is `path`) and of the
// commands of its group.
void SetExamples(CLI::App& command, const std::string& path) {
  if (std::string example = ExampleOf(path); !example.empty()) {
    command.footer(absl::StrCat("Example:\n  ", example));
  }
  for (CLI::App* sub :
       command.get_subcommands([](CLI::App*) { return true; })) {
    SetExamples(*sub, absl::StrCat(path, " ", sub->get_name()));
  }
}

}  // namespace

std::string GroupOf(absl::string_view command) {
  auto it = Commands().find(command);
  return it == Commands().end() ? "Other commands" : it->second.group;
}

std::string ExampleOf(absl::string_view command) {
  auto it = Commands().find(command);
  return it == Commands().end() ? "" : it->second.example;
}

void GroupCommands(CLI::App& app) {
  for (CLI::App* command :
       app.get_subcommands([](CLI::App*) { return true; })) {
    command->group(GroupOf(command->get_name()));
    SetExamples(*command, command->get_name());
  }
}

}  // namespace yjinspect::cli
