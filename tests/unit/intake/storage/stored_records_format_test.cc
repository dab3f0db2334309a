// The intake store's records left the public package (yjinspect.v1 became
// yjinspect.storage.v1) without a change on disk: protobuf's binary format
// carries field numbers and types, never the package. These bytes are what
// a store written before the move holds, spelled out by hand from the wire
// format, so a renumbered or retyped field fails here before it makes an
// existing store unreadable.

#include <string>

#include "gtest/gtest.h"
#include "yjinspect/storage/v1/storage.pb.h"

namespace yjinspect::intake {
namespace {

std::string Bytes(std::initializer_list<unsigned char> bytes) {
  return std::string(bytes.begin(), bytes.end());
}

TEST(StoredRecordsFormatTest, AStoredCaseWrittenBeforeTheMoveStillReads) {
  const std::string written = Bytes({
      0x0a, 0x00,                      // 1 case: present, empty
      0x12, 0x02, 0x05, 0x09,          // 2 change_sequences: 5, 9
      0x1a, 0x04, 'i', 'n', 's', '1',  // 3 sampled_by: "ins1"
      0x20, 0x01,                      // 4 delivered_to_findings
  });
  storage::v1::StoredCase stored;
  ASSERT_TRUE(stored.ParseFromString(written));
  EXPECT_TRUE(stored.has_case_());
  ASSERT_EQ(stored.change_sequences_size(), 2);
  EXPECT_EQ(stored.change_sequences(0), 5u);
  EXPECT_EQ(stored.change_sequences(1), 9u);
  ASSERT_EQ(stored.sampled_by_size(), 1);
  EXPECT_EQ(stored.sampled_by(0), "ins1");
  EXPECT_TRUE(stored.delivered_to_findings());
  EXPECT_EQ(stored.SerializeAsString(), written);
}

TEST(StoredRecordsFormatTest, ARequestRecordWrittenBeforeTheMoveStillReads) {
  const std::string written = Bytes({
      0x0a, 0x03, 'a', '/', 'b',  // 1 resource_name
      0x12, 0x02, 'f', 'p',       // 2 request_fingerprint
  });
  storage::v1::RequestRecord record;
  ASSERT_TRUE(record.ParseFromString(written));
  EXPECT_EQ(record.resource_name(), "a/b");
  EXPECT_EQ(record.request_fingerprint(), "fp");
  EXPECT_EQ(record.SerializeAsString(), written);
}

// Page tokens handed out before the move hold a PageCursor: a client's next
// page still works across the upgrade.
TEST(StoredRecordsFormatTest, APageCursorWrittenBeforeTheMoveStillReads) {
  const std::string written = Bytes({
      0x0a, 0x05, 'c', 'a', 's', 'e', 's',  // 1 list_key
      0x12, 0x02, 0x01, 0x02,               // 2 last_key
  });
  storage::v1::PageCursor cursor;
  ASSERT_TRUE(cursor.ParseFromString(written));
  EXPECT_EQ(cursor.list_key(), "cases");
  EXPECT_EQ(cursor.last_key(), Bytes({0x01, 0x02}));
  EXPECT_EQ(cursor.SerializeAsString(), written);
}

}  // namespace
}  // namespace yjinspect::intake
