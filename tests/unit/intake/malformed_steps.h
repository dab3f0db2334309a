#pragma once

// Malformed requests to an inspection's steps (DrawSample, ResetSample,
// StartFieldwork, Advance), for inspection_sampling_test and
// inspection_lifecycle_test: each must be refused with INVALID_ARGUMENT
// naming exactly the bad fields, before the store is reached. The steps run
// on an empty store that counts its commits.

#include <functional>
#include <ostream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/intake/inspection_lifecycle.h"
#include "services/intake/inspection_sampling.h"
#include "tests/testing/built_in_frameworks.h"
#include "tests/testing/empty_intake_store.h"
#include "tests/unit/intake/intake_domain_fixture.h"
#include "tests/unit/intake/violation_rows.h"

namespace yjinspect::intake {

// The step classes on one empty store.
struct StepsOnEmptyStore {
  testing::EmptyIntakeStore store;
  InspectionLifecycle lifecycle{store};
  InspectionSampling sampling{store, testing::BuiltInFrameworks()};

  // The one of them that has the step: Of<InspectionSampling>().
  template <typename Steps>
  Steps& Of() {
    if constexpr (std::is_same_v<Steps, InspectionLifecycle>) {
      return lifecycle;
    } else {
      static_assert(std::is_same_v<Steps, InspectionSampling>);
      return sampling;
    }
  }
};

// One malformed request, sent to its step, and the fields its refusal names.
struct MalformedStep {
  std::string name;
  std::function<void(StepsOnEmptyStore&, InspectionDone)> send;
  std::vector<std::string> fields;
};

inline void PrintTo(const MalformedStep& step, std::ostream* os) {
  *os << step.name;
}

// A request of type `Request` that names kInspection.
template <typename Request>
Request ForInspection() {
  Request request;
  request.set_name(kInspection);
  return request;
}

// `row`'s change to the valid `request`, sent to `step` as kActor when the
// test runs.
template <typename Steps, typename Param, typename Request>
MalformedStep Malformed(void (Steps::*step)(Param, const std::string&,
                                            InspectionDone),
                        Request request, testing::ViolationRow<Request> row) {
  return {row.name,
          [step, request = std::move(request), mutate = row.mutate](
              StepsOnEmptyStore& steps, InspectionDone done) {
            Request changed = request;
            mutate(changed);
            (steps.Of<Steps>().*step)(changed, kActor, std::move(done));
          },
          row.fields};
}

// The step refuses its request as INVALID_ARGUMENT naming exactly the
// step's fields, and commits nothing.
inline void ExpectRefusedBeforeTheStore(const MalformedStep& step) {
  StepsOnEmptyStore steps;
  auto refused = Await<absl::StatusOr<v1::Inspection>>(
      [&](auto done) { step.send(steps, std::move(done)); });
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(testing::ViolatedFields(refused.status()),
              ::testing::ElementsAreArray(step.fields));
  EXPECT_EQ(steps.store.commits(), 0);
}

}  // namespace yjinspect::intake
