#pragma once

// Every reason a refusal carries in its google.rpc.ErrorInfo (domain
// "yjinspect"), in one place: a client acts on these strings, so they are
// part of the API and never change once released; a new refusal either
// reuses a reason that means the same thing or adds one here and in
// docs/errors.md. The message beside a reason is for a person; the reason
// is for a program.

#include "absl/strings/string_view.h"

namespace yjinspect::common {

// ABORTED: the request's etag is stale or missing for a stored record, or
// names a record that is not (or no longer) stored.
inline constexpr absl::string_view kEtagMismatch = "ETAG_MISMATCH";
// ABORTED: a backup or verification of the same server is running.
inline constexpr absl::string_view kBackupInProgress = "BACKUP_IN_PROGRESS";
// ABORTED: the store gave up a write; nothing was stored.
inline constexpr absl::string_view kStorageAborted = "STORAGE_ABORTED";

// RESOURCE_EXHAUSTED: the disk holding the store is full; nothing was
// stored. Writes resume by themselves once there is room.
inline constexpr absl::string_view kStoreDiskFull = "STORE_DISK_FULL";
// RESOURCE_EXHAUSTED: the server is serving as many calls of this kind as
// it takes at once (a bulk upload); nothing was read or stored.
inline constexpr absl::string_view kTooManyCalls = "TOO_MANY_CALLS";
// RESOURCE_EXHAUSTED or UNAVAILABLE: the call's audit record could not be
// written, so nothing was read or answered (every read of a case is
// recorded before it is answered).
inline constexpr absl::string_view kAuditNotRecorded = "AUDIT_NOT_RECORDED";

// ALREADY_EXISTS: the case (or victim's case) reference is stored with
// different content.
inline constexpr absl::string_view kCaseExistsWithOtherContent =
    "CASE_EXISTS_WITH_OTHER_CONTENT";
// ALREADY_EXISTS: the inspection id is taken by different content.
inline constexpr absl::string_view kInspectionExistsWithOtherContent =
    "INSPECTION_EXISTS_WITH_OTHER_CONTENT";
// ALREADY_EXISTS: the request_id was used for a different request.
inline constexpr absl::string_view kRequestIdReused = "REQUEST_ID_REUSED";

// FAILED_PRECONDITION: the inspection's state does not allow the step.
inline constexpr absl::string_view kWrongState = "WRONG_STATE";
// FAILED_PRECONDITION: fieldwork has fixed the sample; only ResetSample
// frees it.
inline constexpr absl::string_view kSampleFixed = "SAMPLE_FIXED";
// FAILED_PRECONDITION: the inspection has a sample that only ResetSample
// may take away.
inline constexpr absl::string_view kSampleExists = "SAMPLE_EXISTS";
// FAILED_PRECONDITION: the inspection has no sample yet.
inline constexpr absl::string_view kNoSample = "NO_SAMPLE";
// FAILED_PRECONDITION: the sample was drawn again since the caller saw it.
inline constexpr absl::string_view kSampleRevisionChanged =
    "SAMPLE_REVISION_CHANGED";
// FAILED_PRECONDITION: the case is not in the inspection's current sample.
inline constexpr absl::string_view kNotInSample = "NOT_IN_SAMPLE";
// FAILED_PRECONDITION: the YOT has no stored case yet.
inline constexpr absl::string_view kNoCaseload = "NO_CASELOAD";
// FAILED_PRECONDITION: no stored case of the YOT is eligible for a sample.
inline constexpr absl::string_view kNoEligibleCases = "NO_ELIGIBLE_CASES";
// FAILED_PRECONDITION: the findings service does not hold the case (not
// yet received from intake, or erased).
inline constexpr absl::string_view kCaseNotReceived = "CASE_NOT_RECEIVED";
// FAILED_PRECONDITION: the child's case a victim's case relates to is not
// stored at intake.
inline constexpr absl::string_view kRelatedCaseNotStored =
    "RELATED_CASE_NOT_STORED";
// FAILED_PRECONDITION: the case this request_id created has been erased.
inline constexpr absl::string_view kCaseErased = "CASE_ERASED";
// FAILED_PRECONDITION: the inspection is pinned to a framework version
// this service does not know.
inline constexpr absl::string_view kFrameworkUnknown = "FRAMEWORK_UNKNOWN";
// FAILED_PRECONDITION: the inspection's framework rates no standards, so
// its report (an SQS letter) carries no recommendations.
inline constexpr absl::string_view kFrameworkWithoutRecommendations =
    "FRAMEWORK_WITHOUT_RECOMMENDATIONS";
// FAILED_PRECONDITION: the report needs report inputs that are not set.
inline constexpr absl::string_view kReportInputsMissing =
    "REPORT_INPUTS_MISSING";
// FAILED_PRECONDITION: sampled cases have no judgements yet.
inline constexpr absl::string_view kCasesNotJudged = "CASES_NOT_JUDGED";
// FAILED_PRECONDITION: criteria whose counts the report states are not
// answered in every judged case.
inline constexpr absl::string_view kCriteriaUnanswered = "CRITERIA_UNANSWERED";
// FAILED_PRECONDITION: the server was started without a backup folder.
inline constexpr absl::string_view kBackupsNotConfigured =
    "BACKUPS_NOT_CONFIGURED";
// FAILED_PRECONDITION: the backup folder holds another service's backups.
inline constexpr absl::string_view kBackupFolderOfOtherService =
    "BACKUP_FOLDER_OF_OTHER_SERVICE";
// FAILED_PRECONDITION: second markings are not submitted or disagreements
// between markers are open (moderation), so the verdicts cannot be agreed;
// or (ALREADY_EXISTS) a record already has a second marker.
inline constexpr absl::string_view kModerationOpen = "MODERATION_OPEN";
inline constexpr absl::string_view kSecondMarkerAssigned =
    "SECOND_MARKER_ASSIGNED";
// FAILED_PRECONDITION: the record is not given a second marker (or its
// marking holds nothing to submit); its second marking is submitted, and
// so fixed.
inline constexpr absl::string_view kNotSecondMarked = "NOT_SECOND_MARKED";
inline constexpr absl::string_view kSecondMarkingSubmitted =
    "SECOND_MARKING_SUBMITTED";
// FAILED_PRECONDITION: one inspector would mark the same record both first
// and second: the two markings must be independent.
inline constexpr absl::string_view kMarkersMustDiffer = "MARKERS_MUST_DIFFER";
// FAILED_PRECONDITION: the two markers' answers to the criterion do not
// differ (no such disagreement to resolve).
inline constexpr absl::string_view kNoDisagreement = "NO_DISAGREEMENT";

// PERMISSION_DENIED: the caller is the second marker of a record whose
// second marking is not submitted, and the call would show the first
// marker's answers (or the first marker asks for the second's).
inline constexpr absl::string_view kSecondMarkingBlind = "SECOND_MARKING_BLIND";
// PERMISSION_DENIED: the caller is not the record's assigned second marker,
// or sets a field only the findings service may set.
inline constexpr absl::string_view kNotTheSecondMarker =
    "NOT_THE_SECOND_MARKER";

// PERMISSION_DENIED: the access policy grants the caller's role no such
// call on this resource (the same whether or not the resource exists).
inline constexpr absl::string_view kAccessNotGranted = "ACCESS_NOT_GRANTED";
// PERMISSION_DENIED, by the workbench's JSON API: the request did not come
// through the authenticating reverse proxy (docs/workbench.md).
inline constexpr absl::string_view kNotFromProxy = "NOT_FROM_PROXY";
// PERMISSION_DENIED, by the workbench's JSON API: a state-changing request
// from a browser without the page's token or from another site
// (cross-site request forgery).
inline constexpr absl::string_view kCrossSiteRequest = "CROSS_SITE_REQUEST";

// Any of the four codes: a refusal that reached the RPC edge without a
// reason of its own (common/rpc/grpc_status.h adds it). Act on the code.
inline constexpr absl::string_view kUnclassified = "UNCLASSIFIED";

// The `type` of a google.rpc.PreconditionFailure violation: which kind of
// precondition failed. Its `subject` is the resource it failed on.
inline constexpr absl::string_view kStateViolation = "STATE";
inline constexpr absl::string_view kSampleViolation = "SAMPLE";
inline constexpr absl::string_view kCaseloadViolation = "CASELOAD";
inline constexpr absl::string_view kIntakeFeedViolation = "INTAKE_FEED";
inline constexpr absl::string_view kRequestIdViolation = "REQUEST_ID";
inline constexpr absl::string_view kFrameworkViolation = "FRAMEWORK";
inline constexpr absl::string_view kJudgementsViolation = "JUDGEMENTS";
inline constexpr absl::string_view kReportInputsViolation = "REPORT_INPUTS";
inline constexpr absl::string_view kBackupFolderViolation = "BACKUP_FOLDER";
inline constexpr absl::string_view kModerationViolation = "MODERATION";

}  // namespace yjinspect::common
