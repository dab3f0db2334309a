#include "common/fingerprint.h"

#include <cstdint>

#include "absl/strings/str_format.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"

namespace yjinspect::common {

std::string FingerprintBytes(absl::string_view bytes) {
  uint64_t hash = 14695981039346656037ULL;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return absl::StrFormat("%016x", hash);
}

std::string DeterministicBytes(const google::protobuf::Message& message) {
  std::string bytes;
  {
    // The coded stream writes its last bytes when destroyed: read `bytes`
    // only after this scope.
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    message.SerializeToCodedStream(&coded);
  }
  return bytes;
}

std::string FingerprintMessage(const google::protobuf::Message& message) {
  return FingerprintBytes(DeterministicBytes(message));
}

}  // namespace yjinspect::common
