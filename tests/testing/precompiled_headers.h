// The headers nearly every test translation unit parses: gtest and gmock,
// gRPC's C++ API, protobuf's message comparison, and the services' own
// generated messages and stubs. tests/CMakeLists.txt precompiles them once
// (target_precompile_headers) and every test binary reuses the result:
// parsing them took half of each test file's compile time, and the test
// files are half of a clean build.
//
// Nothing here is a dependency a test may lean on: every test file still
// includes what it uses (the build without the precompiled header,
// YJINSPECT_PRECOMPILED_TEST_HEADERS=OFF, which scripts/tidy uses, checks
// that).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "yjinspect/v1/findings_service.grpc.pb.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"
