#pragma once

// What a mutation may read and write while the committer applies it. Reads
// see the writes of earlier mutations in the same group commit (and of this
// one), and of the group still being written. A mutation that returns an
// error has all of its writes undone.
// Only the committer thread ever holds a transaction.

#include <cstdint>
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "common/audit/audit_chain.h"
#include "yjinspect/storage/v1/storage.pb.h"
#include "yjinspect/v1/change.pb.h"
#include "yjinspect/v1/inspection.pb.h"

namespace yjinspect::intake {

class StoreTransaction {
 public:
  virtual ~StoreTransaction() = default;

  virtual absl::StatusOr<std::optional<storage::v1::StoredCase>> FindCase(
      absl::string_view yot, absl::string_view case_id) = 0;
  virtual void PutCase(absl::string_view yot, absl::string_view case_id,
                       const storage::v1::StoredCase& stored) = 0;
  virtual void DeleteCase(absl::string_view yot, absl::string_view case_id) = 0;

  // Every case of one YOT (the sampling frame is drawn inside a commit so
  // that it cannot change under the draw).
  virtual absl::StatusOr<std::vector<storage::v1::StoredCase>> CasesOfYot(
      absl::string_view yot) = 0;

  virtual absl::StatusOr<std::optional<storage::v1::StoredVictimCase>>
  FindVictimCase(absl::string_view yot, absl::string_view victim_case_id) = 0;
  virtual void PutVictimCase(absl::string_view yot,
                             absl::string_view victim_case_id,
                             const storage::v1::StoredVictimCase& stored) = 0;
  virtual void DeleteVictimCase(absl::string_view yot,
                                absl::string_view victim_case_id) = 0;
  // Every victim's case of one YOT: the frame a sample of victims' cases is
  // drawn from, inside the draw's commit.
  virtual absl::StatusOr<std::vector<storage::v1::StoredVictimCase>>
  VictimCasesOfYot(absl::string_view yot) = 0;

  virtual absl::StatusOr<std::optional<v1::Inspection>> FindInspection(
      absl::string_view inspection_id) = 0;
  virtual void PutInspection(absl::string_view inspection_id,
                             const v1::Inspection& inspection) = 0;

  virtual absl::StatusOr<std::optional<storage::v1::RequestRecord>> FindRequest(
      absl::string_view kind, absl::string_view request_id) = 0;
  virtual void PutRequest(absl::string_view kind, absl::string_view request_id,
                          const storage::v1::RequestRecord& record) = 0;

  // Appends `change` to the log with the next sequence number and this
  // group's commit time; returns the sequence number. A change marked
  // for_findings also goes to the findings feed. The log keeps of a stored
  // record not for findings only its name and etag (log_entry.h).
  virtual uint64_t AppendChange(v1::Change change) = 0;
  // Replaces an existing log entry (erasure rewrites what it carried), in
  // the feed too when marked for_findings.
  virtual void RewriteChange(const v1::Change& change) = 0;
  virtual absl::StatusOr<std::optional<v1::Change>> FindChange(
      uint64_t sequence) = 0;

  // Appends a record of `event` with `outcome` to the audit trail, in this
  // same batch: it is durable exactly when the change it describes is.
  virtual void AppendAudit(const common::AuditEvent& event,
                           absl::StatusCode outcome) = 0;

  // The commit time of this group, the same for every mutation in it.
  virtual absl::Time Now() const = 0;
};

}  // namespace yjinspect::intake
