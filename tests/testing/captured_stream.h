#pragma once

// What code under test prints to std::cout or std::cerr, captured while
// alive (the stream's buffer is swapped for a string buffer, and restored
// when destroyed). Only C++ stream output: gRPC's own log lines still go to
// the process's stderr.

#include <ostream>
#include <sstream>
#include <string>

namespace yjinspect::testing {

class CapturedStream {
 public:
  explicit CapturedStream(std::ostream& stream)
      : stream_(stream), previous_(stream.rdbuf(captured_.rdbuf())) {}
  ~CapturedStream() { stream_.rdbuf(previous_); }
  CapturedStream(const CapturedStream&) = delete;
  CapturedStream& operator=(const CapturedStream&) = delete;

  // Everything printed so far.
  std::string Text() const { return captured_.str(); }

 private:
  std::ostream& stream_;
  std::ostringstream captured_;
  std::streambuf* previous_;
};

}  // namespace yjinspect::testing
