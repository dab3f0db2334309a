#include "common/audit/audit_chain.h"

#include <sodium.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/util/time_util.h"

namespace yjinspect::common {
namespace {

constexpr absl::string_view kEncodingVersion = "yjinspect-audit-v1";
// A record with a gateway: the first encoding's fields, then the gateway.
constexpr absl::string_view kGatewayEncodingVersion = "yjinspect-audit-v2";

void PutUint64(std::string& out, uint64_t value) {
  for (int shift = 56; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((value >> shift) & 0xff));
  }
}

void PutString(std::string& out, absl::string_view value) {
  PutUint64(out, value.size());
  out.append(value.data(), value.size());
}

std::string CanonicalEncoding(const v1::AuditRecord& r) {
  std::string out;
  PutString(out,
            r.gateway().empty() ? kEncodingVersion : kGatewayEncodingVersion);
  PutUint64(out, r.sequence());
  PutUint64(out, static_cast<uint64_t>(r.time().seconds()));
  PutUint64(out,
            static_cast<uint64_t>(static_cast<uint32_t>(r.time().nanos())));
  PutString(out, r.caller());
  PutString(out, r.role());
  PutUint64(out, static_cast<uint64_t>(static_cast<uint32_t>(r.action())));
  PutString(out, r.resource());
  PutString(out, r.request_id());
  PutUint64(out, static_cast<uint64_t>(static_cast<uint32_t>(r.outcome())));
  PutString(out, r.previous_hash());
  if (!r.gateway().empty()) PutString(out, r.gateway());
  return out;
}

std::string ZeroHash() { return std::string(kAuditHashBytes, '\0'); }

std::string Hex(absl::string_view bytes) {
  return absl::BytesToHexString(bytes).substr(0, 16);
}

}  // namespace

std::string AuditRecordHash(const v1::AuditRecord& record) {
  static const int initialised = sodium_init();
  (void)initialised;
  const std::string encoded = CanonicalEncoding(record);
  unsigned char hash[kAuditHashBytes];
  crypto_generichash(hash, sizeof hash,
                     reinterpret_cast<const unsigned char*>(encoded.data()),
                     encoded.size(), nullptr, 0);
  return std::string(reinterpret_cast<const char*>(hash), sizeof hash);
}

v1::AuditRecord SealAuditRecord(const AuditEvent& event,
                                absl::StatusCode outcome, absl::Time time,
                                AuditChainHead& head) {
  v1::AuditRecord record;
  record.set_sequence(head.sequence + 1);
  *record.mutable_time() =
      google::protobuf::util::TimeUtil::NanosecondsToTimestamp(
          absl::ToUnixNanos(time));
  record.set_caller(event.caller);
  record.set_role(event.role);
  record.set_action(event.action);
  record.set_resource(event.resource.empty() ? "-" : event.resource);
  record.set_request_id(event.request_id);
  record.set_outcome(static_cast<int32_t>(outcome));
  record.set_gateway(event.gateway);
  record.set_previous_hash(head.hash.empty() ? ZeroHash() : head.hash);
  record.set_hash(AuditRecordHash(record));
  head = HeadAfter(record);
  return record;
}

std::string AuditHeadText(const AuditChainHead& head) {
  return absl::StrCat(head.sequence, ":", absl::BytesToHexString(head.hash));
}

std::optional<AuditChainHead> ParseAuditHeadText(absl::string_view text) {
  const std::vector<absl::string_view> parts = absl::StrSplit(text, ':');
  AuditChainHead head;
  if (parts.size() > 2 || !absl::SimpleAtoi(parts[0], &head.sequence)) {
    return std::nullopt;
  }
  if (parts.size() == 2 && !parts[1].empty()) {
    if (parts[1].size() != 2 * kAuditHashBytes ||
        !std::all_of(parts[1].begin(), parts[1].end(),
                     [](char c) { return absl::ascii_isxdigit(c); })) {
      return std::nullopt;
    }
    head.hash = absl::HexStringToBytes(parts[1]);
  }
  return head;
}

AuditChainHead HeadAfter(const v1::AuditRecord& record) {
  return {record.sequence(), record.hash()};
}

void AuditChainVerifier::Break(uint64_t sequence, std::string problem) {
  if (broken_at_) return;
  broken_at_ = sequence;
  problem_ = std::move(problem);
}

void AuditChainVerifier::Add(uint64_t key_sequence, const std::string& bytes) {
  ++count_;
  const uint64_t expected = head_.sequence + 1;
  v1::AuditRecord record;
  if (!record.ParseFromString(bytes)) {
    Break(key_sequence, absl::StrCat("record ", key_sequence,
                                     " is unreadable (altered on disk)"));
    head_ = {key_sequence, ""};
    return;
  }
  if (key_sequence > expected) {
    Break(expected, key_sequence == expected + 1
                        ? absl::StrCat("record ", expected, " is missing")
                        : absl::StrCat("records ", expected, " to ",
                                       key_sequence - 1, " are missing"));
  } else if (key_sequence < expected) {
    Break(key_sequence,
          absl::StrCat("record ", key_sequence,
                       " is out of order (after record ", head_.sequence, ")"));
  } else if (record.sequence() != key_sequence) {
    Break(key_sequence,
          absl::StrCat("record ", key_sequence, " says it is record ",
                       record.sequence(), " (moved or edited)"));
  } else if (record.hash() != AuditRecordHash(record)) {
    Break(key_sequence,
          absl::StrCat("record ", key_sequence,
                       " does not match its hash: its content was edited"));
  } else if (record.previous_hash() !=
             (head_.hash.empty() && head_.sequence == 0 ? ZeroHash()
                                                        : head_.hash)) {
    Break(key_sequence,
          absl::StrCat("record ", key_sequence,
                       " does not link to the record before it (previous "
                       "hash ",
                       Hex(record.previous_hash()), "..., record ",
                       head_.sequence, " hashes to ", Hex(head_.hash),
                       "...): a record was removed, replaced or rehashed"));
  }
  if (expected_ && expected_->sequence == key_sequence &&
      !expected_->hash.empty() && expected_->hash != record.hash()) {
    Break(
        key_sequence,
        absl::StrCat("record ", key_sequence, " hashes to ", Hex(record.hash()),
                     "..., but the head noted earlier "
                     "says ",
                     Hex(expected_->hash),
                     "...: the trail was rewritten at or before it"));
  }
  head_ = {key_sequence, record.hash()};
}

void AuditChainVerifier::Finish() {
  if (!expected_ || expected_->sequence <= head_.sequence) return;
  const uint64_t first_missing = head_.sequence + 1;
  Break(
      first_missing,
      absl::StrCat("the trail ends at record ", head_.sequence, " but record ",
                   expected_->sequence, " was noted earlier: ",
                   first_missing == expected_->sequence
                       ? absl::StrCat("record ", first_missing, " is")
                       : absl::StrCat("records ", first_missing, " to ",
                                      expected_->sequence, " at least are"),
                   " missing from the end"));
}

}  // namespace yjinspect::common
