#pragma once

// What intake's own change log (ColumnFamily::kChanges) keeps of a change.
//
// A stored case's content already lives in its record (kCases or
// kVictimCases), and a change for the findings service also goes to the
// feed (kFeed) whole. So the log entry of a change not for findings keeps
// only the record's name and etag, which say which content it was, instead
// of a second copy of the whole record. Changes for findings are kept whole
// in both, from one serialisation.

#include "yjinspect/v1/change.pb.h"

namespace yjinspect::intake {

// `change` as the log keeps it: a stored case or victim's case not for
// findings reduced to its name and etag; any other change unchanged.
v1::Change LogEntryOf(v1::Change change);

}  // namespace yjinspect::intake
