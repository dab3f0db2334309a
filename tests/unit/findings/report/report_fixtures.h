#pragma once

// Inputs for the report renderer's tests: the real built-in frameworks, and
// synthetic answers shaped like the published Bolton SQS letter
// (reference/bolton-sqs-2014.md: 20 cases, fieldwork 15-17 December 2014,
// published 21 January 2015) and like a ratings inspection.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/string_view.h"
#include "common/frameworks/framework_registry.h"
#include "services/findings/report/report_renderer.h"
#include "yjinspect/v1/framework.pb.h"
#include "yjinspect/v1/inspection.pb.h"
#include "yjinspect/v1/report.pb.h"
#include "yjinspect/v1/verdicts.pb.h"

namespace yjinspect::findings::testing {

// How many records give each answer value to a criterion: {{"yes", 10},
// {"no", 6}, {"na", 4}}. Values are handed out in order, record 0 first;
// records past the sum leave the criterion unanswered.
using AnswerMix = std::vector<std::pair<std::string, int64_t>>;

// `count` records named "<prefix>-<i>" of one evidence source and disposal,
// answering each criterion by its mix.
std::vector<v1::CaseAnswers> Records(
    absl::string_view prefix, int64_t count, v1::EvidenceSource source,
    v1::DisposalType disposal,
    const std::vector<std::pair<std::string, AnswerMix>>& mixes);

// Everything a report is rendered from, owned, with ReportSubject() pointing
// into it.
struct ReportCase {
  v1::Framework framework;
  v1::Inspection inspection;
  v1::InspectionVerdicts verdicts;
  v1::ReportInputs inputs;
  int64_t cases_examined = 0;
  int64_t staff_interviewed = 0;
  std::vector<std::string> decision_order;
  bool management_board_edition = false;

  ReportSubject Subject() const;
};

// The built-in framework with this id and version 1; fails the test when
// the registry does not load or lacks it.
v1::Framework BuiltInFramework(absl::string_view id);

// The Bolton letter's inspection and inputs, as published: addressee,
// sender, dates, reoffending 36.0% (previous year 38.2%, England and Wales
// 35.7%), looked-after children 5.0% against an English average of 5.6%,
// lead inspector, copy list.
v1::Inspection BoltonInspection(absl::string_view framework_id);
v1::ReportInputs BoltonInputs();

// The Bolton-shaped SQS case: sqs-2014, 20 cases (assessment 20/20, review
// 19/20, violence 10 yes / 6 no / 4 n/a, risk of serious harm level 17
// right / 3 under-estimated, learning disability 9/20, vulnerabilities
// 12/20 with its proposed area for improvement rejected, ...), 6 case
// manager interviews.
ReportCase BoltonSqs();

// A ratings case: hmip-youth-2021, 18 court and 18 out-of-court cases
// (every case standard: desistance 14/18, safety 16/18, others 12/15 with 3
// n/a: rated Good), the five counted panel standards and resettlement rated
// Good by the panel: overall Good, 24/36.
ReportCase RatingsInspection();

}  // namespace yjinspect::findings::testing
