#pragma once

// A small framework for the judgement sheet's unit tests: two sections
// judged from case files (one for court disposals only), two scales, and a
// staff-interview section that has no place on a case's row.

#include "google/protobuf/text_format.h"
#include "yjinspect/v1/framework.pb.h"

namespace yjinspect::testing {

inline v1::Framework SheetFramework() {
  v1::Framework framework;
  google::protobuf::TextFormat::ParseFromString(
      R"pb(
        id: "sheet-test"
        version: "1"
        title: "Sheet test"
        scales {
          id: "yes_no_na"
          values { id: "yes" label: "Yes" meaning: ANSWER_MEANING_POSITIVE }
          values { id: "no" label: "No" meaning: ANSWER_MEANING_NEGATIVE }
          values {
            id: "na"
            label: "Not applicable"
            meaning: ANSWER_MEANING_NOT_APPLICABLE
          }
        }
        scales {
          id: "risk_level"
          values { id: "right" label: "Right" meaning: ANSWER_MEANING_POSITIVE }
          values {
            id: "under_estimated"
            label: "Under-estimated"
            meaning: ANSWER_MEANING_NEGATIVE
          }
        }
        sections {
          id: "1"
          title: "Assessment"
          evidence: EVIDENCE_SOURCE_CASES
          scope: CASE_SCOPE_ALL_CASES
          criteria {
            id: "1.1"
            wording: "Was the assessment, once done, \"shared\"?"
            scale: "yes_no_na"
            not_applicable_when: "no assessment, as\nagreed"
          }
          criteria { id: "1.2" wording: "Was risk right?" scale: "risk_level" }
        }
        sections {
          id: "om"
          title: "Operational management"
          evidence: EVIDENCE_SOURCE_STAFF_INTERVIEWS
          criteria { id: "om.1" wording: "Supervised?" scale: "yes_no_na" }
        }
        sections {
          id: "2"
          title: "Court work"
          evidence: EVIDENCE_SOURCE_CASES
          scope: CASE_SCOPE_COURT_DISPOSALS
          criteria { id: "2.1" wording: "Report on time?" scale: "yes_no_na" }
        }
      )pb",
      &framework);
  return framework;
}

}  // namespace yjinspect::testing
