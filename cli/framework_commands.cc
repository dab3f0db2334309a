#include "cli/framework_commands.h"

#include <iostream>
#include <map>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "cli/answer_output.h"
#include "cli/client/unary_call.h"
#include "cli/json_output.h"
#include "yjinspect/v1/frameworks_service.grpc.pb.h"

namespace yjinspect::cli {
namespace {

using FrameworksStub = v1::Frameworks::Stub;

struct FrameworkChoice {
  std::string framework;
  std::string version;
};

int ListFrameworks(const GlobalOptions& global, const std::string& id) {
  v1::ListFrameworksRequest request;
  request.set_framework_id(id);
  return PrintAnswer(
      CallService(global.findings, &FrameworksStub::ListFrameworks, request),
      [&global](const v1::ListFrameworksResponse& listed) {
        for (const v1::FrameworkVersion& framework : listed.frameworks()) {
          if (global.json) {
            std::cout << MessageJson(framework) << "\n";
          } else {
            PrintFrameworkLine(framework, std::cout);
          }
        }
      });
}

// The newest version of `id`'s name, or the failure: NOT_FOUND when the
// service knows no version of it.
absl::StatusOr<std::string> NewestVersionName(const std::string& address,
                                              const std::string& id) {
  v1::ListFrameworksRequest request;
  request.set_framework_id(id);
  absl::StatusOr<v1::ListFrameworksResponse> listed =
      CallService(address, &FrameworksStub::ListFrameworks, request);
  if (!listed.ok()) return listed.status();
  for (const v1::FrameworkVersion& framework : listed->frameworks()) {
    if (framework.newest()) return framework.name();
  }
  return absl::NotFoundError(
      absl::StrCat("the service knows no framework ", id,
                   "; yjinspect list-frameworks lists the ones it knows"));
}

int ShowFramework(const GlobalOptions& global, const FrameworkChoice& choice) {
  std::string name = FrameworkVersionNameOf(choice.framework, choice.version);
  if (name.empty()) {
    absl::StatusOr<std::string> newest =
        NewestVersionName(global.findings, choice.framework);
    if (!newest.ok()) return ReportFailure(newest.status());
    name = *newest;
  }
  v1::GetFrameworkRequest request;
  request.set_name(name);
  return PrintAnswerAsJsonOr(
      CallService(global.findings, &FrameworksStub::GetFramework, request),
      global.json, [](const v1::FrameworkVersion& framework) {
        PrintFrameworkText(framework, std::cout);
      });
}

}  // namespace

std::string FrameworkVersionNameOf(const std::string& framework,
                                   const std::string& version) {
  if (absl::StartsWith(framework, "frameworks/")) return framework;
  if (version.empty()) return "";
  return absl::StrCat("frameworks/", framework, "/versions/", version);
}

void PrintFrameworkLine(const v1::FrameworkVersion& framework,
                        std::ostream& out) {
  out << framework.name() << "  " << framework.framework().title();
  if (framework.newest()) out << "  (newest)";
  if (framework.has_superseded()) {
    out << "  (superseded by version " << framework.superseded().by_version()
        << ")";
  }
  out << "\n";
}

void PrintFrameworkText(const v1::FrameworkVersion& framework,
                        std::ostream& out) {
  const v1::Framework& f = framework.framework();
  PrintFrameworkLine(framework, out);
  if (!f.provenance().empty()) out << f.provenance() << "\n";
  if (framework.has_superseded()) {
    out << "Superseded: " << framework.superseded().reason() << "\n";
  }
  std::map<std::string, std::vector<std::string>> answers;
  for (const v1::AnswerScale& scale : f.scales()) {
    for (const v1::AnswerValue& value : scale.values()) {
      answers[scale.id()].push_back(value.id());
    }
  }
  for (const v1::Section& section : f.sections()) {
    out << "\n" << section.id() << " " << section.title() << "\n";
    for (const v1::Criterion& criterion : section.criteria()) {
      out << "  " << criterion.id() << " " << criterion.wording() << " ["
          << absl::StrJoin(answers[criterion.scale()], "|") << "]\n";
    }
  }
}

void AddFrameworkCommands(Subcommands commands) {
  auto [list, id] = commands.Add(
      "list-frameworks",
      "List the inspection frameworks the services know, one version a "
      "line: name, title, newest or superseded.",
      ListFrameworks);
  list->add_option("--framework", *id, "only the versions of this id");

  auto [show, choice] = commands.Add(
      "show-framework",
      "Show a framework version's sections and criteria, each with the "
      "answers its scale allows (--json: the whole framework).",
      ShowFramework);
  show->add_option("framework", choice->framework,
                   "frameworks/{id}/versions/{version}, or an id")
      ->required();
  show->add_option("--framework-version", choice->version,
                   "with an id: this version (default: the newest)");
}

}  // namespace yjinspect::cli
