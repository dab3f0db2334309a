# The Python example client (examples/python/, label `python`) against real
# intake_server and findings_server processes on 127.0.0.1:0 with temp
# stores, plaintext and over mutual TLS: it submits a synthetic caseload,
# draws a sample, records judgements and reads the verdicts, twice.
# Python is Debian's (YJ_PYTHON, proto/CMakeLists.txt) with python3-grpcio
# and python3-protobuf. Included from tests/CMakeLists.txt.

foreach(mode insecure tls)
  add_test(NAME python.example_${mode}
    COMMAND ${YJ_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/python/run_example.py
      ${mode} $<TARGET_FILE:intake_server> $<TARGET_FILE:findings_server>
      ${YJ_API_DESCRIPTOR_SET} ${PROJECT_SOURCE_DIR}/deploy/service-config.json
      ${PROJECT_SOURCE_DIR})
  set_tests_properties(python.example_${mode} PROPERTIES
    LABELS python TIMEOUT 300)
endforeach()
