# Metrics and logs: the JSON log lines and request ids, both services'
# /metrics scraped over HTTP, and the Bolton run's logs searched for the
# fixture's free text. Included from tests/CMakeLists.txt.

add_library(yjinspect_observability_testing STATIC
  testing/captured_log.cc
  testing/metrics_scrape.cc)
target_link_libraries(yjinspect_observability_testing PUBLIC yjinspect_logging
  yjinspect_metrics
  absl::synchronization GTest::gtest)
yjinspect_warnings(yjinspect_observability_testing)

yj_test(logging_test unit
  unit/common/telemetry/logging_test.cc)
target_link_libraries(logging_test PRIVATE yjinspect_observability_testing)

yj_test(metrics_test integration
  integration/metrics_test.cc
  integration/request_id_test.cc)
target_link_libraries(metrics_test PRIVATE yjinspect_observability_testing)

yj_test(log_privacy_test integration
  integration/log_privacy_test.cc)
target_link_libraries(log_privacy_test PRIVATE yjinspect_observability_testing
  yjinspect_cli_lib)
target_compile_definitions(log_privacy_test PRIVATE
  YJ_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
