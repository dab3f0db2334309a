#pragma once

// How a recording of answers merges into what is stored: answers not named
// keep their value, the etag rules hold, and a change gets the next revision
// and its history entry. Shared by the first marker's findings, staff
// interviews and second markings (moderation).

#include <map>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "services/findings/storage/findings_store.h"
#include "yjinspect/v1/findings_service.pb.h"
#include "yjinspect/v1/framework.pb.h"

namespace yjinspect::findings {

// Position of each criterion in the framework, to keep answers in order.
std::map<std::string, int> CriterionOrder(const v1::Framework& framework);

// True when every answer of `judgements` is already in `findings`.
bool AlreadyRecorded(
    const v1::CaseFindings& findings,
    const google::protobuf::RepeatedPtrField<v1::Judgement>& judgements);

// One recording of answers, for a case, a staff interview or a second
// marking.
struct Recording {
  std::string name;
  std::string case_name;
  std::string what;  // "case yots/x/cases/y", for messages
  const google::protobuf::RepeatedPtrField<v1::Judgement>& judgements;
  const std::string& inspector_reference;
  const std::string& etag;
  int32_t sample_revision;
};

// Merges the recording's answers into `current` (answers not named keep
// their value), enforcing the etag rules; nullopt when nothing changes.
// A change is stamped `now`.
absl::StatusOr<std::optional<FindingsUpdate>> DecideUpdate(
    const std::optional<v1::CaseFindings>& current, const Recording& r,
    const std::map<std::string, int>& order, absl::Time now);

}  // namespace yjinspect::findings
