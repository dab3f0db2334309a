# Moderation (second marking, inter-rater agreement, resolved
# disagreements): the pure units, and both services over real gRPC.
yj_test(moderation_units_test unit
  unit/findings/moderation/double_marking_test.cc
  unit/findings/moderation/agreement_summary_test.cc
  unit/intake/second_marker_assignment_test.cc
  unit/cli/agreement_text_test.cc)
target_link_libraries(moderation_units_test PRIVATE yjinspect_cli_lib)
yj_test(moderation_service_test integration
  integration/moderation_test.cc)
