#pragma once

// The report's inputs (addressee, context figures, narrative): validated,
// stored with an etag. Domain logic only.

#include "absl/status/statusor.h"
#include "common/frameworks/framework_registry.h"
#include "services/findings/storage/findings_store.h"
#include "yjinspect/v1/findings_service.pb.h"

namespace yjinspect::findings {

class ReportInputsDesk {
 public:
  ReportInputsDesk(FindingsStore& store,
                   const common::FrameworkRegistry& frameworks)
      : store_(store), frameworks_(frameworks) {}

  // INVALID_ARGUMENT for oversize or malformed fields and narrative keyed by
  // a section the framework does not have; NOT_FOUND for an unknown
  // inspection; ABORTED for a missing or stale etag after the first set.
  absl::StatusOr<v1::ReportInputs> Set(
      const v1::SetReportInputsRequest& request);
  // NOT_FOUND when none are set.
  absl::StatusOr<v1::ReportInputs> Get(
      const v1::GetReportInputsRequest& request) const;

 private:
  FindingsStore& store_;
  const common::FrameworkRegistry& frameworks_;
};

}  // namespace yjinspect::findings
