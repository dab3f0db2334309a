# yj_embed_files(<out_var> HEADER <include path> NAMESPACE <ns>
#                FUNCTION <accessor> GLOBS <pattern>...)
#
# Compiles the repository's data files matching GLOBS (relative to the
# project root) into a generated source, named in <out_var> for the caller's
# add_library. HEADER declares FUNCTION in NAMESPACE (see
# common/embedded_file.h). The files are sorted by path; CONFIGURE_DEPENDS
# re-runs the glob at build time, so an added or removed file is picked up
# without a manual reconfigure, and the source is regenerated whenever a
# file or the script changes.
function(yj_embed_files out_var)
  cmake_parse_arguments(EMBED "" "HEADER;NAMESPACE;FUNCTION" "GLOBS" ${ARGN})
  set(patterns)
  foreach(glob ${EMBED_GLOBS})
    list(APPEND patterns ${PROJECT_SOURCE_DIR}/${glob})
  endforeach()
  file(GLOB files CONFIGURE_DEPENDS RELATIVE ${PROJECT_SOURCE_DIR} ${patterns})
  list(SORT files)
  set(paths)
  foreach(f ${files})
    list(APPEND paths ${PROJECT_SOURCE_DIR}/${f})
  endforeach()
  # add_custom_command would split a ';' list: the script takes '|'.
  string(REPLACE ";" "|" files_arg "${files}")
  get_filename_component(header_name ${EMBED_HEADER} NAME_WE)
  set(output ${CMAKE_CURRENT_BINARY_DIR}/${header_name}.cc)
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND}
      -DOUTPUT=${output}
      -DROOT=${PROJECT_SOURCE_DIR}
      -DFILES=${files_arg}
      -DHEADER=${EMBED_HEADER}
      -DNAMESPACE=${EMBED_NAMESPACE}
      -DFUNCTION=${EMBED_FUNCTION}
      -P ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
    DEPENDS ${paths} ${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake
    COMMENT "Embedding ${EMBED_GLOBS}"
    VERBATIM)
  set(${out_var} ${output} PARENT_SCOPE)
endfunction()
