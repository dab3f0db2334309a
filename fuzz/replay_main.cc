// Replays fuzz inputs through a target's LLVMFuzzerTestOneInput without
// libFuzzer, so that any compiler's build (and scripts/test) re-runs the
// kept corpus and every crash input ever found.
//
// Usage: fuzz_<name>_replay PATH...; each PATH is a file or a folder whose
// regular files (not starting with '.') are replayed in name order. A
// missing folder holds no inputs (a target with no crash so far has no
// regressions folder). Exits 1 when no input at all was found, so that a
// moved corpus cannot make the test pass vacuously; a crashing input
// crashes this program, as it crashed the fuzzer.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv)
    __attribute__((weak));

namespace {

std::vector<std::filesystem::path> InputsAt(const std::filesystem::path& at) {
  std::vector<std::filesystem::path> inputs;
  std::error_code error;
  if (std::filesystem::is_regular_file(at, error)) return {at};
  if (!std::filesystem::is_directory(at, error)) return {};
  for (const auto& entry : std::filesystem::directory_iterator(at, error)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && !name.empty() && name[0] != '.') {
      inputs.push_back(entry.path());
    }
  }
  std::sort(inputs.begin(), inputs.end());
  return inputs;
}

}  // namespace

int main(int argc, char** argv) {
  if (LLVMFuzzerInitialize != nullptr) LLVMFuzzerInitialize(&argc, &argv);
  size_t replayed = 0;
  for (int i = 1; i < argc; ++i) {
    const auto inputs = InputsAt(argv[i]);
    for (const auto& path : inputs) {
      std::ifstream in(path, std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
      // An empty string's data() may not be dereferenced: pass a real
      // pointer with size 0, as libFuzzer does.
      const uint8_t empty = 0;
      const auto* data = bytes.empty()
                             ? &empty
                             : reinterpret_cast<const uint8_t*>(bytes.data());
      LLVMFuzzerTestOneInput(data, bytes.size());
    }
    std::printf("%s: %zu inputs\n", argv[i], inputs.size());
    replayed += inputs.size();
  }
  if (replayed == 0) {
    std::fprintf(stderr, "no inputs found: nothing was replayed\n");
    return 1;
  }
  std::printf("replayed %zu inputs\n", replayed);
  return 0;
}
