// Writes seed inputs for the request fuzz targets (one file per request,
// the target's choice byte then the message in binary form), taken from the
// example run spec, whose every request is valid. Run once to start a
// corpus; libFuzzer's -merge then keeps the interesting ones:
//   fuzz_write_request_seeds OUT_FOLDER
// writes OUT_FOLDER/intake_requests/* and OUT_FOLDER/findings_requests/*.

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "absl/strings/str_cat.h"
#include "common/resource_names.h"
#include "fuzz/bolton_inspection.h"
#include "yjinspect/v1/findings_service.pb.h"
#include "yjinspect/v1/intake_service.pb.h"

namespace {

namespace fs = std::filesystem;
using yjinspect::fuzz::BoltonSpec;
namespace v1 = yjinspect::v1;

void Write(const fs::path& folder, const std::string& name, uint8_t choice,
           const google::protobuf::MessageLite& message) {
  fs::create_directories(folder);
  std::ofstream out(folder / name, std::ios::binary | std::ios::trunc);
  out.put(static_cast<char>(choice));
  out << message.SerializeAsString();
}

void WriteIntakeSeeds(const fs::path& folder) {
  const config::v1::InspectionRunSpec& spec = BoltonSpec();
  // The choice bytes of intake_requests_fuzzer.cc.
  enum : uint8_t {
    kCase,
    kBatch,
    kUpdate,
    kInspection,
    kDraw,
    kReset,
    kFieldwork,
    kAdvance
  };
  v1::BatchCreateCasesRequest batch;
  for (int i = 0; i < spec.cases_size(); ++i) {
    const v1::CreateCaseRequest& request = spec.cases(i);
    Write(folder, absl::StrCat("create-case-", i), kCase, request);
    if (i < 5) *batch.add_requests() = request;
    v1::UpdateCaseRequest update;
    *update.mutable_case_() = request.case_();
    update.mutable_case_()->set_name(yjinspect::common::FormatCaseName(
        *yjinspect::common::ParseYotName(request.parent()), request.case_id()));
    if (i < 5) Write(folder, absl::StrCat("update-case-", i), kUpdate, update);
  }
  Write(folder, "batch-create-cases", kBatch, batch);
  v1::CreateInspectionRequest inspection;
  inspection.set_inspection_id(spec.inspection_id());
  *inspection.mutable_inspection() = spec.inspection();
  Write(folder, "create-inspection", kInspection, inspection);
  const std::string name =
      yjinspect::common::InspectionName(spec.inspection_id());
  v1::DrawSampleRequest draw;
  draw.set_name(name);
  draw.set_seed(7);
  Write(folder, "draw-sample-seeded", kDraw, draw);
  draw.set_seed(0);
  for (const auto& c : spec.named_cases()) draw.add_named_cases(c);
  Write(folder, "draw-sample-named", kDraw, draw);
  v1::ResetSampleRequest reset;
  reset.set_name(name);
  reset.set_reason("the caseload was resent with corrections");
  Write(folder, "reset-sample", kReset, reset);
  v1::StartFieldworkRequest fieldwork;
  fieldwork.set_name(name);
  fieldwork.set_sample_revision(1);
  Write(folder, "start-fieldwork", kFieldwork, fieldwork);
  v1::AdvanceInspectionRequest advance;
  advance.set_name(name);
  advance.set_state(v1::INSPECTION_STATE_VERDICTS_AGREED);
  advance.set_reason("panel met");
  Write(folder, "advance-inspection", kAdvance, advance);
}

void WriteFindingsSeeds(const fs::path& folder) {
  const config::v1::InspectionRunSpec& spec = BoltonSpec();
  // The choice byte of findings_requests_fuzzer.cc: message, the example's
  // own framework, FIELDWORK (state 1 << 4).
  enum : uint8_t { kJudgements, kInterview, kInputs, kDecision };
  constexpr uint8_t kFieldwork = 1 << 4;
  // The run names the inspection in each request; the spec does not.
  const std::string name =
      yjinspect::common::InspectionName(spec.inspection_id());
  for (int i = 0; i < spec.judgements_size(); ++i) {
    v1::RecordJudgementsRequest request = spec.judgements(i);
    request.set_inspection(name);
    Write(folder, absl::StrCat("record-judgements-", i),
          kJudgements | kFieldwork, request);
  }
  for (int i = 0; i < spec.interviews_size(); ++i) {
    v1::RecordInterviewRequest request = spec.interviews(i);
    request.set_inspection(name);
    Write(folder, absl::StrCat("record-interview-", i), kInterview | kFieldwork,
          request);
  }
  v1::SetReportInputsRequest inputs;
  inputs.set_inspection(name);
  *inputs.mutable_inputs() = spec.report_inputs();
  Write(folder, "set-report-inputs", kInputs | kFieldwork, inputs);
  for (int i = 0; i < spec.decisions_size(); ++i) {
    v1::RecordVerdictDecisionRequest request = spec.decisions(i);
    request.set_inspection(name);
    Write(folder, absl::StrCat("record-decision-", i), kDecision | kFieldwork,
          request);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUT_FOLDER\n", argv[0]);
    return 2;
  }
  const fs::path out(argv[1]);
  WriteIntakeSeeds(out / "intake_requests");
  WriteFindingsSeeds(out / "findings_requests");
  return 0;
}
