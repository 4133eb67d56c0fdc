# downstream_test(<name> SOURCES ... [DATABASE] [LIBS ...])
# One ctest entry per Boost.Test case, named <binary>:<suite>/<case>; a DATABASE
# test binary gets one entry per backend (sqlite, postgresql).
set(_DS_BTD_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/BoostTestDiscoverScript.cmake)
function(downstream_test name)
  cmake_parse_arguments(T "DATABASE" "" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE Boost::unit_test_framework downstream_testing ${T_LIBS})
  target_compile_definitions(${name} PRIVATE BOOST_TEST_DYN_LINK)
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests/bin)
  set(ctest_file "${CMAKE_CURRENT_BINARY_DIR}/${name}_tests.cmake")
  set(include_file "${CMAKE_CURRENT_BINARY_DIR}/${name}_include.cmake")
  set(db 0)
  if(T_DATABASE)
    set(db 1)
  endif()
  add_custom_command(TARGET ${name} POST_BUILD BYPRODUCTS "${ctest_file}"
    COMMAND "${CMAKE_COMMAND}" -D "TEST_TARGET=${name}" -D "TEST_EXECUTABLE=$<TARGET_FILE:${name}>"
            -D "TEST_WORKING_DIR=${CMAKE_CURRENT_BINARY_DIR}" -D "CTEST_FILE=${ctest_file}"
            -D "TEST_DATABASE=${db}" -D "TEST_LABELS=${T_LABELS}" -P "${_DS_BTD_SCRIPT}"
    VERBATIM)
  file(WRITE "${include_file}" "if(EXISTS \"${ctest_file}\")\n include(\"${ctest_file}\")\nelse()\n"
                               " add_test(${name}_NOT_BUILT ${name}_NOT_BUILT)\nendif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${include_file}")
endfunction()
