// PDF input: the words and ruled lines of each page, from poppler, turned
// into text lines by layout.h. Only this file's .cpp sees poppler.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pdf/layout.h"

namespace jixiao::pdf {

struct Extraction {
  std::vector<std::string> lines;  // every page's lines, a form feed line after each page
  int pages = 0;
  std::string error;  // set when nothing could be read: for the user, says what to do
};

// Reads a whole PDF file held in memory.
Extraction extract(std::string_view bytes);

// One page's geometry, as extract() sees it (for tests and `jixiao pdf`).
std::vector<Page> read_pages(std::string_view bytes, std::string& error);

}  // namespace jixiao::pdf
