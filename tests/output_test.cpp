// The command line's output: spooled text, output files.
#include <gtest/gtest.h>

#include "spool.h"

namespace jixiao::cli {
namespace {

class NullSink : public Sink {
 public:
  bool write(std::string_view text) override {
    bytes += text.size();
    return true;
  }
  bool finish(std::string&) override { return true; }
  std::size_t bytes = 0;
};

// A batch keeps one slot per file and reuses it: a slot whose output was
// written holds no memory, however large that output was, so memory stays
// flat with the number of files (`-j 2` on 2,000 files kept every buffer).
TEST(Spool, AWrittenOrReplacedSpoolKeepsNoMemory) {
  Spool spool;
  spool.buffer().assign(Spool::kMemoryLimit - 1, 'x');
  NullSink sink;
  ASSERT_TRUE(spool.copy_to(sink));
  EXPECT_EQ(sink.bytes, Spool::kMemoryLimit - 1);
  EXPECT_LT(spool.buffer().capacity(), 1024u);

  Spool slot;
  slot.buffer().assign(Spool::kMemoryLimit - 1, 'y');
  slot = Spool{};  // the batch frees a delivered slot so
  EXPECT_LT(slot.buffer().capacity(), 1024u);
  EXPECT_TRUE(slot.empty());
}

}  // namespace
}  // namespace jixiao::cli
