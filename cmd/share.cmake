# Writes what `jixiao completion SHELL` and `jixiao man` print into SHARE,
# laid out as the install tree is (share/bash-completion/completions/jixiao,
# …), for cmd/CMakeLists.txt to install. Run with -DPROGRAM=… -DSHARE=….
function(write_output relative)
  get_filename_component(folder ${SHARE}/${relative} DIRECTORY)
  file(MAKE_DIRECTORY ${folder})
  execute_process(COMMAND ${PROGRAM} ${ARGN} OUTPUT_FILE ${SHARE}/${relative}.tmp
                  RESULT_VARIABLE status)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${PROGRAM} ${ARGN}: exit status ${status}")
  endif()
  file(RENAME ${SHARE}/${relative}.tmp ${SHARE}/${relative})
endfunction()

write_output(bash-completion/completions/jixiao completion bash)
write_output(zsh/site-functions/_jixiao completion zsh)
write_output(fish/vendor_completions.d/jixiao.fish completion fish)
write_output(man/man1/jixiao.1 man)
