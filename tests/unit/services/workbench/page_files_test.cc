#include "services/workbench/page_files.h"

#include <regex>
#include <string>

#include "absl/strings/match.h"
#include "gtest/gtest.h"
#include "services/workbench/workbench_pages.h"

namespace yjinspect::workbench {
namespace {

TEST(PageFilesTest, ThePagesAreBuiltIn) {
  absl::string_view text;
  absl::string_view type;
  ASSERT_TRUE(FindPage("index.html", &text, &type));
  EXPECT_EQ(type, "text/html; charset=utf-8");
  EXPECT_TRUE(absl::StrContains(text, "/static/app.js"));
  for (const char* module : {"app.js", "api.js", "dom.js", "judgement_form.js",
                             "verdicts_view.js", "recommendations_view.js"}) {
    ASSERT_TRUE(FindPage(module, &text, &type)) << module;
    EXPECT_EQ(type, "text/javascript; charset=utf-8");
  }
  ASSERT_TRUE(FindPage("workbench.css", &text, &type));
  EXPECT_EQ(type, "text/css; charset=utf-8");
}

TEST(PageFilesTest, OnlyPlainFileNamesAreServed) {
  absl::string_view text;
  absl::string_view type;
  for (const char* name :
       {"", "../CMakeLists.txt", "pages/index.html", "..", "nothing.js"}) {
    EXPECT_FALSE(FindPage(name, &text, &type)) << name;
  }
}

// The content security policy allows no inline script: a page with one
// would break, so none may be written.
TEST(PageFilesTest, NoPageHasInlineScriptOrHandlers) {
  const std::regex inline_script("<script(?![^>]*\\ssrc=)[^>]*>",
                                 std::regex::icase);
  const std::regex handler("\\son[a-z]+\\s*=", std::regex::icase);
  for (const common::EmbeddedFile& file : EmbeddedPages()) {
    if (!absl::EndsWith(file.file_name, ".html")) continue;
    const std::string text(file.text);
    EXPECT_FALSE(std::regex_search(text, inline_script)) << file.file_name;
    EXPECT_FALSE(std::regex_search(text, handler)) << file.file_name;
  }
}

}  // namespace
}  // namespace yjinspect::workbench
