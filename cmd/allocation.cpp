// The program's operator new, when mimalloc is its allocator.
//
// mimalloc's operator new, built as C, cannot throw: out of memory it calls
// abort(), and it does not see the program's new handler. The standard lets
// a program replace operator new; these allocate with malloc (mimalloc's,
// which returns null when it runs out) and throw std::bad_alloc as the
// standard's do, so that running out of memory on one input is a
// diagnostic of that input (see convert.cpp), not the end of the program.
// operator delete stays mimalloc's: its free takes what its malloc gave.
#include <cstdlib>
#include <new>

namespace {

void* allocate(std::size_t size) {
  if (size == 0) size = 1;
  for (;;) {
    if (void* p = std::malloc(size)) return p;
    const std::new_handler handler = std::get_new_handler();
    if (!handler) throw std::bad_alloc();
    handler();
  }
}

void* allocate_aligned(std::size_t size, std::align_val_t alignment) {
  const auto align = static_cast<std::size_t>(alignment);
  // aligned_alloc takes sizes that are multiples of the alignment.
  size = size == 0 ? align : (size + align - 1) / align * align;
  for (;;) {
    if (void* p = std::aligned_alloc(align, size)) return p;
    const std::new_handler handler = std::get_new_handler();
    if (!handler) throw std::bad_alloc();
    handler();
  }
}

}  // namespace

void* operator new(std::size_t size) { return allocate(size); }
void* operator new[](std::size_t size) { return allocate(size); }
void* operator new(std::size_t size, std::align_val_t alignment) {
  return allocate_aligned(size, alignment);
}
void* operator new[](std::size_t size, std::align_val_t alignment) {
  return allocate_aligned(size, alignment);
}
