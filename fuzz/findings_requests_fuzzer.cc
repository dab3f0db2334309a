// Fuzz target: the findings service's record requests, from raw bytes,
// through the real handlers (CaseJudgements, ReportInputsDesk, VerdictDesk)
// over an in-memory store holding the example Bolton inspection with its
// judgements, interviews and decisions already recorded.
//
// The first byte chooses: bits 0-1 the message (kMessages below), bits 2-3
// the framework the inspection is pinned to (0: the example's own, sqs-2014;
// 1-3: the built-in frameworks in order), bits 4-5 the inspection's state
// (SAMPLE_DRAWN, FIELDWORK, VERDICTS_AGREED, REPORT_PUBLISHED). The rest is
// the message. After a request is accepted, the verdicts are computed, and
// after report inputs are accepted the report is rendered, so what
// validation lets through is fuzzed downstream too.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>

#include "fuzz/bolton_inspection.h"
#include "fuzz/fuzz_input.h"
#include "services/findings/case_judgements.h"
#include "services/findings/fieldwork_gate.h"
#include "services/findings/report_inputs.h"
#include "services/findings/verdict_desk.h"
#include "tests/testing/built_in_frameworks.h"
#include "tests/testing/in_memory_findings_store.h"
#include "yjinspect/v1/findings_service.pb.h"

namespace yjinspect::fuzz {
namespace {

using testing::InMemoryFindingsStore;

enum Message : uint8_t {
  kRecordJudgements,
  kRecordInterview,
  kSetReportInputs,
  kRecordVerdictDecision,
  kMessages
};

constexpr v1::InspectionState kStates[] = {
    v1::INSPECTION_STATE_SAMPLE_DRAWN, v1::INSPECTION_STATE_FIELDWORK,
    v1::INSPECTION_STATE_VERDICTS_AGREED,
    v1::INSPECTION_STATE_REPORT_PUBLISHED};

// Intake agrees at once to start fieldwork.
class AgreeingGate : public findings::FieldworkGate {
 public:
  void StartFieldwork(const std::string&, int32_t,
                      std::function<void(absl::Status)> done) override {
    done(absl::OkStatus());
  }
  void AgreeVerdicts(
      const std::string& inspection, const std::string&, const std::string&,
      const std::string&,
      std::function<void(absl::StatusOr<v1::Inspection>)> done) override {
    v1::Inspection agreed;
    agreed.set_name(inspection);
    agreed.set_state(v1::INSPECTION_STATE_VERDICTS_AGREED);
    done(std::move(agreed));
  }
};

// Records the example's findings through the handlers, as its run does.
InMemoryFindingsStore RecordBolton() {
  InMemoryFindingsStore store(BoltonInspection(), BoltonCases());
  AgreeingGate gate;
  findings::CaseJudgements judgements(store, testing::BuiltInFrameworks(),
                                      gate);
  findings::VerdictDesk verdicts(store, testing::BuiltInFrameworks());
  auto must = [](const absl::Status& status) {
    if (!status.ok()) std::fprintf(stderr, "%s\n", status.ToString().c_str());
    Require(status.ok(), "the example's findings record");
  };
  // The run names the inspection in each request; the spec does not.
  const std::string& name = BoltonInspection().name();
  for (auto request : BoltonSpec().judgements()) {
    request.set_inspection(name);
    judgements.Record(request, common::AuditEvent(),
                      [&](auto result) { must(result.status()); });
  }
  for (auto request : BoltonSpec().interviews()) {
    request.set_inspection(name);
    judgements.RecordInterview(request,
                               [&](auto result) { must(result.status()); });
  }
  for (auto request : BoltonSpec().decisions()) {
    request.set_inspection(name);
    must(verdicts.RecordDecision(request, common::AuditEvent()).status());
  }
  return store;
}

const InMemoryFindingsStore& Bolton() {
  static const InMemoryFindingsStore* store =
      new InMemoryFindingsStore(RecordBolton());
  return *store;
}

}  // namespace

void RunRequest(uint8_t choice, const uint8_t* data, size_t size) {
  const auto message = static_cast<Message>(choice % kMessages);
  const int framework_choice = (choice / 4) % 4;
  const v1::InspectionState state = kStates[(choice / 16) % 4];

  v1::Inspection inspection = BoltonInspection();
  if (framework_choice > 0) {
    const auto all = testing::BuiltInFrameworks().List();
    const v1::Framework* framework =
        all[static_cast<size_t>(framework_choice - 1) % all.size()];
    inspection.set_framework_id(framework->id());
    inspection.set_framework_version(framework->version());
  }
  inspection.set_state(state);
  InMemoryFindingsStore store = Bolton();
  store.ReplaceInspection(inspection);

  AgreeingGate gate;
  findings::CaseJudgements judgements(store, testing::BuiltInFrameworks(),
                                      gate);
  findings::ReportInputsDesk inputs(store, testing::BuiltInFrameworks());
  findings::VerdictDesk verdicts(store, testing::BuiltInFrameworks());
  absl::Status outcome;
  int answers = 0;
  auto hear = [&](const auto& result) {
    ++answers;
    outcome = result.status();
  };
  switch (message) {
    case kRecordJudgements: {
      v1::RecordJudgementsRequest request;
      if (!ParseRequest(data, size, request)) return;
      judgements.Record(std::move(request), common::AuditEvent(), hear);
      break;
    }
    case kRecordInterview: {
      v1::RecordInterviewRequest request;
      if (!ParseRequest(data, size, request)) return;
      judgements.RecordInterview(std::move(request), hear);
      break;
    }
    case kSetReportInputs: {
      v1::SetReportInputsRequest request;
      if (!ParseRequest(data, size, request)) return;
      hear(inputs.Set(request));
      break;
    }
    case kRecordVerdictDecision: {
      v1::RecordVerdictDecisionRequest request;
      if (!ParseRequest(data, size, request)) return;
      hear(verdicts.RecordDecision(request, common::AuditEvent()));
      break;
    }
    case kMessages:
      return;
  }
  Require(answers == 1, "a request is answered exactly once");
  if (!outcome.ok()) return;
  if (message == kSetReportInputs) {
    // The inputs validation accepted must render (or fail as a status).
    absl::StatusOr<findings::ReportMaterial> material =
        verdicts.GatherReport(inspection.name());
    if (material.ok()) {
      (void)findings::RenderReport(*std::move(material),
                                   v1::REPORT_EDITION_PUBLISHED);
    }
  } else {
    v1::GetVerdictsRequest get;
    get.set_inspection(inspection.name());
    (void)verdicts.Verdicts(get);
  }
}

}  // namespace yjinspect::fuzz
