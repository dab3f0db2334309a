# The verdict engine and count phrases (services/findings/verdicts).
yj_test(verdicts_test unit
  unit/findings/verdicts/agreement_test.cc
  unit/findings/verdicts/bad_input_test.cc
  unit/findings/verdicts/count_phrases_test.cc
  unit/findings/verdicts/rating_rules_test.cc
  unit/findings/verdicts/verdict_engine_test.cc
  unit/findings/verdicts/verdict_fixtures.cc)
target_link_libraries(verdicts_test PRIVATE findings_verdicts)
