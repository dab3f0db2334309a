#pragma once

// A stored record with the key it is stored under: what a scan returns, so
// that a List can make its next page token from the last key.

#include <string>

namespace yjinspect::common {

template <typename T>
struct Keyed {
  std::string key;
  T value;
};

}  // namespace yjinspect::common
