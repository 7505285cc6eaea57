# Compress one file as Debian policy asks of man pages and changelogs: gzip -9n (best
# compression, no name or timestamp in the header, so the output is reproducible).
# cmake -DGZIP=... -DINPUT=... -DOUTPUT=... -P gzip.cmake
execute_process(COMMAND ${GZIP} -9n -c ${INPUT} OUTPUT_FILE ${OUTPUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(REMOVE ${OUTPUT})
  message(FATAL_ERROR "${GZIP} -9n ${INPUT} failed: ${rc}")
endif()
