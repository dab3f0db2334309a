# The Bolton SQS inspection end to end (examples/bolton-sqs-2014.run.textproto
# through both services) and the fictional Eastmoor 2025 inspection
# (examples/eastmoor-2025/), and the ratings rules against published ratings
# (tests/data/; the 2025 programme's reports). Included from
# tests/CMakeLists.txt.

yj_test(bolton_test integration
  integration/bolton_test.cc
  integration/eastmoor_2025_test.cc
  integration/recommendations_test.cc
  integration/action_plan_test.cc)
target_link_libraries(bolton_test PRIVATE yjinspect_cli_lib)
target_compile_definitions(bolton_test PRIVATE
  YJ_SOURCE_DIR="${PROJECT_SOURCE_DIR}")

yj_test(published_ratings_test unit
  unit/findings/verdicts/published_ratings_test.cc
  unit/findings/verdicts/published_rows_test.cc
  unit/findings/verdicts/published_rows_2025_test.cc
  unit/findings/verdicts/published_standards.cc)
target_link_libraries(published_ratings_test PRIVATE findings_verdicts
  yjinspect_frameworks yjinspect_cli_lib)
target_compile_definitions(published_ratings_test PRIVATE
  YJ_RATINGS_CSV="${CMAKE_CURRENT_SOURCE_DIR}/data/hmi-youth-inspection-ratings-2022-2023.csv")

# Several runs for different YOTs at once against the same services.
yj_test(concurrent_runs_test integration
  integration/concurrent_runs_test.cc)
target_link_libraries(concurrent_runs_test PRIVATE yjinspect_cli_lib)
target_compile_definitions(concurrent_runs_test PRIVATE
  YJ_SOURCE_DIR="${PROJECT_SOURCE_DIR}")

# A run spec naming its caseload, judgements and figures as files.
yj_test(run_spec_files_test integration
  integration/run_spec_files_test.cc)
target_link_libraries(run_spec_files_test PRIVATE yjinspect_cli_lib)
target_compile_definitions(run_spec_files_test PRIVATE
  YJ_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
