// The libFuzzer entry points of the request fuzz targets, the same for
// each: an empty input chooses nothing; otherwise its first byte and the
// rest go to the target's RunRequest.

#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_input.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  yjinspect::fuzz::SilenceProtobufLogs();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  yjinspect::fuzz::RunRequest(data[0], data + 1, size - 1);
  return 0;
}
