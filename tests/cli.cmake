# The yjinspect binary as users and scripts meet it: parsing, exit codes,
# --version, --json answers and errors, the settings file, and the record
# and judgement commands and the judgement sheet against real services. Included from
# tests/CMakeLists.txt.

yj_test(cli_command_line_test integration
  integration/cli/command_line_test.cc
  integration/cli/judgement_commands_test.cc
  integration/cli/judgement_sheet_commands_test.cc)
add_dependencies(cli_command_line_test yjinspect)
# The CSV reader and writer, to read and fill the judgement sheet.
target_link_libraries(cli_command_line_test PRIVATE
  nlohmann_json::nlohmann_json yjinspect_cli_lib)
target_compile_definitions(cli_command_line_test PRIVATE
  YJINSPECT_CLI="$<TARGET_FILE:yjinspect>"
  YJ_VERSION="${PROJECT_VERSION}")

