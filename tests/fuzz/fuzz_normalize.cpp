// libFuzzer entry point: jixiao::fuzz::normalize_line (tests/fuzz/harnesses.h).
#include "harnesses.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  jixiao::fuzz::normalize_line(data, size);
  return 0;
}
