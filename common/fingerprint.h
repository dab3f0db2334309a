#pragma once

// Stable content fingerprints for etags and idempotency checks. Not a
// security primitive: it detects change, it does not resist forgery.

#include <string>

#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace yjinspect::common {

// 16 hex digits of FNV-1a 64 over the bytes; the same on every machine and
// every run (unlike std::hash or absl::Hash).
std::string FingerprintBytes(absl::string_view bytes);

// The message's deterministic serialization: map entries in key order, so
// equal messages give equal bytes within one build.
std::string DeterministicBytes(const google::protobuf::Message& message);

// Fingerprint of the message's deterministic serialization.
std::string FingerprintMessage(const google::protobuf::Message& message);

}  // namespace yjinspect::common
