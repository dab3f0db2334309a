#include "services/intake/storage/log_entry.h"

#include <string>
#include <utility>

namespace yjinspect::intake {
namespace {

// Keeps a record's name and etag, drops the rest of its content.
template <typename Resource>
void KeepNameAndEtag(Resource& record) {
  std::string name = std::move(*record.mutable_name());
  std::string etag = std::move(*record.mutable_etag());
  record.Clear();
  record.set_name(std::move(name));
  record.set_etag(std::move(etag));
}

}  // namespace

v1::Change LogEntryOf(v1::Change change) {
  if (change.for_findings()) return change;
  switch (change.kind_case()) {
    case v1::Change::kCaseStored:
      KeepNameAndEtag(*change.mutable_case_stored());
      break;
    case v1::Change::kVictimCaseStored:
      KeepNameAndEtag(*change.mutable_victim_case_stored());
      break;
    default:
      break;
  }
  return change;
}

}  // namespace yjinspect::intake
