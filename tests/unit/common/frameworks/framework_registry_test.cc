// common/frameworks/framework_registry.h: loading the built-in frameworks
// and folders of framework files, all or nothing, and finding a framework
// by id and version.

#include "common/frameworks/framework_registry.h"

#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "common/frameworks/embedded_frameworks.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace yjinspect::common {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using ::yjinspect::testing::TempDir;

// The text of a built-in framework file, as compiled into the binary.
std::string BuiltInText(absl::string_view file_name) {
  for (const EmbeddedFile& file : EmbeddedFrameworkFiles()) {
    if (file.file_name == file_name) return std::string(file.text);
  }
  ADD_FAILURE() << "no built-in " << file_name;
  return "";
}

void WriteFile(const std::string& path, absl::string_view text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  ASSERT_TRUE(out.good()) << path;
}

// The built-in frameworks/`file_name`, written to `dir` under the same name.
void CopyBuiltIn(const std::string& file_name, const TempDir& dir) {
  WriteFile(dir.Sub(file_name), BuiltInText("frameworks/" + file_name));
}

// `text` with its one occurrence of `from` replaced by `to`.
std::string ReplaceOnce(absl::string_view text, absl::string_view from,
                        absl::string_view to) {
  std::string out(text);
  const std::string find(from);
  const size_t at = out.find(find);
  EXPECT_NE(at, std::string::npos) << find;
  if (at != std::string::npos) out.replace(at, find.size(), std::string(to));
  return out;
}

// Why LoadDirectory refuses `folder`; a folder that loads fails the test.
absl::Status LoadingRefusal(const std::string& folder) {
  absl::StatusOr<FrameworkRegistry> registry =
      FrameworkRegistry::LoadDirectory(folder);
  EXPECT_FALSE(registry.ok()) << "loaded " << folder;
  return registry.status();
}

std::vector<std::string> Keys(const FrameworkRegistry& registry) {
  std::vector<std::string> keys;
  for (const v1::Framework* framework : registry.List()) {
    keys.push_back(absl::StrCat(framework->id(), "@", framework->version()));
  }
  return keys;
}

TEST(FrameworkRegistryTest, BuiltInFrameworksLoadAndValidate) {
  absl::StatusOr<FrameworkRegistry> registry = FrameworkRegistry::LoadBuiltIn();
  ASSERT_TRUE(registry.ok()) << registry.status();
  EXPECT_THAT(
      Keys(*registry),
      ElementsAre("hmip-youth-2018@1", "hmip-youth-2018@2", "hmip-youth-2018@3",
                  "hmip-youth-2021@1", "hmip-youth-2021@2", "hmip-youth-2025@1",
                  "hmip-youth-2025-children-victims@1", "sqs-2014@1",
                  "sqs-2014@2"));
}

TEST(FrameworkRegistryTest, BuiltInFilesAreNamedFromTheRepositoryRoot) {
  std::vector<std::string> names;
  for (const EmbeddedFile& file : EmbeddedFrameworkFiles()) {
    names.emplace_back(file.file_name);
  }
  EXPECT_THAT(names, ElementsAre("frameworks/hmip-youth-2018-v2.textproto",
                                 "frameworks/hmip-youth-2018-v3.textproto",
                                 "frameworks/hmip-youth-2018.textproto",
                                 "frameworks/hmip-youth-2021-v2.textproto",
                                 "frameworks/hmip-youth-2021.textproto",
                                 "frameworks/hmip-youth-2025-children-victims"
                                 ".textproto",
                                 "frameworks/hmip-youth-2025.textproto",
                                 "frameworks/sqs-2014-v2.textproto",
                                 "frameworks/sqs-2014.textproto"));
}

TEST(FrameworkRegistryTest, FindsByIdAndVersion) {
  absl::StatusOr<FrameworkRegistry> registry = FrameworkRegistry::LoadBuiltIn();
  ASSERT_TRUE(registry.ok()) << registry.status();
  const v1::Framework* sqs = registry->Find("sqs-2014", "1");
  ASSERT_NE(sqs, nullptr);
  EXPECT_EQ(sqs->id(), "sqs-2014");
  EXPECT_EQ(sqs->version(), "1");
}

TEST(FrameworkRegistryTest, FindOfUnknownIdOrVersionIsNull) {
  absl::StatusOr<FrameworkRegistry> registry = FrameworkRegistry::LoadBuiltIn();
  ASSERT_TRUE(registry.ok()) << registry.status();
  EXPECT_EQ(registry->Find("sqs-2015", "1"), nullptr);
  EXPECT_EQ(registry->Find("sqs-2014", "3"), nullptr);
  EXPECT_EQ(registry->Find("", ""), nullptr);
}

TEST(FrameworkRegistryTest, FoundPointersSurviveMovingTheRegistry) {
  absl::StatusOr<FrameworkRegistry> loaded = FrameworkRegistry::LoadBuiltIn();
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  const v1::Framework* before = loaded->Find("hmip-youth-2021", "1");
  FrameworkRegistry moved = *std::move(loaded);
  EXPECT_EQ(moved.Find("hmip-youth-2021", "1"), before);
}

TEST(FrameworkRegistryTest, LoadsEveryTextprotoInAFolder) {
  TempDir dir;
  CopyBuiltIn("sqs-2014.textproto", dir);
  CopyBuiltIn("hmip-youth-2021.textproto", dir);
  WriteFile(dir.Sub("README.md"), "not a framework");
  WriteFile(dir.Sub(".#sqs-2014.textproto"), "an editor's lock file");

  absl::StatusOr<FrameworkRegistry> registry =
      FrameworkRegistry::LoadDirectory(dir.path());
  ASSERT_TRUE(registry.ok()) << registry.status();
  EXPECT_THAT(Keys(*registry), ElementsAre("hmip-youth-2021@1", "sqs-2014@1"));
}

TEST(FrameworkRegistryTest, OneBrokenFileRefusesTheWholeFolder) {
  TempDir dir;
  CopyBuiltIn("sqs-2014.textproto", dir);
  CopyBuiltIn("hmip-youth-2018.textproto", dir);
  // A second version of 2021 whose Good band overlaps Outstanding.
  std::string broken = BuiltInText("frameworks/hmip-youth-2021.textproto");
  broken = ReplaceOnce(broken, "version: \"1\"", "version: \"2\"");
  broken = ReplaceOnce(broken, "min_score: 19 max_score: 30",
                       "min_score: 19 max_score: 31");
  WriteFile(dir.Sub("hmip-youth-2021-v2.textproto"), broken);

  const absl::Status refused = LoadingRefusal(dir.path());
  EXPECT_EQ(refused.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(refused.message()),
              StartsWith(dir.Sub("hmip-youth-2021-v2.textproto:")));
  EXPECT_THAT(std::string(refused.message()), HasSubstr("overlap"));
}

TEST(FrameworkRegistryTest, SyntaxErrorInAFolderNamesFileAndLine) {
  TempDir dir;
  WriteFile(dir.Sub("broken.textproto"),
            "id: \"broken\"\nversion: \"1\"\ntitle \"no colon\"\n");
  const absl::Status refused = LoadingRefusal(dir.path());
  EXPECT_THAT(std::string(refused.message()),
              StartsWith(dir.Sub("broken.textproto:3:")));
}

TEST(FrameworkRegistryTest, SameIdAndVersionInTwoFilesIsRefused) {
  TempDir dir;
  const std::string sqs = BuiltInText("frameworks/sqs-2014.textproto");
  WriteFile(dir.Sub("a.textproto"), sqs);
  WriteFile(dir.Sub("b.textproto"), sqs);
  const absl::Status refused = LoadingRefusal(dir.path());
  EXPECT_EQ(refused.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(refused.message()),
              HasSubstr(absl::StrCat(dir.Sub("b.textproto"),
                                     ": framework \"sqs-2014\" version \"1\" "
                                     "is already defined by ",
                                     dir.Sub("a.textproto"))));
}

TEST(FrameworkRegistryTest, FolderWithoutFrameworkFilesIsNotFound) {
  TempDir dir;
  WriteFile(dir.Sub("notes.txt"), "nothing here");
  const absl::Status refused = LoadingRefusal(dir.path());
  EXPECT_EQ(refused.code(), absl::StatusCode::kNotFound);
}

TEST(FrameworkRegistryTest, MissingFolderIsNotFound) {
  TempDir dir;
  const absl::Status refused = LoadingRefusal(dir.Sub("absent"));
  EXPECT_EQ(refused.code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(refused.message()), HasSubstr(dir.Sub("absent")));
}

TEST(FrameworkRegistryTest, NewVersionInACopyLeavesTheBuiltInUnchanged) {
  absl::StatusOr<FrameworkRegistry> built_in = FrameworkRegistry::LoadBuiltIn();
  ASSERT_TRUE(built_in.ok()) << built_in.status();

  TempDir dir;
  std::string edited = BuiltInText("frameworks/sqs-2014.textproto");
  edited = ReplaceOnce(edited, "version: \"1\"", "version: \"3\"");
  edited = ReplaceOnce(edited, "min_applicable: 3", "min_applicable: 5");
  WriteFile(dir.Sub("sqs-2014-v3.textproto"), edited);
  absl::StatusOr<FrameworkRegistry> copy =
      FrameworkRegistry::LoadDirectory(dir.path());
  ASSERT_TRUE(copy.ok()) << copy.status();

  const v1::Framework* v3 = copy->Find("sqs-2014", "3");
  ASSERT_NE(v3, nullptr);
  EXPECT_EQ(v3->thresholds().min_applicable(), 5);
  EXPECT_EQ(copy->Find("sqs-2014", "1"), nullptr);

  // Neither the registry loaded before nor one loaded afresh sees the edit.
  absl::StatusOr<FrameworkRegistry> reloaded = FrameworkRegistry::LoadBuiltIn();
  ASSERT_TRUE(reloaded.ok()) << reloaded.status();
  for (const FrameworkRegistry* registry : {&*built_in, &*reloaded}) {
    EXPECT_EQ(registry->Find("sqs-2014", "3"), nullptr);
    const v1::Framework* v1_framework = registry->Find("sqs-2014", "1");
    ASSERT_NE(v1_framework, nullptr);
    EXPECT_EQ(v1_framework->thresholds().min_applicable(), 3);
  }
}

TEST(FrameworkVersionsTest, CompareNumbersAsNumbers) {
  EXPECT_LT(CompareFrameworkVersions("1", "2"), 0);
  EXPECT_LT(CompareFrameworkVersions("2", "10"), 0);
  EXPECT_LT(CompareFrameworkVersions("1.2", "1.10"), 0);
  EXPECT_LT(CompareFrameworkVersions("1", "1.1"), 0);
  EXPECT_GT(CompareFrameworkVersions("10", "9"), 0);
  EXPECT_EQ(CompareFrameworkVersions("2", "2"), 0);
  EXPECT_LT(CompareFrameworkVersions("1-a", "1-b"), 0);
}

TEST(FrameworkRegistryTest, NewestIsTheHighestVersion) {
  absl::StatusOr<FrameworkRegistry> registry = FrameworkRegistry::LoadBuiltIn();
  ASSERT_TRUE(registry.ok()) << registry.status();
  ASSERT_NE(registry->Newest("hmip-youth-2018"), nullptr);
  EXPECT_EQ(registry->Newest("hmip-youth-2018")->version(), "3");
  EXPECT_EQ(registry->Newest("sqs-2014")->version(), "2");
  EXPECT_EQ(registry->Newest("hmip-youth-2021")->version(), "2");
  EXPECT_EQ(registry->Newest("hmip-youth-2025")->version(), "1");
  EXPECT_EQ(registry->Newest("sqs-2015"), nullptr);
}

TEST(FrameworkRegistryTest, SupersededVersionsSayByWhichAndWhy) {
  absl::StatusOr<FrameworkRegistry> registry = FrameworkRegistry::LoadBuiltIn();
  ASSERT_TRUE(registry.ok()) << registry.status();
  // Version 1 of 2018 is superseded by versions 2 and 3: the newest says
  // why.
  const auto bands = registry->SupersessionOf("hmip-youth-2018", "1");
  ASSERT_TRUE(bands.has_value());
  EXPECT_EQ(bands->by_version(), "3");
  EXPECT_THAT(bands->reason(), HasSubstr("overall bands"));
  EXPECT_TRUE(registry->SupersessionOf("sqs-2014", "1").has_value());
  EXPECT_EQ(registry->SupersessionOf("hmip-youth-2018", "2")->by_version(),
            "3");
  EXPECT_FALSE(registry->SupersessionOf("hmip-youth-2018", "3").has_value());
  EXPECT_EQ(registry->SupersessionOf("hmip-youth-2021", "1")->by_version(),
            "2");
  EXPECT_FALSE(registry->SupersessionOf("hmip-youth-2021", "2").has_value());
}

TEST(FrameworkRegistryTest, OnlyAnEarlierVersionCanBeSuperseded) {
  std::string text = BuiltInText("frameworks/sqs-2014-v2.textproto");
  text = ReplaceOnce(text, "supersedes {\n  version: \"1\"",
                     "supersedes {\n  version: \"3\"");
  absl::StatusOr<FrameworkRegistry> registry =
      FrameworkRegistry::LoadFiles({FrameworkFile{"later.textproto", text}});
  ASSERT_FALSE(registry.ok());
  EXPECT_EQ(registry.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(registry.status().message(),
              HasSubstr("only an earlier version can be superseded"));
}

TEST(FrameworkRegistryTest, LoadFilesOfNothingIsEmpty) {
  absl::StatusOr<FrameworkRegistry> registry = FrameworkRegistry::LoadFiles({});
  ASSERT_TRUE(registry.ok()) << registry.status();
  EXPECT_TRUE(registry->List().empty());
}

}  // namespace
}  // namespace yjinspect::common
