#pragma once

// The gMock matchers most tests use, declared once for every test namespace
// inside yjinspect. There `testing` names yjinspect::testing (the shared
// test helpers), so each test file used to spell out `using ::testing::X;`
// for every matcher it needed.

#include "gmock/gmock.h"

namespace yjinspect {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::MatchesRegex;
using ::testing::Not;
using ::testing::SizeIs;
using ::testing::UnorderedElementsAreArray;

}  // namespace yjinspect
