# Generate a shell completion script with the built binary: cmake -DBIN=... -DSHELL=bash|zsh
# -DOUTPUT=... -P completion.cmake. The script comes from the option table and the built-in rules.
execute_process(COMMAND ${BIN} --completion ${SHELL} OUTPUT_FILE ${OUTPUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(REMOVE ${OUTPUT})
  message(FATAL_ERROR "${BIN} --completion ${SHELL} failed: ${rc}")
endif()
