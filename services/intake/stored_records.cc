#include "services/intake/stored_records.h"

#include "google/protobuf/util/time_util.h"
#include "services/intake/audit_records.h"

namespace yjinspect::intake {

google::protobuf::Timestamp ToTimestamp(absl::Time time) {
  return google::protobuf::util::TimeUtil::NanosecondsToTimestamp(
      absl::ToUnixNanos(time));
}

absl::Status RewriteToErasure(
    StoreTransaction& txn,
    const google::protobuf::RepeatedField<uint64_t>& sequences,
    const v1::Change& erasure) {
  for (uint64_t sequence : sequences) {
    ASSIGN_OR_RETURN(auto entry, txn.FindChange(sequence));
    if (!entry) continue;
    v1::Change redacted = erasure;
    redacted.set_sequence(entry->sequence());
    *redacted.mutable_commit_time() = entry->commit_time();
    redacted.set_for_findings(entry->for_findings());
    txn.RewriteChange(redacted);
  }
  return absl::OkStatus();
}

void CommitAuditedErasure(IntakeStore& store, const common::AuditEvent& audit,
                          const absl::Status& refused,
                          IntakeStore::Mutation erase,
                          std::function<void()> after_erasure,
                          std::function<void(absl::Status)> done) {
  // A refused erasure is recorded too, after the fact; a successful one in
  // its own batch (ApplyErasure).
  auto record_refusal = [&store, audit, done](const absl::Status& refusal) {
    RecordAudit(store, audit, refusal,
                [refusal, done](const absl::Status& audited) {
                  done(audited.ok() ? refusal : UnauditedCall(audited));
                });
  };
  if (!refused.ok()) {
    record_refusal(refused);
    return;
  }
  store.Commit(std::move(erase),
               [after_erasure = std::move(after_erasure), done,
                record_refusal](const absl::Status& status) {
                 if (!status.ok()) {
                   record_refusal(status);
                   return;
                 }
                 if (after_erasure) after_erasure();
                 done(status);
               });
}

}  // namespace yjinspect::intake
