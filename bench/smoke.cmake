# ctest bench_smoke: a tiny run of each benchmark of yjbench but the million
# cases (the stalled subscribers' one with intake_server as INTAKE), then
# its report. Checks that each printed its JSON line and that the report
# reads them; asserts no timing.
file(MAKE_DIRECTORY ${OUT})
set(lines "")
foreach(run
    "unary;--clients=2;--rounds=1;--seconds=0.2;--warmup=0.05"
    "fdatasync;--seconds=0.2;--warmup=0.05"
    "batch;--clients=1;--rounds=1;--chunk=10;--seconds=0.2;--warmup=0.05"
    "stream;--clients=2;--yots=2;--cases_per_yot=20"
    "stalled;--clients=1;--subscribers=20;--seconds=0.2;--warmup=0.05;--intake_binary=${INTAKE}"
    "verdicts;--runs=1")
  execute_process(COMMAND ${YJBENCH} ${run}
    OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "yjbench ${run} failed (${rc}): ${err}")
  endif()
  string(APPEND lines "${out}")
endforeach()
foreach(bench echo create_case rocksdb_sync fdatasync batch_create_cases
    rocksdb_sync_batch stream rocksdb_unsynced_batches rocksdb_readseq
    stalled_subscribers national_verdicts)
  if(NOT lines MATCHES "\"bench\":\"${bench}\"")
    message(FATAL_ERROR "no ${bench} line in:\n${lines}")
  endif()
endforeach()
if(NOT lines MATCHES "\"producer_per_s\":[0-9]")
  message(FATAL_ERROR "no producer_per_s figure in:\n${lines}")
endif()
if(NOT lines MATCHES "\"cases_per_sync\":[0-9]")
  message(FATAL_ERROR "no cases_per_sync figure in:\n${lines}")
endif()
file(WRITE ${OUT}/results.jsonl "${lines}")
execute_process(COMMAND ${YJBENCH} report --results=${OUT}/results.jsonl
  OUTPUT_VARIABLE report RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT report MATCHES "Durable CreateCase")
  message(FATAL_ERROR "report failed (${rc}):\n${report}")
endif()
