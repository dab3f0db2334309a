# The case stream and the findings service through real gRPC: intake's
# StreamSampledCases on its own, the findings service following it, and
# restarts of either side. Included from tests/CMakeLists.txt.

yj_test(stream_findings_test integration
  integration/stream_test.cc
  integration/victim_cases_test.cc
  integration/victims_findings_test.cc
  integration/stream_backpressure_test.cc
  integration/findings_test.cc
  integration/findings_lifecycle_test.cc
  integration/findings_bad_input_test.cc
  integration/findings_report_test.cc
  integration/restart_test.cc
  testing/change_stream_reader.cc)
# victim_cases_test reads both services' logs.
target_link_libraries(stream_findings_test PRIVATE
  yjinspect_observability_testing)
