#pragma once

// Searching a folder's files byte for byte, as someone with the disk would:
// the proof that a value is not (or is) stored anywhere in a data folder.

#include <string>
#include <vector>

namespace yjinspect::testing {

// Every regular file under `folder` (recursively) whose bytes contain
// `needle`.
std::vector<std::string> FilesContaining(const std::string& folder,
                                         const std::string& needle);

}  // namespace yjinspect::testing
