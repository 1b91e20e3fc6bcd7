// jixiao: converts Chinese budget performance target tables to data.
// Signals and the command line; the commands are in app.cpp, the work in lib/.
#include <csignal>

#include "app.h"
#include "messages/messages.h"
#include "output.h"
#include "usage.h"

int main(int argc, char** argv) {
  // A closed pipe (`jixiao … | head -1`) ends the program quietly, as it
  // does for cat or grep.
  std::signal(SIGPIPE, SIG_DFL);
  // … and an interrupted run leaves no temporary file behind.
  jixiao::cli::install_cleanup_handlers();
  // The language of messages and help, known before the commands are made
  // (their help is written in it) and parsed (their errors are said in it).
  jixiao::messages::set_language(
      jixiao::messages::language_from_environment(jixiao::cli::lang_argument(argc, argv)));
  jixiao::cli::Program program;
  return program.run(argc, argv);
}
