// Pseudonymisation at intake through real gRPC: the YOT's own child
// references never reach the store's files, and the same child keeps one
// pseudonym.

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/intake/intake_server.h"
#include "services/intake/privacy/reference_pseudonyms.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/disk_search.h"
#include "tests/testing/intake_harness.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/unary_call.h"

namespace yjinspect {
namespace {

using testing::Call;
using testing::FilesContaining;

// Distinctive made-up references, so a hit can only be the reference.
std::string RawReference(int i) {
  return absl::StrCat("QZRAWCHILD-", 7000 + i);
}

v1::CreateCaseRequest CaseOf(const std::string& yot, const std::string& id,
                             const std::string& reference) {
  v1::CreateCaseRequest request = testing::ValidCreateCaseRequest(yot, id);
  request.mutable_case_()->mutable_child()->set_reference(reference);
  return request;
}

TEST(PseudonymisationTest, StoredCaseCarriesThePseudonymNotTheReference) {
  testing::IntakeHarness intake;
  auto created = Call(intake.stub(), &v1::CaseIntake::Stub::CreateCase,
                      CaseOf("northmoor", "NM-0001", RawReference(1)));
  ASSERT_TRUE(created.ok()) << created.status();
  const std::string& pseudonym = created->child().reference();
  EXPECT_TRUE(intake::ReferencePseudonyms::IsPseudonym(pseudonym)) << pseudonym;
  v1::GetCaseRequest get;
  get.set_name(created->name());
  auto read = Call(intake.stub(), &v1::CaseIntake::Stub::GetCase, get);
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->child().reference(), pseudonym);
}

TEST(PseudonymisationTest,
     SameChildKeepsItsPseudonymAndResubmissionIsIdempotent) {
  testing::IntakeHarness intake;
  auto first = Call(intake.stub(), &v1::CaseIntake::Stub::CreateCase,
                    CaseOf("northmoor", "NM-0001", RawReference(1)));
  // The same child's second case, and the first case sent again.
  auto second = Call(intake.stub(), &v1::CaseIntake::Stub::CreateCase,
                     CaseOf("northmoor", "NM-0002", RawReference(1)));
  auto again = Call(intake.stub(), &v1::CaseIntake::Stub::CreateCase,
                    CaseOf("northmoor", "NM-0001", RawReference(1)));
  auto elsewhere = Call(intake.stub(), &v1::CaseIntake::Stub::CreateCase,
                        CaseOf("southmoor", "SM-0001", RawReference(1)));
  ASSERT_TRUE(first.ok() && second.ok() && again.ok() && elsewhere.ok());
  EXPECT_EQ(first->child().reference(), second->child().reference());
  EXPECT_EQ(again->etag(), first->etag());
  EXPECT_NE(elsewhere->child().reference(), first->child().reference());
  // Across a restart (the key is read again) the child is still the same.
  intake.Restart();
  auto later = Call(intake.stub(), &v1::CaseIntake::Stub::CreateCase,
                    CaseOf("northmoor", "NM-0003", RawReference(1)));
  ASSERT_TRUE(later.ok()) << later.status();
  EXPECT_EQ(later->child().reference(), first->child().reference());
}

TEST(PseudonymisationTest, NoReferenceOfACaseloadIsAnywhereInTheDataFolder) {
  testing::IntakeHarness intake;
  constexpr int kCases = 12;
  std::vector<std::string> pseudonyms;
  // One by one, in a batch, and a correction: every way a reference enters.
  for (int i = 0; i < kCases / 2; ++i) {
    auto created =
        Call(intake.stub(), &v1::CaseIntake::Stub::CreateCase,
             CaseOf("northmoor", absl::StrCat("NM-", i), RawReference(i)));
    ASSERT_TRUE(created.ok()) << created.status();
    pseudonyms.push_back(created->child().reference());
  }
  {
    grpc::ClientContext context;
    v1::BatchCreateCasesResponse response;
    auto writer = intake.stub().BatchCreateCases(&context, &response);
    v1::BatchCreateCasesRequest chunk;
    for (int i = kCases / 2; i < kCases; ++i) {
      *chunk.add_requests() =
          CaseOf("northmoor", absl::StrCat("NM-", i), RawReference(i));
    }
    ASSERT_TRUE(writer->Write(chunk));
    ASSERT_TRUE(writer->WritesDone());
    ASSERT_TRUE(writer->Finish().ok());
    ASSERT_EQ(response.created_count(), kCases / 2);
  }
  v1::GetCaseRequest get;
  get.set_name("yots/northmoor/cases/NM-0");
  auto current = Call(intake.stub(), &v1::CaseIntake::Stub::GetCase, get);
  ASSERT_TRUE(current.ok());
  v1::UpdateCaseRequest update;
  *update.mutable_case_() = *current;
  update.mutable_case_()->mutable_child()->set_reference(RawReference(kCases));
  auto updated = Call(intake.stub(), &v1::CaseIntake::Stub::UpdateCase, update);
  ASSERT_TRUE(updated.ok()) << updated.status();
  // NM-0 now holds its new pseudonym; the old one was in no other record
  // (the change log keeps a name and an etag, not the content).
  pseudonyms[0] = updated->child().reference();

  intake.Stop();  // closes the store: everything it wrote is in the files
  for (int i = 0; i <= kCases; ++i) {
    EXPECT_TRUE(FilesContaining(intake.data_dir(), RawReference(i)).empty())
        << RawReference(i) << " is stored in "
        << FilesContaining(intake.data_dir(), RawReference(i))[0];
  }
  // The search does find what is stored: the cases' pseudonyms are there.
  for (const std::string& pseudonym : pseudonyms) {
    EXPECT_FALSE(FilesContaining(intake.data_dir(), pseudonym).empty())
        << pseudonym;
  }
}

TEST(PseudonymisationTest, ServerRefusesToStartWithoutAKey) {
  testing::TempDir dir;
  intake::IntakeServerOptions options;
  options.listen = "127.0.0.1:0";
  options.data_dir = dir.Sub("intake");
  options.security.insecure = true;
  auto server = intake::IntakeServer::Start(options);
  EXPECT_EQ(server.status().code(), absl::StatusCode::kFailedPrecondition);
  options.pseudonym_key_file = dir.Sub("absent.key");
  EXPECT_EQ(intake::IntakeServer::Start(options).status().code(),
            absl::StatusCode::kNotFound);
}

}  // namespace
}  // namespace yjinspect
