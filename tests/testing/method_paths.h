#pragma once

// The gRPC method paths of services, as the access table and the edge name
// them, read from the generated descriptors: a test that every RPC has its
// rule or its row then holds for RPCs added later.

#include <initializer_list>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "google/protobuf/descriptor.h"
#include "gtest/gtest.h"

namespace yjinspect::testing {

// "/{service}/{method}" of every method of `services` (full names, as
// v1::Findings::service_full_name()). A service the pool lacks fails the
// test and adds nothing.
inline std::set<std::string> MethodPaths(
    std::initializer_list<const char*> services) {
  std::set<std::string> paths;
  for (const char* service : services) {
    const auto* descriptor =
        google::protobuf::DescriptorPool::generated_pool()->FindServiceByName(
            service);
    EXPECT_NE(descriptor, nullptr) << service;
    if (descriptor == nullptr) continue;
    for (int i = 0; i < descriptor->method_count(); ++i) {
      paths.insert(
          absl::StrCat("/", service, "/", descriptor->method(i)->name()));
    }
  }
  return paths;
}

}  // namespace yjinspect::testing
