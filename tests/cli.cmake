# The yjinspect binary as users and scripts meet it: parsing, exit codes,
# --version, and --json answers and errors. Included from
# tests/CMakeLists.txt.

yj_test(cli_command_line_test integration
  integration/cli/command_line_test.cc)
add_dependencies(cli_command_line_test yjinspect)
target_link_libraries(cli_command_line_test PRIVATE
  nlohmann_json::nlohmann_json)
target_compile_definitions(cli_command_line_test PRIVATE
  YJINSPECT_CLI="$<TARGET_FILE:yjinspect>"
  YJ_VERSION="${PROJECT_VERSION}")

yj_test(cli_judgement_commands_test integration
  integration/cli/judgement_commands_test.cc
  testing/sampled_caseload.cc)
add_dependencies(cli_judgement_commands_test yjinspect)
target_link_libraries(cli_judgement_commands_test PRIVATE
  nlohmann_json::nlohmann_json)
target_compile_definitions(cli_judgement_commands_test PRIVATE
  YJINSPECT_CLI="$<TARGET_FILE:yjinspect>")
