// A damaged store (issue: faults as tests, part 2): a write-ahead log cut
// short or deleted after a crash, a table block corrupted, a table file or
// CURRENT deleted. The real intake_server must refuse to start with
// DATA_LOSS naming what is damaged and the way out, serve no wrong data,
// never drop acknowledged cases silently, and leave the folder as it found
// it; `yjinspect check-store` must find the same offline.

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/faults/fault_services.h"
#include "tests/testing/case_builder.h"
#include "tests/testing/temp_dir.h"
#include "tests/testing/unary_call.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::faults {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

constexpr int kExitDamaged = 5;
constexpr char kActor[] = "OPS-FAULTS";
constexpr int kCases = 40;

// The files of `folder` whose names end with `suffix`, largest first.
std::vector<fs::path> FilesEndingWith(const std::string& folder,
                                      const std::string& suffix) {
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (name.size() >= suffix.size() &&
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end(),
            [](const fs::path& a, const fs::path& b) {
              return fs::file_size(a) > fs::file_size(b);
            });
  return files;
}

// Each file of `folder` with its size, to show a refusal changed nothing.
std::map<std::string, uintmax_t> Listing(const std::string& folder) {
  std::map<std::string, uintmax_t> listing;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    // RocksDB's info log is written by every open, read-only ones too.
    if (name.rfind("LOG", 0) == 0) continue;
    listing[name] = entry.file_size();
  }
  return listing;
}

class DamagedStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto intake = IntakeProcess(store(), folder_.Sub("intake.log"));
    ASSERT_TRUE(intake.ok()) << intake.status();
    intake_ = *std::move(intake);
    ASSERT_TRUE(intake_->Start().ok());
    auto stub = v1::CaseIntake::NewStub(Dial(intake_->address()));
    for (int i = 0; i < kCases; ++i) {
      auto created =
          testing::CallAs(kActor, *stub, &v1::CaseIntake::Stub::CreateCase,
                          testing::ValidCreateCaseRequest(
                              "northmoor", absl::StrCat("NM-", 1000 + i)));
      ASSERT_TRUE(created.ok()) << created.status();
    }
  }

  std::string store() const { return folder_.Sub("intake"); }

  // A crash: every acknowledged case is in the write-ahead log only.
  void Crash() { intake_->Kill(); }
  // A clean stop: the memtables are flushed into table files.
  void StopCleanly() { ASSERT_EQ(intake_->Stop(), 0); }

  // Starts intake_server on the store and expects it to refuse, saying
  // DATA_LOSS, `names` and the way out, and to change no file.
  void ExpectRefusedToStart(const std::string& names,
                            const std::vector<std::string>& extra = {}) {
    const auto before = Listing(store());
    auto port = crash::PickFreePort();
    ASSERT_TRUE(port.ok());
    std::vector<std::string> args =
        IntakeArguments(absl::StrCat("127.0.0.1:", *port), store());
    args.insert(args.end(), extra.begin(), extra.end());
    testing::CommandResult run =
        RunToExit(BuiltBinaries().intake, args, absl::Seconds(60));
    EXPECT_EQ(run.exit_code, kExitDataLoss) << run.err;
    EXPECT_THAT(run.err, HasSubstr("cannot start: DATA_LOSS: the intake "
                                   "store at " +
                                   store() + " is damaged"));
    EXPECT_THAT(run.err, HasSubstr(names));
    EXPECT_THAT(run.err, HasSubstr("docs/backups.md"));
    EXPECT_EQ(Listing(store()), before) << "a refusal changed the store";
  }

  // `yjinspect check-store` on the stopped store.
  testing::CommandResult CheckStore() {
    return testing::RunCommand(
        {BuiltBinaries().cli, "check-store", "--data-dir=" + store()});
  }

  static constexpr int kExitDataLoss = 65;
  testing::TempDir folder_;
  std::unique_ptr<crash::ServiceProcess> intake_;
};

TEST_F(DamagedStoreTest, AStoreInUseIsNotChecked) {
  testing::CommandResult checked = CheckStore();
  EXPECT_EQ(checked.exit_code, 3) << checked.out << checked.err;
  EXPECT_THAT(checked.err, HasSubstr("is in use by a running service"));
}

TEST_F(DamagedStoreTest, AnUndamagedStoreChecksAndStartsWithEveryCase) {
  Crash();
  testing::CommandResult checked = CheckStore();
  EXPECT_EQ(checked.exit_code, 0) << checked.out << checked.err;
  EXPECT_THAT(checked.out, HasSubstr("ok: recovers writes up to RocksDB "
                                     "sequence"));
  EXPECT_THAT(checked.out, HasSubstr("ok: audit trail intact"));
  ASSERT_TRUE(intake_->Start().ok());
  auto stub = v1::CaseIntake::NewStub(Dial(intake_->address()));
  v1::GetCaseRequest request;
  request.set_name(absl::StrCat("yots/northmoor/cases/NM-", 1000 + kCases - 1));
  EXPECT_TRUE(
      testing::CallAs(kActor, *stub, &v1::CaseIntake::Stub::GetCase, request)
          .ok());
}

TEST_F(DamagedStoreTest, AWriteAheadLogCutShortIsRefused) {
  Crash();
  const std::vector<fs::path> logs = FilesEndingWith(store(), ".log");
  ASSERT_FALSE(logs.empty());
  // Cut the log to half: the later half of the acknowledged cases is gone.
  fs::resize_file(logs[0], fs::file_size(logs[0]) / 2);
  ExpectRefusedToStart(logs[0].filename().string());
  testing::CommandResult checked = CheckStore();
  EXPECT_EQ(checked.exit_code, kExitDamaged) << checked.out << checked.err;
  EXPECT_THAT(checked.out, HasSubstr("were acknowledged"));
  EXPECT_THAT(checked.out, HasSubstr("Do not start a service on this folder"));
}

TEST_F(DamagedStoreTest, ADeletedWriteAheadLogIsRefused) {
  Crash();
  for (const fs::path& log : FilesEndingWith(store(), ".log")) {
    fs::remove(log);
  }
  ExpectRefusedToStart("no write-ahead log");
}

TEST_F(DamagedStoreTest, ACorruptedTableBlockIsRefused) {
  StopCleanly();
  const std::vector<fs::path> tables = FilesEndingWith(store(), ".sst");
  ASSERT_FALSE(tables.empty());
  for (const fs::path& table : tables) {
    // A few bytes inside the first data block of each table (data blocks
    // come first in a table file), so that every read meets one.
    std::fstream file(table, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(64);
    file.write("\xde\xad\xbe\xef", 4);
  }
  ExpectRefusedToStart(".sst");
  testing::CommandResult checked = CheckStore();
  EXPECT_EQ(checked.exit_code, kExitDamaged) << checked.out << checked.err;
  EXPECT_THAT(checked.out, HasSubstr("checksum mismatch"));

  // Told not to check at start, the server starts, and a read of the
  // damaged block fails DATA_LOSS rather than answering with wrong data.
  auto unchecked = IntakeProcess(store(), folder_.Sub("unchecked.log"),
                                 {"--verify_store_on_start=false"});
  ASSERT_TRUE(unchecked.ok());
  ASSERT_TRUE((*unchecked)->Start().ok());
  auto stub = v1::CaseIntake::NewStub(Dial((*unchecked)->address()));
  v1::ListCasesRequest request;
  request.set_parent("yots/northmoor");
  request.set_page_size(1000);
  auto listed =
      testing::CallAs(kActor, *stub, &v1::CaseIntake::Stub::ListCases, request);
  ASSERT_FALSE(listed.ok());
  EXPECT_EQ(listed.status().code(), absl::StatusCode::kDataLoss)
      << listed.status();
}

TEST_F(DamagedStoreTest, ADeletedTableFileIsRefused) {
  StopCleanly();
  const std::vector<fs::path> tables = FilesEndingWith(store(), ".sst");
  ASSERT_FALSE(tables.empty());
  fs::remove(tables[0]);
  // RocksDB names the file by its number (it looks for the old .ldb name
  // too).
  ExpectRefusedToStart(tables[0].stem().string());
  testing::CommandResult checked = CheckStore();
  EXPECT_EQ(checked.exit_code, kExitDamaged) << checked.out << checked.err;
}

TEST_F(DamagedStoreTest, ADeletedCurrentFileIsRefusedNotTakenForANewStore) {
  StopCleanly();
  fs::remove(store() + "/CURRENT");
  ExpectRefusedToStart("no CURRENT file");
  testing::CommandResult checked = CheckStore();
  EXPECT_EQ(checked.exit_code, kExitDamaged) << checked.out << checked.err;
}

}  // namespace
}  // namespace yjinspect::faults
