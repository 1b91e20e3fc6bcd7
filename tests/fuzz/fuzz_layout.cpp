// libFuzzer entry point: jixiao::fuzz::rebuild_pages (tests/fuzz/harnesses.h).
#include "harnesses.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  jixiao::fuzz::rebuild_pages(data, size);
  return 0;
}
