#include "tests/testing/disk_search.h"

#include <filesystem>
#include <fstream>
#include <iterator>

namespace yjinspect::testing {

std::vector<std::string> FilesContaining(const std::string& folder,
                                         const std::string& needle) {
  std::vector<std::string> found;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(folder)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)),
                      std::istreambuf_iterator<char>());
    if (bytes.find(needle) != std::string::npos) {
      found.push_back(entry.path().string());
    }
  }
  return found;
}

}  // namespace yjinspect::testing
