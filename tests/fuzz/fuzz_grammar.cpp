// libFuzzer entry point: jixiao::fuzz::load_grammar (tests/fuzz/harnesses.h).
#include "harnesses.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  jixiao::fuzz::load_grammar(data, size);
  return 0;
}
