#pragma once

// The command line's commands on a service's action plan: record one
// action (creating it, or changing it with the etag read first), list the
// actions, and render the management board's summary to files.

#include <ostream>
#include <string>

#include "absl/status/statusor.h"
#include "cli/subcommand.h"
#include "yjinspect/v1/findings_service.pb.h"

namespace yjinspect::cli {

// What a user asks to record.
struct ActionChoice {
  std::string inspection;
  // The recommendation's id ("board-1").
  std::string recommendation;
  std::string id;
  // A role, never a person's name.
  std::string owner;
  std::string description;
  // YYYY-MM-DD.
  std::string due;
  // planned, in-progress, done or dropped.
  std::string status;
  // With --status=dropped: why.
  std::string reason;
};

// The status a word names: "planned", "in-progress", "done", "dropped";
// INVALID_ARGUMENT listing them otherwise.
absl::StatusOr<v1::ActionStatus> ActionStatusNamed(const std::string& word);

// The request for `choice`, or INVALID_ARGUMENT saying what is malformed
// (the service checks the rest: lengths, the due date against
// publication).
absl::StatusOr<v1::RecordActionRequest> ActionRequestOf(
    const ActionChoice& choice);

// "[board-1/recruit] due 2026-09-30, in progress: Head of Service: text
// (revision 2, by lead-1)".
void PrintAction(const v1::Action& action, std::ostream& out);

// Adds record-action, list-actions and board-summary to `commands`.
void AddActionCommands(Subcommands commands);

}  // namespace yjinspect::cli
