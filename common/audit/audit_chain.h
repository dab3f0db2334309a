#pragma once

// The hash chain of an audit trail (yjinspect/v1/audit.proto): sealing a new
// record onto the chain, and checking a whole chain. Pure functions over
// records; the stores keep the records (each in an `audit` column family,
// written in the same batch as the change a record describes).
//
// A record's hash is BLAKE2b-256 (libsodium crypto_generichash) over its
// canonical encoding: a version tag, then every field except `hash` in field
// order, integers big-endian and strings length-prefixed. The encoding is
// ours, not protobuf's, so the chain can be checked by any tool and does not
// depend on a serializer's choices. A record made through a gateway has a
// second tag and the gateway after the previous hash; one without keeps the
// first encoding exactly, so records sealed before the field existed still
// verify.

#include <cstdint>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "yjinspect/v1/audit.pb.h"

namespace yjinspect::common {

inline constexpr size_t kAuditHashBytes = 32;

// What a record says, before it is sealed onto the chain. No case content:
// `resource` is a resource name (or "-").
struct AuditEvent {
  std::string caller;
  std::string role;
  std::string request_id;
  v1::AuditAction action = v1::AUDIT_ACTION_UNSPECIFIED;
  std::string resource;
  // The gateway the call came through, or empty (AuditRecord.gateway).
  std::string gateway = {};
};

// The end of a chain: the last record's sequence and hash (0 and empty for
// an empty trail). A writer keeps it and restores a saved copy when the
// write that carried new records fails.
struct AuditChainHead {
  uint64_t sequence = 0;
  std::string hash;
};

// The record for `event` with `outcome` at `time`, numbered and linked after
// `head`; advances `head` to it.
v1::AuditRecord SealAuditRecord(const AuditEvent& event,
                                absl::StatusCode outcome, absl::Time time,
                                AuditChainHead& head);

// "<sequence>:<hex hash>": how a head is written down outside the store
// (the services' log, `yjinspect audit verify --expect-head`).
std::string AuditHeadText(const AuditChainHead& head);
// The head `text` writes down: "<sequence>:<64 hex digits>", or
// "<sequence>" alone (an empty hash: only the record's presence can be
// checked). nullopt when malformed.
std::optional<AuditChainHead> ParseAuditHeadText(absl::string_view text);

// The hash `record` should carry (its own `hash` field is ignored).
std::string AuditRecordHash(const v1::AuditRecord& record);

// The head after `record` (its sequence and stored hash).
AuditChainHead HeadAfter(const v1::AuditRecord& record);

// Checks a trail record by record, in key order. Feed every stored entry
// with the sequence its key says, then call Finish; the first problem
// sticks.
//
// A chain shows edits, removals and reorderings inside it, but not a
// removed tail: a trail cut after record N is a valid chain of N records.
// A head noted outside the store earlier (in a backup's metadata, the log,
// or by an operator) closes that gap: ExpectHead makes the check require
// that record, with that hash, in the trail.
class AuditChainVerifier {
 public:
  // Requires the record `head` names (a head of sequence 0, an empty trail,
  // requires nothing). Call before the first Add.
  void ExpectHead(const AuditChainHead& head) { expected_ = head; }
  void Add(uint64_t key_sequence, const std::string& bytes);
  // Reports an expected head the trail ended before. Call after the last
  // Add.
  void Finish();

  bool intact() const { return !broken_at_.has_value(); }
  uint64_t record_count() const { return count_; }
  uint64_t broken_at() const { return broken_at_.value_or(0); }
  const std::string& problem() const { return problem_; }
  const AuditChainHead& head() const { return head_; }

 private:
  void Break(uint64_t sequence, std::string problem);

  uint64_t count_ = 0;
  AuditChainHead head_;
  std::optional<AuditChainHead> expected_;
  std::optional<uint64_t> broken_at_;
  std::string problem_;
};

}  // namespace yjinspect::common
