#include "cli/judgement_commands.h"

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "cli/client/exit_codes.h"
#include "cli/client/paged.h"
#include "cli/client/rpc_client.h"
#include "cli/inspection_name.h"
#include "cli/json_output.h"
#include "common/rpc/grpc_status.h"
#include "google/protobuf/util/time_util.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"

namespace yjinspect::cli {
namespace {

// "1.1=yes, 2.1=no": the answers, in the order recorded.
std::string Answers(
    const google::protobuf::RepeatedPtrField<v1::Judgement>& judgements) {
  std::vector<std::string> answers;
  for (const v1::Judgement& j : judgements) {
    answers.push_back(j.criterion_id() + "=" + j.answer());
  }
  return absl::StrJoin(answers, ", ");
}

int ListFindings(const GlobalOptions& global, const std::string& inspection) {
  auto stub = v1::Findings::NewStub(Connect(global.findings));
  v1::ListCaseFindingsRequest request;
  request.set_parent(InspectionName(inspection));
  request.set_page_size(1000);
  absl::Status listed =
      ForEachPage(*stub, &v1::Findings::Stub::ListCaseFindings, request,
                  [&global](const v1::ListCaseFindingsResponse& page) {
                    for (const v1::CaseFindings& f : page.case_findings()) {
                      if (global.json) {
                        std::cout << MessageJson(f) << "\n";
                      } else {
                        std::cout << f.name() << "  revision " << f.revision()
                                  << " by " << f.inspector_reference() << "  "
                                  << f.judgements_size() << " answers\n";
                      }
                    }
                  });
  return listed.ok() ? kExitOk : ReportFailure(listed);
}

int JudgementHistory(const GlobalOptions& global, const std::string& name) {
  auto stub = v1::Findings::NewStub(Connect(global.findings));
  v1::ListJudgementHistoryRequest request;
  request.set_name(name);
  request.set_page_size(1000);
  absl::Status listed =
      ForEachPage(*stub, &v1::Findings::Stub::ListJudgementHistory, request,
                  [&global](const v1::ListJudgementHistoryResponse& page) {
                    for (const v1::JudgementRevision& r : page.revisions()) {
                      if (global.json) {
                        std::cout << MessageJson(r) << "\n";
                      } else {
                        std::cout << "revision " << r.revision() << "  "
                                  << google::protobuf::util::TimeUtil::ToString(
                                         r.record_time())
                                  << "  by " << r.inspector_reference() << "  "
                                  << Answers(r.judgements()) << "\n";
                      }
                    }
                  });
  return listed.ok() ? kExitOk : ReportFailure(listed);
}

}  // namespace

void AddJudgementCommands(CLI::App& app, const GlobalOptions& global,
                          std::function<int()>* action) {
  auto name = std::make_shared<std::string>();

  CLI::App* list = app.add_subcommand(
      "list-findings",
      "List an inspection's case findings, one a line: name, revision, "
      "inspector, number of answers.\n"
      "Example: yjinspect list-findings bolton-2014-12");
  list->add_option("inspection", *name, "inspections/{id} or {id}")->required();
  list->callback([&global, name, action] {
    *action = [&global, name] { return ListFindings(global, *name); };
  });

  CLI::App* history = app.add_subcommand(
      "judgement-history",
      "Every change to a case's judgements, oldest first: revision, time, "
      "inspector and the answers it set.\n"
      "Example: yjinspect judgement-history "
      "inspections/bolton-2014-12/caseFindings/BOL-0001");
  history
      ->add_option("name", *name,
                   "inspections/{inspection}/caseFindings/{case}")
      ->required();
  history->callback([&global, name, action] {
    *action = [&global, name] { return JudgementHistory(global, *name); };
  });
}

}  // namespace yjinspect::cli
