// libFuzzer entry point: jixiao::fuzz::convert_document (tests/fuzz/harnesses.h).
#include "harnesses.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  jixiao::fuzz::convert_document(data, size);
  return 0;
}
