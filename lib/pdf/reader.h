// PDF input: the words and ruled lines of each page, from poppler, turned
// into text lines by layout.h. Only reader.cpp sees poppler, and it is built
// into a module of its own that is loaded the first time a PDF is read:
// poppler and the thirty libraries it brings take longer to load (~6 ms)
// than a small text file takes to convert.
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

// Reads a whole PDF file held in memory. The first call loads the PDF
// module (jixiao-pdf.so, which holds poppler): from JIXIAO_PDF_MODULE when
// set, else beside the program, else in ../lib/jixiao/ from it, else where
// the build put it. Without it, `error` says so.
Extraction extract(std::string_view bytes);

// Each page's words and rules, as extract() sees them (for tests).
std::vector<Page> read_pages(std::string_view bytes, std::string& error);

}  // namespace jixiao::pdf
