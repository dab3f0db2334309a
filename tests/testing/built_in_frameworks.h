#pragma once

// The frameworks the services ship with (frameworks/, embedded in the
// binaries), loaded once per test process: domain classes take a registry
// by reference and keep it.

#include "common/frameworks/framework_registry.h"

namespace yjinspect::testing {

inline const common::FrameworkRegistry& BuiltInFrameworks() {
  static const auto* frameworks =
      new common::FrameworkRegistry(*common::FrameworkRegistry::LoadBuiltIn());
  return *frameworks;
}

}  // namespace yjinspect::testing
