#pragma once

// The sample-pool rules of a framework (see framework_validation.h for the
// list): either a `sampling` block or declared pools; each pool well formed,
// with its own sampling rules; no disposal type in two pools of children's
// cases; one pool of victims' cases at most; and each section's pools
// defined, of one kind of record, named only where they mean something.
// Internal to common/frameworks.

#include <map>
#include <string>

#include "absl/strings/string_view.h"
#include "common/frameworks/located_problems.h"
#include "common/frameworks/numeric_rules.h"
#include "yjinspect/v1/framework.pb.h"

namespace yjinspect::common::frameworks_internal {

class PoolRules {
 public:
  // `root` locates `framework`; problems go to `problems`; both must
  // outlive this object.
  PoolRules(const v1::Framework& framework, const Node& root,
            Problems& problems)
      : f_(framework), root_(root), problems_(problems) {}

  // The framework's pools, or its `sampling` block. Call before
  // CheckSectionPools.
  void CheckPools(NumericRules& numbers);
  // `section`'s pools (Section.pools), located at `node`; `what` names the
  // section in messages.
  void CheckSectionPools(const v1::Section& section, const Node& node,
                         absl::string_view what);

 private:
  const v1::Framework& f_;
  const Node& root_;
  Problems& problems_;
  // Pool id -> its records, for the pools that are well formed.
  std::map<std::string, v1::PoolRecords> records_;
};

}  // namespace yjinspect::common::frameworks_internal
