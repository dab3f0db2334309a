// common/page_token.h: opaque AIP-158 page tokens bound to their list, and
// the page_size rules.

#include "common/page_token.h"

#include <string>
#include <vector>

#include "absl/strings/escaping.h"
#include "common/field_violations.h"
#include "gmock/gmock.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "gtest/gtest.h"
#include "yjinspect/storage/v1/storage.pb.h"

namespace yjinspect::common {
namespace {

using ::testing::ElementsAre;

constexpr absl::string_view kList = "cases:yots/northmoor";

// The fields named by the violations of `status`.
std::vector<std::string> ViolatedFields(const absl::Status& status) {
  std::vector<std::string> fields;
  for (const FieldViolation& v : ViolationsOf(status))
    fields.push_back(v.field);
  return fields;
}

TEST(PageTokenTest, TokenRoundTripsToTheLastKey) {
  std::string token = EncodePageToken(kList, "northmoor/NM-0042");
  EXPECT_FALSE(token.empty());
  auto last_key = DecodePageToken(token, kList);
  ASSERT_TRUE(last_key.ok()) << last_key.status();
  EXPECT_EQ(*last_key, "northmoor/NM-0042");
}

TEST(PageTokenTest, CaseKeysWithNulRoundTrip) {
  // Case keys are "{yot}\0{case}" (services/intake/storage/keys.h).
  const std::string key("northmoor\0NM-1", 14);
  auto last_key = DecodePageToken(EncodePageToken(kList, key), kList);
  ASSERT_TRUE(last_key.ok()) << last_key.status();
  EXPECT_EQ(*last_key, key);
}

TEST(PageTokenTest, TokenIsWebSafe) {
  // Text that standard base64 writes with '+' and '/', at every alignment.
  const std::string key =
      "?>?>?>~~~>>>\xef\xbf\xbd\xef\xbf\xbd?\xef\xbf\xbd~~?\xef\xbf\xbd";
  storage::v1::PageCursor cursor;
  cursor.set_list_key(std::string(kList));
  cursor.set_last_key(key);
  const std::string standard = absl::Base64Escape(cursor.SerializeAsString());
  ASSERT_NE(standard.find('+'), std::string::npos) << standard;
  ASSERT_NE(standard.find('/'), std::string::npos) << standard;

  std::string token = EncodePageToken(kList, key);
  EXPECT_EQ(token.find_first_not_of(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                "0123456789-_"),
            std::string::npos)
      << token;
  auto last_key = DecodePageToken(token, kList);
  ASSERT_TRUE(last_key.ok()) << last_key.status();
  EXPECT_EQ(*last_key, key);
}

TEST(PageTokenTest, EmptyTokenMeansTheFirstPage) {
  auto last_key = DecodePageToken("", kList);
  ASSERT_TRUE(last_key.ok());
  EXPECT_EQ(*last_key, "");
}

TEST(PageTokenTest, TokenOfAnotherListIsRefusedNamingPageToken) {
  std::string token = EncodePageToken("cases:yots/southvale", "southvale/SV-1");
  auto last_key = DecodePageToken(token, kList);
  ASSERT_FALSE(last_key.ok());
  EXPECT_EQ(last_key.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(ViolatedFields(last_key.status()), ElementsAre("page_token"));
}

TEST(PageTokenTest, TokenOfAnotherKindOfListIsRefused) {
  std::string token = EncodePageToken("inspections:", "nm-2014");
  auto last_key = DecodePageToken(token, "cases:yots/-");
  ASSERT_FALSE(last_key.ok());
  EXPECT_THAT(ViolatedFields(last_key.status()), ElementsAre("page_token"));
}

TEST(PageTokenTest, MalformedTokensAreRefusedNamingPageToken) {
  storage::v1::PageCursor no_last_key;
  no_last_key.set_list_key(std::string(kList));
  const std::string tokens[] = {
      "not a token!",                             // not base64 at all
      absl::WebSafeBase64Escape("\xff\xff\xff"),  // base64, not a PageCursor
      absl::WebSafeBase64Escape(no_last_key.SerializeAsString()),
  };
  for (const std::string& token : tokens) {
    auto last_key = DecodePageToken(token, kList);
    ASSERT_FALSE(last_key.ok()) << token;
    EXPECT_EQ(last_key.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(ViolatedFields(last_key.status()), ElementsAre("page_token"))
        << token;
  }
}

TEST(PageTokenTest, TruncatedTokenIsRefused) {
  std::string token = EncodePageToken(kList, "northmoor/NM-0042");
  auto last_key = DecodePageToken(token.substr(0, token.size() / 2), kList);
  EXPECT_FALSE(last_key.ok());
}

TEST(PageSizeTest, ZeroMeansTheDefault) {
  FieldViolations v;
  EXPECT_EQ(CheckPageSize(v, 0), kDefaultPageSize);
  EXPECT_EQ(kDefaultPageSize, 50);
  EXPECT_TRUE(v.empty());
}

TEST(PageSizeTest, SizesUpToTheMaximumAreKept) {
  FieldViolations v;
  EXPECT_EQ(CheckPageSize(v, 1), 1);
  EXPECT_EQ(CheckPageSize(v, 37), 37);
  EXPECT_EQ(CheckPageSize(v, kMaxPageSize), kMaxPageSize);
  EXPECT_TRUE(v.empty());
}

TEST(PageSizeTest, SizesAboveTheMaximumAreCapped) {
  FieldViolations v;
  EXPECT_EQ(CheckPageSize(v, kMaxPageSize + 1), kMaxPageSize);
  EXPECT_EQ(CheckPageSize(v, 2147483647), kMaxPageSize);
  EXPECT_TRUE(v.empty());
}

TEST(PageSizeTest, NegativeSizeIsAViolationOfPageSize) {
  for (int size : {-1, -1000, -2147483647 - 1}) {
    FieldViolations v;
    CheckPageSize(v, size);
    ASSERT_EQ(v.violations().size(), 1u) << size;
    EXPECT_EQ(v.violations()[0].field, "page_size");
  }
}

// A sorted list of keys "k01".."k07", scanned as a store would.
struct KeyedEntry {
  std::string key;
};
absl::StatusOr<std::vector<KeyedEntry>> ScanSeven(const std::string& after,
                                                  size_t limit) {
  std::vector<KeyedEntry> found;
  for (int i = 1; i <= 7 && found.size() < limit; ++i) {
    std::string key = "k0" + std::to_string(i);
    if (key > after) found.push_back({key});
  }
  return found;
}

std::vector<std::string> Keys(const Page<KeyedEntry>& page) {
  std::vector<std::string> keys;
  for (const KeyedEntry& e : page.entries) keys.push_back(e.key);
  return keys;
}

TEST(ReadPageTest, PagesThroughTheListAndStopsOnTheLast) {
  auto first = ReadPage("list", "", 3, ScanSeven);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_THAT(Keys(*first), ElementsAre("k01", "k02", "k03"));
  ASSERT_FALSE(first->next_page_token.empty());
  auto second = ReadPage("list", first->next_page_token, 3, ScanSeven);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_THAT(Keys(*second), ElementsAre("k04", "k05", "k06"));
  auto last = ReadPage("list", second->next_page_token, 3, ScanSeven);
  ASSERT_TRUE(last.ok()) << last.status();
  EXPECT_THAT(Keys(*last), ElementsAre("k07"));
  EXPECT_TRUE(last->next_page_token.empty());
}

TEST(ReadPageTest, AFullLastPageHasNoNextToken) {
  auto page = ReadPage("list", "", 7, ScanSeven);
  ASSERT_TRUE(page.ok()) << page.status();
  EXPECT_EQ(page->entries.size(), 7u);
  EXPECT_TRUE(page->next_page_token.empty());
}

TEST(ReadPageTest, ATokenOfAnotherListIsRefusedBeforeAnyScan) {
  auto first = ReadPage("list", "", 3, ScanSeven);
  ASSERT_TRUE(first.ok());
  bool scanned = false;
  auto other = ReadPage("other", first->next_page_token, 3,
                        [&](const std::string& after, size_t limit) {
                          scanned = true;
                          return ScanSeven(after, limit);
                        });
  EXPECT_EQ(other.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(scanned);
}

TEST(ReadPageTest, AScanErrorIsReturnedAsItIs) {
  auto page = ReadPage("list", "", 3, [](const std::string&, size_t) {
    return absl::StatusOr<std::vector<KeyedEntry>>(
        absl::DataLossError("corrupt"));
  });
  EXPECT_EQ(page.status().code(), absl::StatusCode::kDataLoss);
}

// A List request as the generated messages have it.
struct ListRequest {
  int page_size_value = 0;
  std::string page_token_value;
  int page_size() const { return page_size_value; }
  const std::string& page_token() const { return page_token_value; }
};

TEST(ReadRequestedPageTest, ReadsThePageTheRequestAsksFor) {
  FieldViolations v;
  auto first = ReadRequestedPage(v, "ListThings request", ListRequest{3, ""},
                                 "list", ScanSeven);
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_THAT(Keys(*first), ElementsAre("k01", "k02", "k03"));
  auto second = ReadRequestedPage(v, "ListThings request",
                                  ListRequest{3, first->next_page_token},
                                  "list", ScanSeven);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_THAT(Keys(*second), ElementsAre("k04", "k05", "k06"));
}

TEST(ReadRequestedPageTest, RefusesEveryViolationBeforeAnyScan) {
  FieldViolations v;
  v.Add("parent", "is required");
  bool scanned = false;
  auto page =
      ReadRequestedPage(v, "ListThings request", ListRequest{-1, ""}, "list",
                        [&](const std::string& after, size_t limit) {
                          scanned = true;
                          return ScanSeven(after, limit);
                        });
  EXPECT_EQ(page.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(page.status().message()),
              ::testing::AllOf(::testing::HasSubstr("ListThings request"),
                               ::testing::HasSubstr("parent"),
                               ::testing::HasSubstr("page_size")));
  EXPECT_FALSE(scanned);
}

struct ValuedEntry {
  std::string key;
  std::string value;
};

TEST(MovePageIntoTest, MovesTheValuesAndGivesTheNextToken) {
  Page<ValuedEntry> page{{{"k1", "first"}, {"k2", "second"}}, "next"};
  google::protobuf::RepeatedPtrField<std::string> values;
  EXPECT_EQ(MovePageInto(page, &values), "next");
  EXPECT_THAT(values, ElementsAre("first", "second"));
}

TEST(MovePageIntoTest, ProjectsEachValue) {
  Page<ValuedEntry> page{{{"k1", "first"}}, ""};
  google::protobuf::RepeatedPtrField<std::string> values;
  EXPECT_EQ(MovePageInto(page, &values,
                         [](std::string&& value) { return value + "!"; }),
            "");
  EXPECT_THAT(values, ElementsAre("first!"));
}

}  // namespace
}  // namespace yjinspect::common
