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
#include "services/findings/report/rendered_report.h"
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

// Everything a report is rendered from, as the verdict desk gathers it for
// RenderReport (the framework is the built-in registry's, loaded once per
// test process), and the edition the renderer is asked for.
struct ReportCase : ReportMaterial {
  bool management_board_edition = false;

  // Points into this case, which must outlive it.
  ReportSubject Subject() const;
};

// The built-in framework with this id, at `version` or else its newest;
// fails the test (and answers an empty framework) when the registry does not
// load or lacks it.
const v1::Framework& BuiltInFramework(absl::string_view id,
                                      absl::string_view version = "");

// The Bolton letter's inspection and inputs, as published, judged by the
// built-in framework `framework_id`: addressee, sender, dates, reoffending
// 36.0% (previous year 38.2%, England and Wales 35.7%), looked-after
// children 5.0% against an English average of 5.6%, lead inspector, copy
// list; `cases_examined` cases, no interviews, no verdicts yet.
ReportCase BoltonCase(absl::string_view framework_id, int64_t cases_examined,
                      absl::string_view framework_version = "");

// The Bolton-shaped SQS case: sqs-2014, 20 cases (assessment 20/20, review
// 19/20, violence 10 yes / 6 no / 4 n/a, risk of serious harm level 17
// right / 3 under-estimated, learning disability 9/20, vulnerabilities
// 12/20 with its proposed area for improvement rejected, ...), 6 case
// manager interviews.
ReportCase BoltonSqs();

// A ratings case: hmip-youth-2021 version 1, 18 court and 18 out-of-court
// cases
// (every case standard: desistance 14/18, safety 16/18, others 12/15 with 3
// n/a: rated Good), the five counted panel standards and resettlement rated
// Good by the panel: overall Good, 24/36.
ReportCase RatingsInspection();

}  // namespace yjinspect::findings::testing
