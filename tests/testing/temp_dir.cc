#include "tests/testing/temp_dir.h"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <vector>

namespace yjinspect::testing {

TempDir::TempDir() {
  const char* root = std::getenv("TEST_TMPDIR");
  std::string pattern =
      std::string(root != nullptr ? root : "/tmp") + "/yjinspect-test-XXXXXX";
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (mkdtemp(buffer.data()) == nullptr) std::abort();
  path_ = buffer.data();
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace yjinspect::testing
