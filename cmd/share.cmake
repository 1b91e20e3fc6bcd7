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

# (English whatever the build machine's locale; the man page in Chinese too,
# where man looks for it under a Chinese locale.)
write_output(bash-completion/completions/jixiao --lang en completion bash)
write_output(zsh/site-functions/_jixiao --lang en completion zsh)
write_output(fish/vendor_completions.d/jixiao.fish --lang en completion fish)
write_output(man/man1/jixiao.1 --lang en man)
write_output(man/zh_CN/man1/jixiao.1 --lang zh man)
