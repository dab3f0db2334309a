// Erasure down to the disk: a case erased at intake leaves no byte of its
// content in either service's data folder (WAL, tables, anything), while
// the cases kept are still found by the same search.

#include <string>

#include "gtest/gtest.h"
#include "tests/integration/findings_fixture.h"
#include "tests/testing/disk_search.h"
#include "tests/testing/wait_until.h"

namespace yjinspect {
namespace {

using testing::FilesContaining;

// The distinctive values one case carries, each somewhere else on disk: the
// child reference (as its pseudonym), an offence description, a
// free-text authority, an inspector's evidence note.
struct Marked {
  std::string case_name;
  std::string raw_reference;
  std::string offence;
  std::string authority;
  std::string note;
  std::string pseudonym;  // as intake stored it
};

class ErasureTest : public FindingsTest {
 protected:
  Marked Mark(const std::string& case_name, const std::string& tag) {
    Marked m{case_name,
             "QZREF-" + tag,
             "QZOFFENCE " + tag + " description of the index offence",
             "QZAUTH " + tag + " Borough Council",
             "QZNOTE " + tag + " evidence the inspector wrote down",
             ""};
    v1::GetCaseRequest get;
    get.set_name(case_name);
    auto current =
        testing::Call(intake_.stub(), &v1::CaseIntake::Stub::GetCase, get);
    EXPECT_TRUE(current.ok()) << current.status();
    v1::UpdateCaseRequest update;
    *update.mutable_case_() = *current;
    v1::Case& c = *update.mutable_case_();
    c.mutable_child()->set_reference(m.raw_reference);
    c.mutable_offences(0)->set_description(m.offence);
    c.mutable_child()->set_looked_after_status(
        v1::LOOKED_AFTER_STATUS_LOOKED_AFTER);
    c.mutable_child()->set_home_authority(m.authority);
    c.mutable_child()->set_host_authority(m.authority);
    auto updated = testing::Call(intake_.stub(),
                                 &v1::CaseIntake::Stub::UpdateCase, update);
    EXPECT_TRUE(updated.ok()) << updated.status();
    if (updated.ok()) m.pseudonym = updated->child().reference();
    return m;
  }

  void Judge(const Marked& m) {
    EXPECT_TRUE(CaughtUp());
    v1::RecordJudgementsRequest request = ValidRecording(m.case_name);
    request.mutable_judgements(1)->set_evidence_note(m.note);
    auto first = Record(request);
    ASSERT_TRUE(first.ok()) << first.status();
    // A second revision: the history holds the note twice.
    request.set_etag(first->etag());
    request.mutable_judgements(1)->set_evidence_note(m.note + " (revised)");
    auto second = Record(request);
    ASSERT_TRUE(second.ok()) << second.status();
  }

  // Every value of `m` that must be stored (or must not), in both folders.
  static std::vector<std::string> Values(const Marked& m) {
    return {m.pseudonym, m.offence, m.authority, m.note};
  }
  std::vector<std::string> Hits(const std::string& value) {
    auto hits = FilesContaining(intake_.data_dir(), value);
    auto more = FilesContaining(findings_.data_dir(), value);
    hits.insert(hits.end(), more.begin(), more.end());
    return hits;
  }
};

TEST_F(ErasureTest, ErasedCaseLeavesNoByteInEitherDataFolder) {
  const Marked erased = Mark(caseload_.sampled[0], "ERASED-7Q3X");
  const Marked kept = Mark(caseload_.sampled[1], "KEPT-8R4Y");
  ASSERT_FALSE(erased.pseudonym.empty());
  Judge(erased);
  Judge(kept);

  ASSERT_TRUE(DeleteAtIntake(erased.case_name).ok());
  ASSERT_TRUE(CaughtUp());
  // Both services purge after the erasure: wait for each to have done so.
  ASSERT_TRUE(
      intake_.server().purger().WaitForPurgedForTest(absl::Seconds(30)));
  ASSERT_TRUE(testing::WaitUntil(
      [this] { return findings_.server().purger().completed() >= 1; },
      absl::Seconds(30)));
  ASSERT_TRUE(
      findings_.server().purger().WaitForPurgedForTest(absl::Seconds(30)));
  // The erased case is gone from what the services answer...
  EXPECT_EQ(GetFindings(erased.case_name).status().code(),
            absl::StatusCode::kNotFound);
  findings_.Stop();
  intake_.Stop();

  // ...and from every file, byte for byte (tables are not compressed, see
  // common/storage/rocksdb_erasure.h, so the search would see them).
  for (const std::string& value : Values(erased)) {
    auto hits = Hits(value);
    EXPECT_TRUE(hits.empty()) << value << " is still in " << hits[0];
  }
  EXPECT_TRUE(Hits(erased.raw_reference).empty());
  // The same search finds the case that was kept, so it can fail.
  for (const std::string& value : Values(kept)) {
    EXPECT_FALSE(Hits(value).empty()) << value;
  }
  EXPECT_TRUE(Hits(kept.raw_reference).empty());  // never stored at all
}

TEST_F(ErasureTest, ErasedCaseIsNotDeliveredAgainAndTheTrailSaysSo) {
  const Marked erased = Mark(caseload_.sampled[0], "ERASED-5K2M");
  Judge(erased);
  ASSERT_TRUE(DeleteAtIntake(erased.case_name).ok());
  ASSERT_TRUE(CaughtUp());
  // A findings service starting from nothing replays the whole feed: the
  // erased case's content is in none of its entries.
  testing::FindingsHarness fresh(intake_.address(), /*sync=*/false);
  ASSERT_TRUE(fresh.server().feed().WaitForCursor(
      intake_.server().store().HeadSequence(), kCatchUpTimeout));
  auto cases = fresh.server().store().AllCasesForTest();
  ASSERT_TRUE(cases.ok());
  for (const v1::Case& c : *cases) EXPECT_NE(c.name(), erased.case_name);
  EXPECT_FALSE(cases->empty());
  // The findings trail holds the erasure, by name only.
  auto trail = findings_.server().store().ReadAuditEntries(0, 1000);
  ASSERT_TRUE(trail.ok());
  bool found = false;
  for (const auto& entry : *trail) {
    v1::AuditRecord record;
    ASSERT_TRUE(record.ParseFromString(entry.bytes));
    if (record.action() == v1::AUDIT_ACTION_APPLY_ERASURE) {
      found = true;
      EXPECT_EQ(record.resource(), erased.case_name);
      EXPECT_EQ(record.caller(), "intake-stream");
    }
    EXPECT_EQ(entry.bytes.find("QZ"), std::string::npos);
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace yjinspect
