#pragma once

// `yjinspect check-store`: the offline check of a stopped service's store
// (common/storage/store_check.h), on the machine that holds it.

#include "cli/subcommand.h"

namespace yjinspect::cli {

void AddStoreCheckCommand(Subcommands commands);

}  // namespace yjinspect::cli
