#pragma once

// Shared by the request fuzz targets: the first byte of an input chooses
// the message, the rest is that message in protobuf binary form
// (request_fuzzer_main.cc hands both to the target's RunRequest).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "google/protobuf/message_lite.h"
#include "google/protobuf/stubs/logging.h"

namespace yjinspect::fuzz {

// What a request fuzz target does with one input: `choice` is its first
// byte, `data` and `size` the rest. Each request target defines it.
void RunRequest(uint8_t choice, const uint8_t* data, size_t size);

// Parses `size` bytes at `data` into `message`; false when they are not a
// message of its type (the handlers only ever see parsed messages).
inline bool ParseRequest(const uint8_t* data, size_t size,
                         google::protobuf::MessageLite& message) {
  return message.ParseFromArray(data, static_cast<int>(size));
}

// Protobuf logs every string field with invalid UTF-8 it parses; a fuzzer
// makes millions of them. Call from LLVMFuzzerInitialize.
inline void SilenceProtobufLogs() { google::protobuf::SetLogHandler(nullptr); }

// Stops the fuzzer with a finding when a handler broke a promise of its
// interface (a libFuzzer crash, a failed replay test).
inline void Require(bool promise, const char* what) {
  if (!promise) {
    std::fprintf(stderr, "broken promise: %s\n", what);
    std::abort();
  }
}

}  // namespace yjinspect::fuzz
