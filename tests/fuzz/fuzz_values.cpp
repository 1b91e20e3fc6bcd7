// libFuzzer entry point: jixiao::fuzz::parse_value (tests/fuzz/harnesses.h).
#include "harnesses.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  jixiao::fuzz::parse_value(data, size);
  return 0;
}
