#include "services/workbench/csrf_guard.h"

#include <fstream>
#include <string>

#include "common/rpc/grpc_status.h"
#include "gtest/gtest.h"
#include "tests/testing/rich_error.h"
#include "tests/testing/temp_dir.h"

namespace yjinspect::workbench {
namespace {

std::string ReasonOf(const absl::Status& s) {
  const testing::RichError rich =
      testing::ReadRichError(common::ToGrpcStatus(s));
  return rich.info.has_value() ? rich.info->reason() : "";
}

BrowserRequest Post(const CsrfGuard& guard, const std::string& user) {
  BrowserRequest r;
  r.method = "POST";
  r.user = user;
  r.token = guard.TokenFor(user);
  r.fetch_site = "same-origin";
  r.content_type = "application/json";
  r.has_body = true;
  return r;
}

TEST(CsrfGuardTest, ThePagesOwnRequestPasses) {
  const CsrfGuard guard = CsrfGuard::WithRandomKey();
  EXPECT_TRUE(guard.Check(Post(guard, "insp-1")).ok());
}

TEST(CsrfGuardTest, ReadsNeedNoTokenButMustNotComeFromAnotherSite) {
  const CsrfGuard guard = CsrfGuard::WithRandomKey();
  BrowserRequest r;
  r.method = "GET";
  r.user = "insp-1";
  EXPECT_TRUE(guard.Check(r).ok());
  for (const char* own : {"same-origin", "none"}) {
    r.fetch_site = own;
    EXPECT_TRUE(guard.Check(r).ok()) << own;
  }
  for (const char* other : {"cross-site", "same-site"}) {
    r.fetch_site = other;
    EXPECT_EQ(guard.Check(r).code(), absl::StatusCode::kPermissionDenied)
        << other;
  }
}

TEST(CsrfGuardTest, EachMissingProofIsRefusedWithTheReason) {
  const CsrfGuard guard = CsrfGuard::WithRandomKey();
  BrowserRequest no_token = Post(guard, "insp-1");
  no_token.token.reset();
  BrowserRequest other_user = Post(guard, "insp-1");
  other_user.token = guard.TokenFor("lead-1");
  BrowserRequest cross_site = Post(guard, "insp-1");
  cross_site.fetch_site = "cross-site";
  BrowserRequest form = Post(guard, "insp-1");
  form.content_type = "application/x-www-form-urlencoded";
  BrowserRequest deletion = Post(guard, "insp-1");
  deletion.method = "DELETE";
  deletion.has_body = false;
  deletion.content_type.reset();
  deletion.token = "forged";
  for (const BrowserRequest& r :
       {no_token, other_user, cross_site, form, deletion}) {
    const absl::Status s = guard.Check(r);
    EXPECT_EQ(s.code(), absl::StatusCode::kPermissionDenied) << s;
    EXPECT_EQ(ReasonOf(s), "CROSS_SITE_REQUEST") << s;
  }
}

TEST(CsrfGuardTest, ProcessesWithOneKeyFileAcceptEachOthersTokens) {
  testing::TempDir dir;
  const std::string path = dir.Sub("csrf.key");
  std::ofstream(path) << std::string(32, 'k');
  absl::StatusOr<CsrfGuard> a = CsrfGuard::WithKeyFile(path);
  absl::StatusOr<CsrfGuard> b = CsrfGuard::WithKeyFile(path);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->TokenFor("insp-1"), b->TokenFor("insp-1"));
  EXPECT_NE(a->TokenFor("insp-1"),
            CsrfGuard::WithRandomKey().TokenFor("insp-1"));
  EXPECT_TRUE(b->Check(Post(*a, "insp-1")).ok());
}

TEST(CsrfGuardTest, AShortOrMissingKeyFileIsRefused) {
  testing::TempDir dir;
  const std::string path = dir.Sub("short.key");
  std::ofstream(path) << "too short";
  EXPECT_EQ(CsrfGuard::WithKeyFile(path).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(CsrfGuard::WithKeyFile(dir.Sub("none")).status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace yjinspect::workbench
