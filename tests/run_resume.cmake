# A run of the Bolton spec stopped before each of its steps and resumed ends
# as an uninterrupted run does (cli/inspection_run.h, before_step). Included
# from tests/CMakeLists.txt.

yj_test(run_resume_test integration
  integration/run_resume_test.cc)
target_link_libraries(run_resume_test PRIVATE yjinspect_cli_lib)
target_compile_definitions(run_resume_test PRIVATE
  YJ_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
