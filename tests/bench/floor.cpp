// The floor of every conversion: read a file, normalize it to NFKC with ICU,
// write it out. Nothing jixiao does can take less than this, so benchmarks
// quote the converter's throughput as a share of this program's.
//
//   jixiao_floor INPUT OUTPUT
//
// The input is read in blocks of 1 MiB cut at the last newline (NFKC never
// combines across a line break) and each block goes through ICU's UTF-8
// normalizer straight into the output buffer: the fastest way ICU offers.
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include <cstdio>
#include <string>
#include <vector>

namespace {

constexpr std::size_t kBlock = 1 << 20;

bool normalize_file(std::FILE* in, std::FILE* out) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) return false;
  std::vector<char> buffer(kBlock);
  std::string carried, normalized;
  std::size_t got;
  while ((got = std::fread(buffer.data(), 1, buffer.size(), in)) > 0) {
    carried.append(buffer.data(), got);
    const std::size_t cut = carried.rfind('\n');
    if (cut == std::string::npos) continue;
    normalized.clear();
    icu::StringByteSink<std::string> sink(&normalized);
    nfkc->normalizeUTF8(0, icu::StringPiece(carried.data(), cut + 1), sink, nullptr, status);
    if (U_FAILURE(status)) return false;
    std::fwrite(normalized.data(), 1, normalized.size(), out);
    carried.erase(0, cut + 1);
  }
  normalized.clear();
  icu::StringByteSink<std::string> sink(&normalized);
  nfkc->normalizeUTF8(0, icu::StringPiece(carried.data(), carried.size()), sink, nullptr, status);
  std::fwrite(normalized.data(), 1, normalized.size(), out);
  return U_SUCCESS(status) && !std::ferror(out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: jixiao_floor INPUT OUTPUT\n");
    return 2;
  }
  std::FILE* in = std::fopen(argv[1], "rb");
  std::FILE* out = std::fopen(argv[2], "wb");
  if (!in || !out) {
    std::perror("jixiao_floor");
    return 2;
  }
  const bool ok = normalize_file(in, out);
  std::fclose(in);
  if (std::fclose(out) != 0 || !ok) {
    std::fprintf(stderr, "jixiao_floor: normalization or writing failed\n");
    return 1;
  }
  return 0;
}
