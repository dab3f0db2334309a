// cli/answer_output.h: how a command ends once a service has answered. The
// List calls go to a scripted stub in this process: pages are enough, no
// server is needed.

#include "cli/answer_output.h"

#include <iostream>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cli/inspection_output.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/captured_stream.h"
#include "yjinspect/v1/intake_service.grpc.pb.h"

namespace yjinspect::cli {
namespace {

using testing::CapturedStream;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

v1::Inspection Named(const std::string& name) {
  v1::Inspection inspection;
  inspection.set_name(name);
  return inspection;
}

TEST(PrintAnswerTest, PrintsTheAnswerAndExitsOk) {
  CapturedStream out(std::cout);
  absl::StatusOr<v1::Inspection> answer = Named("inspections/nm-2014");
  EXPECT_EQ(PrintAnswer(answer,
                        [](const v1::Inspection& inspection) {
                          std::cout << inspection.name() << "\n";
                        }),
            kExitOk);
  EXPECT_EQ(out.Text(), "inspections/nm-2014\n");
}

TEST(PrintAnswerAsJsonOrTest, PrintsAJsonLineOnlyWithJson) {
  const absl::StatusOr<v1::Inspection> answer = Named("inspections/nm-2014");
  auto print_text = [](const v1::Inspection& inspection) {
    std::cout << "text " << inspection.name() << "\n";
  };
  CapturedStream text(std::cout);
  EXPECT_EQ(PrintAnswerAsJsonOr(answer, /*json=*/false, print_text), kExitOk);
  EXPECT_EQ(text.Text(), "text inspections/nm-2014\n");
  CapturedStream json(std::cout);
  EXPECT_EQ(PrintAnswerAsJsonOr(answer, /*json=*/true, print_text), kExitOk);
  EXPECT_EQ(json.Text(), "{\"name\":\"inspections/nm-2014\"}\n");
}

TEST(PrintAnswerTest, ReportsAFailureWithItsExitCodeAndPrintsNothing) {
  CapturedStream out(std::cout);
  CapturedStream err(std::cerr);
  absl::StatusOr<v1::Inspection> refused =
      absl::NotFoundError("inspections/nm-2014 not found");
  EXPECT_EQ(
      PrintAnswer(refused,
                  [](const v1::Inspection&) { std::cout << "printed\n"; }),
      kExitRefused);
  absl::StatusOr<v1::Inspection> down = absl::UnavailableError("no intake");
  EXPECT_EQ(PrintAnswer(
                down, [](const v1::Inspection&) { std::cout << "printed\n"; }),
            kExitUnavailable);
  EXPECT_EQ(out.Text(), "");
  EXPECT_THAT(err.Text(), HasSubstr("inspections/nm-2014 not found"));
  EXPECT_THAT(err.Text(), HasSubstr("no intake"));
}

TEST(PrintInspectionAnswerTest, PrintsTheInspectionOrReportsTheFailure) {
  CapturedStream out(std::cout);
  CapturedStream err(std::cerr);
  EXPECT_EQ(PrintInspection(
                absl::StatusOr<v1::Inspection>(Named("inspections/nm-2014")),
                /*json=*/true),
            kExitOk);
  EXPECT_EQ(out.Text(), "{\"name\":\"inspections/nm-2014\"}\n");
  EXPECT_EQ(
      PrintInspection(absl::StatusOr<v1::Inspection>(
                          absl::FailedPreconditionError("verdicts agreed")),
                      /*json=*/false),
      kExitRefused);
  EXPECT_THAT(err.Text(), HasSubstr("verdicts agreed"));
}

// A CaseIntake stub whose ListInspections answers the pages scripted for
// each page token, and fails for a token without a page.
class ScriptedPages {
 public:
  explicit ScriptedPages(std::shared_ptr<grpc::Channel> channel)
      : channel_(std::move(channel)) {}

  grpc::Status ListInspections(grpc::ClientContext*,
                               const v1::ListInspectionsRequest& request,
                               v1::ListInspectionsResponse* page) {
    tokens().push_back(request.page_token());
    if (request.page_token() == "2") {
      *page->add_inspections() = Named("inspections/c");
      return grpc::Status::OK;
    }
    if (!request.page_token().empty()) {
      return grpc::Status(grpc::StatusCode::UNAVAILABLE, "intake went away");
    }
    *page->add_inspections() = Named("inspections/a");
    *page->add_inspections() = Named("inspections/b");
    page->set_next_page_token(second_page());
    return grpc::Status::OK;
  }

  // The page token each call carried.
  static std::vector<std::string>& tokens() {
    static auto* seen = new std::vector<std::string>();
    return *seen;
  }
  // What the first page points on to: "2" has a page, any other fails.
  static std::string& second_page() {
    static auto* token = new std::string("2");
    return *token;
  }

 private:
  // Held as a real stub holds it; never used, as no call leaves the process.
  std::shared_ptr<grpc::Channel> channel_;
};

class PrintEveryItemTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ScriptedPages::tokens().clear();
    ScriptedPages::second_page() = "2";
  }

  // Lists through ScriptedPages; its output goes to out_ and err_.
  int List(bool json) {
    CapturedStream out(std::cout);
    CapturedStream err(std::cerr);
    const int code = PrintEveryItem(
        "127.0.0.1:0", &ScriptedPages::ListInspections,
        v1::ListInspectionsRequest(), &v1::ListInspectionsResponse::inspections,
        json, [](const v1::Inspection& inspection) {
          std::cout << "text " << inspection.name() << "\n";
        });
    out_ = out.Text();
    err_ = err.Text();
    return code;
  }

  std::string out_;
  std::string err_;
};

TEST_F(PrintEveryItemTest, PrintsEveryItemOfEveryPageAsText) {
  EXPECT_EQ(List(/*json=*/false), kExitOk);
  EXPECT_EQ(out_,
            "text inspections/a\ntext inspections/b\ntext inspections/c\n");
  EXPECT_THAT(ScriptedPages::tokens(), ElementsAre("", "2"));
}

TEST_F(PrintEveryItemTest, PrintsEachItemAsAJsonLineWithJson) {
  EXPECT_EQ(List(/*json=*/true), kExitOk);
  EXPECT_EQ(out_,
            "{\"name\":\"inspections/a\"}\n{\"name\":\"inspections/b\"}\n"
            "{\"name\":\"inspections/c\"}\n");
}

TEST_F(PrintEveryItemTest, AFailedPageEndsTheListAfterWhatWasPrinted) {
  ScriptedPages::second_page() = "3";
  EXPECT_EQ(List(/*json=*/false), kExitUnavailable);
  EXPECT_EQ(out_, "text inspections/a\ntext inspections/b\n");
  EXPECT_THAT(err_, HasSubstr("intake went away"));
}

}  // namespace
}  // namespace yjinspect::cli
