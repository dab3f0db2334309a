#pragma once

// An inspection's inter-rater agreement (Findings.GetAgreement) as the
// inspectors read it: the low-agreement criteria first, each figure with the
// counts it comes from, and "undefined" with the reason where a statistic
// has no value. For the inspectors' quality assurance; never published.

#include <string>

#include "yjinspect/v1/moderation.pb.h"

namespace yjinspect::cli {

// "4/6 = 66.7%" for an observed agreement, "0.250 (= 3/12)" for kappa or
// AC1, "undefined: {reason}" when it has no value.
std::string FormatStatistic(const v1::AgreementStatistic& statistic,
                            bool as_percent);

// The whole summary, as lines of text.
std::string FormatAgreement(const v1::AgreementSummary& summary);

}  // namespace yjinspect::cli
