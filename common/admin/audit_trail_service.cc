#include "common/admin/audit_trail_service.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "common/field_violations.h"
#include "common/page_token.h"
#include "common/rpc/caller.h"
#include "common/rpc/rpc_edge.h"
#include "common/status_macros.h"
#include "google/protobuf/util/time_util.h"

namespace yjinspect::common {
namespace {

using google::protobuf::util::TimeUtil;

// Entries read from the store at a time, and at most per page: a filter
// that matches little still answers in bounded time, with a token to go on.
constexpr size_t kReadChunk = 1000;
constexpr size_t kMaxExaminedPerPage = 20000;

std::string EncodeSequence(uint64_t sequence) {
  std::string out;
  for (int shift = 56; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((sequence >> shift) & 0xff));
  }
  return out;
}

uint64_t DecodeSequence(absl::string_view bytes) {
  uint64_t value = 0;
  for (char c : bytes) value = (value << 8) | static_cast<unsigned char>(c);
  return value;
}

bool Matches(const v1::ListAuditRecordsRequest& request,
             const v1::AuditRecord& record) {
  if (!request.resource().empty() && record.resource() != request.resource())
    return false;
  if (!request.caller().empty() && record.caller() != request.caller())
    return false;
  if (request.action() != v1::AUDIT_ACTION_UNSPECIFIED &&
      record.action() != request.action())
    return false;
  if (request.has_start_time() && record.time() < request.start_time())
    return false;
  if (request.has_end_time() && !(record.time() < request.end_time()))
    return false;
  return true;
}

// A token belongs to one set of filters.
std::string ListKey(const v1::ListAuditRecordsRequest& request) {
  return absl::StrCat(
      "audit\n", request.resource(), "\n", request.caller(), "\n",
      request.action(), "\n",
      request.has_start_time() ? TimeUtil::ToString(request.start_time()) : "",
      "\n",
      request.has_end_time() ? TimeUtil::ToString(request.end_time()) : "");
}

}  // namespace

AuditEvent AuditEventOf(const grpc::CallbackServerContext* context,
                        v1::AuditAction action, std::string resource) {
  Caller caller = CallerOf(context);
  AuditEvent event;
  event.caller = std::move(caller.identity);
  event.role = std::move(caller.role);
  event.request_id = std::move(caller.request_id);
  event.action = action;
  event.resource = std::move(resource);
  event.gateway = std::move(caller.gateway);
  return event;
}

absl::StatusOr<v1::ListAuditRecordsResponse> ListAuditRecords(
    const AuditSource& source, const v1::ListAuditRecordsRequest& request) {
  FieldViolations v;
  const size_t page_size =
      static_cast<size_t>(CheckPageSize(v, request.page_size()));
  if (!v1::AuditAction_IsValid(request.action())) {
    v.Add("action", "is not a known audit action");
  }
  if (request.has_start_time() && request.has_end_time() &&
      !(request.start_time() < request.end_time())) {
    v.Add("end_time", "must be after start_time");
  }
  RETURN_IF_ERROR(v.ToStatus("ListAuditRecords request"));
  const std::string list_key = ListKey(request);
  ASSIGN_OR_RETURN(std::string last,
                   DecodePageToken(request.page_token(), list_key));
  uint64_t after = DecodeSequence(last);
  v1::ListAuditRecordsResponse response;
  size_t examined = 0;
  while (true) {
    ASSIGN_OR_RETURN(auto entries, source.ReadAuditEntries(after, kReadChunk));
    for (const StoredAuditEntry& entry : entries) {
      ++examined;
      after = entry.sequence;
      v1::AuditRecord record;
      // A damaged entry is VerifyAuditChain's to report; a list goes on.
      if (record.ParseFromString(entry.bytes) && Matches(request, record)) {
        *response.add_records() = std::move(record);
      }
      if (static_cast<size_t>(response.records_size()) == page_size ||
          examined == kMaxExaminedPerPage) {
        // More may follow: the next page starts after this entry.
        ASSIGN_OR_RETURN(auto next, source.ReadAuditEntries(after, 1));
        if (!next.empty()) {
          response.set_next_page_token(
              EncodePageToken(list_key, EncodeSequence(after)));
        }
        return response;
      }
    }
    if (entries.size() < kReadChunk) return response;
  }
}

absl::StatusOr<v1::VerifyAuditChainResponse> VerifyAuditChain(
    const AuditSource& source, const v1::VerifyAuditChainRequest& request) {
  AuditChainVerifier verifier;
  if (request.has_expected_head()) {
    const v1::AuditHead& head = request.expected_head();
    if (!head.hash().empty() && head.hash().size() != kAuditHashBytes) {
      FieldViolations v;
      v.Add("expected_head.hash",
            absl::StrCat("must be ", kAuditHashBytes,
                         " bytes (a record's BLAKE2b-256 hash) or empty"));
      return v.ToStatus("VerifyAuditChain request");
    }
    verifier.ExpectHead({head.sequence(), head.hash()});
  }
  RETURN_IF_ERROR(VerifyTrail(source, verifier));
  v1::VerifyAuditChainResponse response;
  response.set_intact(verifier.intact());
  response.set_record_count(verifier.record_count());
  response.set_head_sequence(verifier.head().sequence);
  response.set_head_hash(verifier.head().hash);
  if (!verifier.intact()) {
    response.set_broken_at_sequence(verifier.broken_at());
    response.set_problem(verifier.problem());
  }
  return response;
}

grpc::ServerUnaryReactor* AuditTrailService::ListAuditRecords(
    grpc::CallbackServerContext* context,
    const v1::ListAuditRecordsRequest* request,
    v1::ListAuditRecordsResponse* response) {
  return edge_.Unary(context, __func__, *request, [&](const UnaryCall& call) {
    call.FinishWith("audit", common::ListAuditRecords(source_, *request),
                    response);
  });
}

grpc::ServerUnaryReactor* AuditTrailService::VerifyAuditChain(
    grpc::CallbackServerContext* context,
    const v1::VerifyAuditChainRequest* request,
    v1::VerifyAuditChainResponse* response) {
  return edge_.Unary(context, __func__, *request, [&](const UnaryCall& call) {
    call.FinishWith("audit", common::VerifyAuditChain(source_, *request),
                    response);
  });
}

}  // namespace yjinspect::common
