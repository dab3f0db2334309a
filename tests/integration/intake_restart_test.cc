// Durability across a restart: every case the service acknowledged is there,
// unchanged, after the server stops and starts again on the same store, and
// the change log carries on from where it was.

#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/intake_harness.h"

namespace yjinspect {
namespace {

using ::google::protobuf::util::MessageDifferencer;
using testing::IntakeHarness;
using testing::ValidCreateCaseRequest;

// Every case of every YOT, a page at a time.
std::vector<v1::Case> ListAll(IntakeHarness& harness, int page_size) {
  std::vector<v1::Case> cases;
  v1::ListCasesRequest list;
  list.set_parent("yots/-");
  list.set_page_size(page_size);
  for (int pages = 0; pages < 1000; ++pages) {
    v1::ListCasesResponse page;
    grpc::Status status =
        harness.stub().ListCases(IntakeHarness::Context().get(), list, &page);
    EXPECT_TRUE(status.ok()) << status.error_message();
    if (!status.ok()) break;
    EXPECT_LE(page.cases_size(), page_size);
    cases.insert(cases.end(), page.cases().begin(), page.cases().end());
    if (page.next_page_token().empty()) break;
    list.set_page_token(page.next_page_token());
  }
  return cases;
}

std::vector<v1::Change> AllChanges(IntakeHarness& harness, uint64_t after) {
  auto changes = harness.server().store().ReadChanges(after, 100000);
  EXPECT_TRUE(changes.ok()) << changes.status();
  return changes.ok() ? *changes : std::vector<v1::Change>();
}

TEST(IntakeRestartTest, AcknowledgedCasesSurviveARestart) {
  IntakeHarness harness;  // sync on: acknowledged means durable
  constexpr int kThreads = 8;
  constexpr int kCases = 200;
  absl::Mutex mu;
  std::map<std::string, v1::Case> acknowledged;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = t; i < kCases; i += kThreads) {
        auto request =
            ValidCreateCaseRequest(i % 3 == 0 ? "southvale" : "northmoor",
                                   absl::StrFormat("R-%03d", i));
        v1::Case created;
        grpc::Status status = harness.stub().CreateCase(
            IntakeHarness::Context().get(), request, &created);
        if (status.ok()) {
          absl::MutexLock lock(&mu);
          acknowledged.emplace(created.name(), created);
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  ASSERT_EQ(acknowledged.size(), static_cast<size_t>(kCases));

  harness.Restart();

  for (const auto& [name, created] : acknowledged) {
    v1::GetCaseRequest get;
    get.set_name(name);
    v1::Case fetched;
    grpc::Status status =
        harness.stub().GetCase(IntakeHarness::Context().get(), get, &fetched);
    ASSERT_TRUE(status.ok()) << name << ": " << status.error_message();
    EXPECT_TRUE(MessageDifferencer::Equals(fetched, created)) << name;
  }
  std::vector<std::string> listed;
  for (const v1::Case& c : ListAll(harness, 37)) listed.push_back(c.name());
  std::vector<std::string> expected;
  for (const auto& entry : acknowledged) expected.push_back(entry.first);
  EXPECT_THAT(listed, ::testing::UnorderedElementsAreArray(expected));

  // The log holds one entry per stored case, numbered 1..N.
  std::vector<v1::Change> changes = AllChanges(harness, 0);
  ASSERT_EQ(changes.size(), static_cast<size_t>(kCases));
  std::set<std::string> logged;
  for (size_t i = 0; i < changes.size(); ++i) {
    EXPECT_EQ(changes[i].sequence(), i + 1);
    logged.insert(changes[i].case_stored().name());
  }
  EXPECT_EQ(logged, std::set<std::string>(expected.begin(), expected.end()));
  EXPECT_EQ(harness.server().store().HeadSequence(),
            static_cast<uint64_t>(kCases));

  v1::Case after_restart;
  ASSERT_TRUE(harness.stub()
                  .CreateCase(IntakeHarness::Context().get(),
                              ValidCreateCaseRequest("northmoor", "R-NEW"),
                              &after_restart)
                  .ok());
  std::vector<v1::Change> next = AllChanges(harness, kCases);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].sequence(), static_cast<uint64_t>(kCases + 1));
  EXPECT_EQ(next[0].case_stored().name(), "yots/northmoor/cases/R-NEW");
}

TEST(IntakeRestartTest, BatchLoadedCasesSurviveARestart) {
  IntakeHarness harness;
  constexpr int kChunks = 3;
  constexpr int kPerChunk = 20;
  std::map<std::string, v1::Case> sent;
  {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() +
                         std::chrono::seconds(30));
    v1::BatchCreateCasesResponse response;
    auto writer = harness.stub().BatchCreateCases(&context, &response);
    for (int chunk = 0; chunk < kChunks; ++chunk) {
      v1::BatchCreateCasesRequest request;
      for (int i = 0; i < kPerChunk; ++i) {
        auto one = ValidCreateCaseRequest(
            "northmoor", absl::StrFormat("B-%d-%02d", chunk, i));
        // Stored with the child's pseudonym in place of the reference.
        v1::Case expected = one.case_();
        expected.mutable_child()->set_reference(
            harness.PseudonymOf("northmoor", expected.child().reference()));
        sent.emplace(absl::StrCat("yots/northmoor/cases/", one.case_id()),
                     expected);
        *request.add_requests() = std::move(one);
      }
      ASSERT_TRUE(writer->Write(request));
    }
    ASSERT_TRUE(writer->WritesDone());
    grpc::Status status = writer->Finish();
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(response.created_count(), kChunks * kPerChunk);
    EXPECT_EQ(response.failed_count(), 0);
  }

  harness.Restart();

  std::vector<v1::Case> listed = ListAll(harness, 25);
  ASSERT_EQ(listed.size(), sent.size());
  for (v1::Case stored : listed) {
    auto it = sent.find(stored.name());
    ASSERT_NE(it, sent.end()) << stored.name();
    // Apart from the output-only fields, what is stored is what was sent.
    stored.clear_name();
    stored.clear_create_time();
    stored.clear_update_time();
    stored.clear_etag();
    EXPECT_TRUE(MessageDifferencer::Equals(stored, it->second)) << it->first;
  }
  EXPECT_EQ(harness.server().store().HeadSequence(),
            static_cast<uint64_t>(kChunks * kPerChunk));
  EXPECT_EQ(AllChanges(harness, 0).size(),
            static_cast<size_t>(kChunks * kPerChunk));
}

}  // namespace
}  // namespace yjinspect
