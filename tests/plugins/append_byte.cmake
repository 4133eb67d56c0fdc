# cmake -D FILE=<path> -P append_byte.cmake: appends one byte to FILE, as a
# careless (or malicious) edit of a library after it was signed would.
if(NOT FILE)
  message(FATAL_ERROR "append_byte.cmake: pass -D FILE=<path>")
endif()
file(APPEND "${FILE}" "x")
