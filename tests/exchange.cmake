# The YJB exchange (docs/yjb-exchange.md): caseload, victims' cases and
# context-figure files in, results out. Included from tests/CMakeLists.txt.

yj_test(exchange_format_test unit
  unit/cli/exchange/csv_reader_test.cc
  unit/cli/exchange/csv_writer_test.cc
  unit/cli/exchange/spreadsheet_text_test.cc
  unit/cli/exchange/whole_file_test.cc
  unit/cli/exchange/caseload_format_test.cc
  unit/cli/exchange/victim_case_format_test.cc
  unit/cli/exchange/context_figures_test.cc)
target_link_libraries(exchange_format_test PRIVATE yjinspect_cli_lib)
target_compile_definitions(exchange_format_test PRIVATE
  YJ_EXCHANGE_DATA="${CMAKE_CURRENT_SOURCE_DIR}/data/exchange")

yj_test(exchange_test integration
  integration/exchange_test.cc
  integration/exchange_victims_test.cc)
target_link_libraries(exchange_test PRIVATE yjinspect_cli_lib)
target_compile_definitions(exchange_test PRIVATE
  YJ_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
  YJ_EXCHANGE_DATA="${CMAKE_CURRENT_SOURCE_DIR}/data/exchange")
