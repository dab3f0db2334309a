# The report renderer (services/findings/report): wording of dates and
# figures, finding sentences, templates, writers and whole reports rendered
# from the built-in frameworks.
yj_test(report_test unit
  unit/findings/report/finding_sentences_test.cc
  unit/findings/report/markdown_html_writers_test.cc
  unit/findings/report/recommendation_blocks_test.cc
  unit/findings/report/rated_standards_test.cc
  unit/findings/report/rendered_report_test.cc
  unit/findings/report/report_fixtures.cc
  unit/findings/report/report_renderer_test.cc
  unit/findings/report/report_template_test.cc
  unit/findings/report/report_wording_test.cc)
target_link_libraries(report_test PRIVATE findings_report yjinspect_frameworks
  findings_verdicts)
