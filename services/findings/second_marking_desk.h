#pragma once

// Second marking (moderation): the second marker's answers for a record
// assigned to them at intake, recorded blind to the first marker's and kept
// apart from them, then submitted, after which they no longer change.
// Domain logic only: no gRPC types; `caller` is who calls (common/rpc).

#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "common/audit/audit_chain.h"
#include "common/clock.h"
#include "common/frameworks/framework_registry.h"
#include "common/rpc/caller.h"
#include "services/findings/case_judgements.h"
#include "services/findings/storage/findings_store.h"
#include "yjinspect/v1/findings_service.pb.h"

namespace yjinspect::findings {

class SecondMarkingDesk {
 public:
  SecondMarkingDesk(FindingsStore& store,
                    const common::FrameworkRegistry& frameworks,
                    const CaseJudgements& judgements,
                    common::Clock clock = common::SystemClock())
      : store_(store),
        frameworks_(frameworks),
        judgements_(judgements),
        clock_(std::move(clock)) {}

  // The checks of RecordJudgements (fields, inspection, sample, answers
  // against the framework), then: the inspection in FIELDWORK
  // (FAILED_PRECONDITION), the record given a second marker
  // (FAILED_PRECONDITION NOT_SECOND_MARKED), the request's reference that
  // marker's and, over mutual TLS, the caller's identity too
  // (PERMISSION_DENIED), the marker never the record's first marker
  // (FAILED_PRECONDITION), the marking not submitted yet
  // (FAILED_PRECONDITION), the etag rules (ABORTED).
  absl::StatusOr<v1::SecondMarking> Record(
      const v1::RecordSecondMarkingRequest& request,
      const common::Caller& caller, const common::AuditEvent& audit);

  // NOT_FOUND before any answer; PERMISSION_DENIED (SECOND_MARKING_BLIND)
  // to the record's first marker while not submitted.
  absl::StatusOr<v1::SecondMarking> Get(
      const v1::GetSecondMarkingRequest& request,
      const common::Caller& caller) const;

 private:
  FindingsStore& store_;
  const common::FrameworkRegistry& frameworks_;
  const CaseJudgements& judgements_;
  common::Clock clock_;
};

}  // namespace yjinspect::findings
