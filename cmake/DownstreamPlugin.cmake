# downstream_add_plugin(<target>
#     MANIFEST <plugin.manifest.in>   name, version, kind, requires, provides, config keys
#     SOURCES <files...>
#     [MIGRATIONS <dir>]               numbered NNNN_name[.dialect].sql files, embedded in the library
#     [OUTPUT_DIR <dir>]               default: <build>/lib/downstream/plugins
#     [UNSIGNED]                       do not sign with the development key
#     [LIBS <libs...>])
#
# Builds lib<name>.so as a MODULE library with lib<name>.so.manifest beside it, and
# signs both with the build tree's development key (lib<name>.so.sig). The manifest
# template may use @DOWNSTREAM_PLUGIN_ABI@ and @DOWNSTREAM_BUILD_TAG@; the plugin's
# name, version and kind are read from it and handed to DOWNSTREAM_EXPORT_PLUGIN.
#
# The same function serves vendors through the installed SDK
# (find_package(DownstreamPluginAPI)); there, pass SIGN_KEY <private.pem> to sign
# with the vendor's own key (needs the `downstream` binary on PATH).
set(_DS_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/EmbedMigrations.cmake)
if(NOT DOWNSTREAM_SDK_TARGET)
  set(DOWNSTREAM_SDK_TARGET downstream_sdk)
endif()

function(_downstream_manifest_value manifest key out)
  file(STRINGS ${manifest} _line REGEX "^[ \t]*${key}[ \t]*=")
  list(LENGTH _line _n)
  if(NOT _n EQUAL 1)
    message(FATAL_ERROR "${manifest}: expected exactly one '${key} =' line")
  endif()
  string(REGEX REPLACE "^[ \t]*${key}[ \t]*=[ \t]*" "" _v "${_line}")
  string(STRIP "${_v}" _v)
  set(${out} "${_v}" PARENT_SCOPE)
endfunction()

function(downstream_add_plugin target)
  cmake_parse_arguments(P "UNSIGNED" "MANIFEST;MIGRATIONS;OUTPUT_DIR;SIGN_KEY" "SOURCES;LIBS" ${ARGN})
  set(_in_tree FALSE)
  if(TARGET downstream AND TARGET downstream_dev_key)
    set(_in_tree TRUE)
  endif()
  if(NOT P_OUTPUT_DIR)
    if(_in_tree)
      set(P_OUTPUT_DIR ${CMAKE_BINARY_DIR}/${DOWNSTREAM_PLUGIN_SUBDIR})
    else()
      set(P_OUTPUT_DIR ${CMAKE_CURRENT_BINARY_DIR})
    endif()
  endif()
  get_filename_component(_manifest_src ${P_MANIFEST} ABSOLUTE)
  _downstream_manifest_value(${_manifest_src} name _name)
  _downstream_manifest_value(${_manifest_src} version _version)
  _downstream_manifest_value(${_manifest_src} kind _kind)

  # Migrations are compiled into the library, so the signature covers them too.
  set(_gen ${CMAKE_CURRENT_BINARY_DIR}/${target}_migrations.cpp)
  set(_sql_files "")
  set(_dir "")
  if(P_MIGRATIONS)
    get_filename_component(_dir ${P_MIGRATIONS} ABSOLUTE)
    file(GLOB _sql_files CONFIGURE_DEPENDS ${_dir}/*.sql)
    list(SORT _sql_files)
  endif()
  add_custom_command(OUTPUT ${_gen}
    COMMAND ${CMAKE_COMMAND} -D "DIR=${_dir}" -D "OUT=${_gen}" -P ${_DS_EMBED_SCRIPT}
    DEPENDS ${_sql_files} ${_DS_EMBED_SCRIPT}
    COMMENT "Embedding migrations of ${_name}" VERBATIM)

  add_library(${target} MODULE ${P_SOURCES} ${_gen})
  target_link_libraries(${target} PRIVATE ${DOWNSTREAM_SDK_TARGET} ${P_LIBS})
  target_compile_definitions(${target} PRIVATE
    DOWNSTREAM_PLUGIN_NAME="${_name}" DOWNSTREAM_PLUGIN_VERSION="${_version}" DOWNSTREAM_PLUGIN_KIND="${_kind}")
  target_link_options(${target} PRIVATE LINKER:--no-undefined)
  # A changed manifest must relink (and so re-sign) the library: the signature covers both.
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS ${_manifest_src})
  # The same RUNPATH in build and install trees: installing must not change the signed bytes.
  set_target_properties(${target} PROPERTIES PREFIX "lib" OUTPUT_NAME ${_name}
    LIBRARY_OUTPUT_DIRECTORY ${P_OUTPUT_DIR}
    BUILD_WITH_INSTALL_RPATH ON INSTALL_RPATH "$ORIGIN/../..")
  if(COMMAND downstream_warnings)
    downstream_warnings(${target})
  endif()

  set(_lib ${P_OUTPUT_DIR}/lib${_name}.so)
  set(DOWNSTREAM_PLUGIN_FILE lib${_name}.so)
  configure_file(${_manifest_src} ${_lib}.manifest @ONLY)
  if(P_UNSIGNED)
  elseif(_in_tree)
    add_dependencies(${target} downstream_dev_key downstream)
    add_custom_command(TARGET ${target} POST_BUILD
      COMMAND $<TARGET_FILE:downstream> plugins sign --key ${DOWNSTREAM_DEV_KEY} --signer dev ${_lib}
      COMMENT "Signing ${_name} with the development key" VERBATIM)
  elseif(P_SIGN_KEY)
    find_program(DOWNSTREAM_EXECUTABLE downstream REQUIRED)
    add_custom_command(TARGET ${target} POST_BUILD
      COMMAND ${DOWNSTREAM_EXECUTABLE} plugins sign --key ${P_SIGN_KEY} ${_lib}
      COMMENT "Signing ${_name}" VERBATIM)
  endif()
  set_property(GLOBAL APPEND PROPERTY DOWNSTREAM_PLUGINS ${target})
  if(_in_tree AND P_OUTPUT_DIR STREQUAL ${CMAKE_BINARY_DIR}/${DOWNSTREAM_PLUGIN_SUBDIR})
    install(TARGETS ${target} LIBRARY DESTINATION ${DOWNSTREAM_PLUGIN_SUBDIR})
    install(FILES ${_lib}.manifest DESTINATION ${DOWNSTREAM_PLUGIN_SUBDIR})
    if(NOT P_UNSIGNED)
      install(FILES ${_lib}.sig DESTINATION ${DOWNSTREAM_PLUGIN_SUBDIR})
    endif()
  endif()
endfunction()
