// PDF input: the words and drawn lines of each page, from poppler's core,
// turned into table rows by layout.h. Only reader.cpp sees poppler, and it is built
// into a module of its own that is loaded the first time a PDF is read:
// poppler and the thirty libraries it brings take longer to load (~6 ms)
// than a small text file takes to convert.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "messages/catalogue.h"
#include "pdf/layout.h"

namespace jixiao::pdf {

// What one PDF may make jixiao do, so that no input can take unbounded time
// or memory. Past a limit, what came before it is read and `limits` says
// which limit was reached (a pdf-too-large diagnostic).
struct Bounds {
  int max_pages = 5000;
  double max_page_side = 14400;  // points: the largest page PDF 1.7 allows (200 inches)
  int max_objects = 5000000;
  std::size_t max_chars_per_page = 50000;
  std::size_t max_rules_per_page = 50000;
  // The drawing instructions poppler interprets (content streams, decoded,
  // and the forms they draw), in bytes: a page's, and all pages' together.
  // Characters and rules alone do not bound the work: instructions that
  // draw nothing (`q Q`) cost as much, and pages that share one content
  // stream cost it each, so a small file of many such pages took minutes.
  std::size_t max_content_bytes_per_page = std::size_t{16} << 20;
  std::size_t max_content_bytes = std::size_t{128} << 20;
};

struct Extraction {
  std::vector<std::string> lines;  // every page's lines, a form feed line after each page
  int pages = 0;
  // For the user, as templates of the message catalogue (the module does not
  // put them into words: the language is the program's to choose).
  messages::Message error;                // set when nothing could be read: says what to do
  std::vector<messages::Message> limits;  // each limit reached
};

// PDF readers (Adobe's, poppler) take a file for a PDF when `%PDF-` stands
// within its first 1024 bytes, whatever comes before it (a mail header, a
// byte-order mark); so does jixiao. Anything else is text.
constexpr std::size_t kHeaderWindow = 1024;
inline bool has_header(std::string_view first_bytes) {
  return first_bytes.substr(0, kHeaderWindow).find("%PDF-") != std::string_view::npos;
}

// A PDF is read into memory whole (poppler needs all of it); past this size
// it is refused, by convert and pdftext alike.
constexpr std::size_t kMaxFileBytes = std::size_t{256} << 20;  // 256 MiB

// Reads a whole PDF file held in memory. The first call loads the PDF
// module (jixiao-pdf.so, which holds poppler): from JIXIAO_PDF_MODULE when
// set, else beside the program, else in ../lib/jixiao/ from it, else where
// the build put it. Without it, `error` says so.
Extraction extract(std::string_view bytes, const Bounds& bounds = {});

// Each page's words and rules, as extract() sees them (for tests).
std::vector<Page> read_pages(std::string_view bytes, messages::Message& error,
                             const Bounds& bounds = {});

}  // namespace jixiao::pdf
