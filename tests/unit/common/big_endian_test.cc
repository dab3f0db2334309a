// common/big_endian.h: 8 bytes, most significant first, so that keys sort
// in numeric order; anything but 8 bytes is no number.

#include "common/big_endian.h"

#include <cstdint>
#include <string>

#include "gtest/gtest.h"

namespace yjinspect::common {
namespace {

TEST(BigEndianTest, EncodesMostSignificantByteFirst) {
  EXPECT_EQ(EncodeBigEndian64(0), std::string(8, '\0'));
  EXPECT_EQ(EncodeBigEndian64(0x0102030405060708u),
            std::string("\x01\x02\x03\x04\x05\x06\x07\x08", 8));
}

TEST(BigEndianTest, RoundTripsAndSortsNumerically) {
  uint64_t previous = 0;
  for (uint64_t value : {uint64_t{1}, uint64_t{255}, uint64_t{256},
                         uint64_t{65535}, uint64_t{1} << 40, ~uint64_t{0}}) {
    EXPECT_EQ(DecodeBigEndian64(EncodeBigEndian64(value)), value);
    EXPECT_LT(EncodeBigEndian64(previous), EncodeBigEndian64(value));
    previous = value;
  }
}

TEST(BigEndianTest, OnlyEightBytesDecode) {
  EXPECT_EQ(DecodeBigEndian64(""), std::nullopt);
  EXPECT_EQ(DecodeBigEndian64(std::string(7, '\0')), std::nullopt);
  EXPECT_EQ(DecodeBigEndian64(std::string(9, '\0')), std::nullopt);
}

}  // namespace
}  // namespace yjinspect::common
