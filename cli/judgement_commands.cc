#include "cli/judgement_commands.h"

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_join.h"
#include "cli/answer_output.h"
#include "cli/inspection_name.h"
#include "cli/subcommand.h"
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

using FindingsStub = v1::Findings::Stub;

int ListFindings(const GlobalOptions& global, const std::string& inspection) {
  v1::ListCaseFindingsRequest request;
  request.set_parent(InspectionName(inspection));
  request.set_page_size(1000);
  return PrintEveryItem(global.findings, &FindingsStub::ListCaseFindings,
                        request, &v1::ListCaseFindingsResponse::case_findings,
                        global.json, [](const v1::CaseFindings& f) {
                          std::cout << f.name() << "  revision " << f.revision()
                                    << " by " << f.inspector_reference() << "  "
                                    << f.judgements_size() << " answers\n";
                        });
}

int JudgementHistory(const GlobalOptions& global, const std::string& name) {
  v1::ListJudgementHistoryRequest request;
  request.set_name(name);
  request.set_page_size(1000);
  return PrintEveryItem(
      global.findings, &FindingsStub::ListJudgementHistory, request,
      &v1::ListJudgementHistoryResponse::revisions, global.json,
      [](const v1::JudgementRevision& r) {
        std::cout << "revision " << r.revision() << "  "
                  << google::protobuf::util::TimeUtil::ToString(r.record_time())
                  << "  by " << r.inspector_reference() << "  "
                  << Answers(r.judgements()) << "\n";
      });
}

}  // namespace

void AddJudgementCommands(Subcommands commands) {
  auto [list, inspection] = commands.Add(
      "list-findings",
      "List an inspection's case findings, one a line: name, revision, "
      "inspector, number of answers.",
      ListFindings);
  AddInspectionArgument(*list, "inspection", inspection);

  auto [history, case_findings] = commands.Add(
      "judgement-history",
      "Every change to a case's judgements, oldest first: revision, time, "
      "inspector and the answers it set.",
      JudgementHistory);
  history
      ->add_option("name", *case_findings,
                   "inspections/{inspection}/caseFindings/{case}, or "
                   "inspections/{inspection}/victimCaseFindings/{victim_case}")
      ->required();
}

}  // namespace yjinspect::cli
