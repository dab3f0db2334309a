// Fuzz target: the intake service's create and change requests, from raw
// bytes, through the real handlers (CaseIntake, InspectionRegistry,
// InspectionSampling, InspectionLifecycle) over a store that keeps nothing. The
// first byte chooses the message (kMessages below), the rest is the message.
//
// Beyond not crashing, each handler must answer exactly once, and at once
// (the store answers synchronously), and a batch once per case.

#include <cstddef>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "fuzz/fuzz_input.h"
#include "services/intake/case_intake.h"
#include "services/intake/inspection_lifecycle.h"
#include "services/intake/inspection_registry.h"
#include "services/intake/inspection_sampling.h"
#include "services/intake/privacy/reference_pseudonyms.h"
#include "tests/testing/built_in_frameworks.h"
#include "tests/testing/empty_intake_store.h"
#include "yjinspect/v1/intake_service.pb.h"

namespace yjinspect::fuzz {
namespace {

using testing::EmptyIntakeStore;

enum Message : uint8_t {
  kCreateCase,
  kBatchCreateCases,
  kUpdateCase,
  kCreateInspection,
  kDrawSample,
  kResetSample,
  kStartFieldwork,
  kAdvanceInspection,
  kMessages
};

// A callback that counts its calls.
struct Answers {
  int count = 0;
  template <typename T>
  auto Hear() {
    return [this](T) { ++count; };
  }
};

template <typename Request, typename Handle>
void Run(const uint8_t* data, size_t size, Handle handle) {
  Request request;
  if (!ParseRequest(data, size, request)) return;
  Answers answers;
  handle(std::move(request), answers);
  Require(answers.count == 1, "a request is answered exactly once");
}

// An inspection step: `step` of `handler` on the parsed request, by the
// fuzz actor.
template <typename Handler, typename Request>
void RunStep(const uint8_t* data, size_t size, Handler& handler,
             void (Handler::*step)(Request, const std::string&,
                                   intake::InspectionDone)) {
  Run<std::decay_t<Request>>(data, size, [&](auto request, Answers& a) {
    (handler.*step)(std::move(request), "fuzz",
                    a.Hear<absl::StatusOr<v1::Inspection>>());
  });
}

void RunOne(Message message, const uint8_t* data, size_t size) {
  EmptyIntakeStore store;
  static const intake::ReferencePseudonyms pseudonyms =
      intake::ReferencePseudonyms::InsecureDevelopmentKey();
  intake::CaseIntake cases(store, pseudonyms);
  intake::InspectionRegistry registry(store, testing::BuiltInFrameworks());
  intake::InspectionSampling sampling(store, testing::BuiltInFrameworks());
  intake::InspectionLifecycle lifecycle(store);
  switch (message) {
    case kCreateCase:
      Run<v1::CreateCaseRequest>(data, size, [&](auto request, Answers& a) {
        cases.CreateCase(std::move(request),
                         a.Hear<absl::StatusOr<intake::StoredCaseResult>>());
      });
      break;
    case kBatchCreateCases: {
      v1::BatchCreateCasesRequest chunk;
      if (!ParseRequest(data, size, chunk)) return;
      // The stream reactor refuses a larger chunk before CreateCases.
      if (static_cast<size_t>(chunk.requests_size()) >
          intake::IntakeStore::kMaxBundleSize) {
        return;
      }
      std::vector<v1::CreateCaseRequest> requests(chunk.requests().begin(),
                                                  chunk.requests().end());
      const size_t sent = requests.size();
      int answers = 0;
      cases.CreateCases(
          std::move(requests),
          [&](const std::vector<absl::StatusOr<intake::StoredCaseResult>>&
                  results) {
            ++answers;
            Require(results.size() == sent, "a batch answers every case");
          });
      Require(answers == 1, "a batch is answered exactly once");
      break;
    }
    case kUpdateCase:
      Run<v1::UpdateCaseRequest>(data, size, [&](auto request, Answers& a) {
        cases.UpdateCase(std::move(request),
                         a.Hear<absl::StatusOr<v1::Case>>());
      });
      break;
    case kCreateInspection:
      RunStep(data, size, registry,
              &intake::InspectionRegistry::CreateInspection);
      break;
    case kDrawSample:
      RunStep(data, size, sampling, &intake::InspectionSampling::DrawSample);
      break;
    case kResetSample:
      RunStep(data, size, sampling, &intake::InspectionSampling::ResetSample);
      break;
    case kStartFieldwork:
      RunStep(data, size, lifecycle,
              &intake::InspectionLifecycle::StartFieldwork);
      break;
    case kAdvanceInspection:
      RunStep(data, size, lifecycle, &intake::InspectionLifecycle::Advance);
      break;
    case kMessages:
      break;
  }
}

}  // namespace

void RunRequest(uint8_t choice, const uint8_t* data, size_t size) {
  RunOne(static_cast<Message>(choice % Message::kMessages), data, size);
}

}  // namespace yjinspect::fuzz
