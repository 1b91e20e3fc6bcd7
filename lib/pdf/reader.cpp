// PDF reading with poppler: the words and ruled lines of each page. This
// file is built into the module jixiao-pdf.so (see module.cpp), never into
// the program itself.
#include "pdf/reader.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>

namespace jixiao::pdf {
namespace {

// Pages are drawn at twice 72 dpi to find the rules: a 0.5 pt line is then
// one pixel, and with anti-aliasing off it is solid black.
constexpr double kScale = 2.0;
// A dark run at least this long (points) may be a rule; shorter ones are
// glyph strokes the word boxes did not cover.
constexpr double kMinRule = 8.0;
constexpr unsigned char kDark = 128;

void quiet_poppler() {
  poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
}

std::vector<Box> words(const poppler::page& page) {
  std::vector<Box> boxes;
  for (const poppler::text_box& word : page.text_list(poppler::page::text_list_include_font)) {
    const poppler::rectf r = word.bbox();
    const poppler::byte_array utf8 = word.text().to_utf8();
    Box box{r.left(),
            r.top(),
            r.right(),
            r.bottom(),
            word.get_font_size(),
            std::string(utf8.begin(), utf8.end()),
            word.has_space_after()};
    if (!box.text.empty()) boxes.push_back(std::move(box));
  }
  return boxes;
}

// The page as a grey image with the words painted out, so only lines remain.
struct Bitmap {
  int width = 0, height = 0, stride = 0;
  std::vector<unsigned char> pixels;
};

Bitmap draw_without_words(const poppler::page& page, const std::vector<Box>& boxes) {
  poppler::page_renderer renderer;
  renderer.set_render_hint(poppler::page_renderer::antialiasing, false);
  renderer.set_render_hint(poppler::page_renderer::text_antialiasing, false);
  renderer.set_image_format(poppler::image::format_gray8);
  const poppler::image image = renderer.render_page(&page, 72 * kScale, 72 * kScale);
  Bitmap bitmap;
  if (!image.is_valid()) return bitmap;
  bitmap.width = image.width();
  bitmap.height = image.height();
  bitmap.stride = image.bytes_per_row();
  const auto* data = reinterpret_cast<const unsigned char*>(image.const_data());
  bitmap.pixels.assign(data, data + static_cast<std::size_t>(bitmap.stride) * bitmap.height);
  for (const Box& box : boxes) {
    const int x0 = std::max(0, static_cast<int>(box.x0 * kScale));
    const int x1 = std::min(bitmap.width, static_cast<int>(box.x1 * kScale) + 1);
    const int y0 = std::max(0, static_cast<int>(box.y0 * kScale));
    const int y1 = std::min(bitmap.height, static_cast<int>(box.y1 * kScale) + 1);
    for (int y = y0; y < y1; ++y) {
      std::fill_n(bitmap.pixels.begin() + static_cast<std::ptrdiff_t>(y) * bitmap.stride + x0,
                  std::max(0, x1 - x0), 255);
    }
  }
  return bitmap;
}

// Whether the eight pixels at `p` are all light: kDark is 128, so a light
// pixel is one with its high bit set. Most of a page is paper.
bool all_light(const unsigned char* p) {
  std::uint64_t word;
  std::memcpy(&word, p, sizeof word);
  return (word & 0x8080808080808080ULL) == 0x8080808080808080ULL;
}

// The next dark pixel of a row at or after x, or width.
int next_dark(const unsigned char* row, int x, int width) {
  while (x + 8 <= width && all_light(row + x)) x += 8;
  while (x < width && row[x] >= kDark) ++x;
  return x;
}

// Dark runs along rows (horizontal rules) or columns (vertical ones). Both
// scan the bitmap row by row, as it lies in memory, skipping paper eight
// pixels at a time. merge_rules() sorts the runs.
std::vector<Rule> runs(const Bitmap& bitmap, bool horizontal) {
  std::vector<Rule> rules;
  const int min_run = static_cast<int>(kMinRule * kScale);
  auto add = [&](int line, int from, int to) {
    if (to - from >= min_run)
      rules.push_back(Rule{(line + 0.5) / kScale, from / kScale, to / kScale});
  };
  const int width = bitmap.width;
  auto row_at = [&](int y) {
    return bitmap.pixels.data() + static_cast<std::size_t>(y) * bitmap.stride;
  };
  if (horizontal) {
    for (int y = 0; y < bitmap.height; ++y) {
      const unsigned char* row = row_at(y);
      for (int x = next_dark(row, 0, width); x < width;) {
        int end = x;
        while (end < width && row[end] < kDark) ++end;
        add(y, x, end);
        x = next_dark(row, end, width);
      }
    }
    return rules;
  }
  std::vector<int> begun(static_cast<std::size_t>(width), -1);  // start of each column's run
  std::vector<int> open, still_open;                            // columns with a run
  for (int y = 0; y <= bitmap.height; ++y) {
    const unsigned char* row = y < bitmap.height ? row_at(y) : nullptr;
    still_open.clear();
    for (int x : open) {
      if (row && row[x] < kDark) {
        still_open.push_back(x);
      } else {
        add(x, begun[static_cast<std::size_t>(x)], y);
        begun[static_cast<std::size_t>(x)] = -1;
      }
    }
    open.swap(still_open);
    if (!row) break;
    for (int x = next_dark(row, 0, width); x < width; x = next_dark(row, x + 1, width)) {
      if (begun[static_cast<std::size_t>(x)] < 0) {
        begun[static_cast<std::size_t>(x)] = y;
        open.push_back(x);
      }
    }
  }
  return rules;
}

// Each page's geometry, as poppler gives it.
std::vector<Page> read_pages_with_poppler(std::string_view bytes, std::string& error) {
  quiet_poppler();
  std::unique_ptr<poppler::document> document(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!document) {
    error =
        "a damaged PDF: it cannot be read (try opening and saving it again, or extract its "
        "text with another tool)";
    return {};
  }
  if (document->is_locked()) {
    error =
        "an encrypted PDF: it needs a password to open (remove the protection first, e.g. "
        "`qpdf --decrypt`)";
    return {};
  }
  std::vector<Page> pages;
  for (int i = 0; i < document->pages(); ++i) {
    std::unique_ptr<poppler::page> page(document->create_page(i));
    Page out;
    out.number = i + 1;
    if (!page) {
      pages.push_back(std::move(out));
      continue;
    }
    out.boxes = words(*page);
    if (!out.boxes.empty()) {
      const Bitmap bitmap = draw_without_words(*page, out.boxes);
      out.horizontal = merge_rules(runs(bitmap, true), kMinRule);
      out.vertical = merge_rules(runs(bitmap, false), kMinRule);
    }
    pages.push_back(std::move(out));
  }
  return pages;
}

Extraction extract_with_poppler(std::string_view bytes) {
  Extraction result;
  const std::vector<Page> pages = read_pages_with_poppler(bytes, result.error);
  result.pages = static_cast<int>(pages.size());
  if (!result.error.empty()) return result;
  bool any_text = false;
  for (const Page& page : pages) {
    any_text = any_text || !page.boxes.empty();
    for (std::string& line : page_lines(page)) result.lines.push_back(std::move(line));
    result.lines.push_back("\f");
  }
  if (!any_text) {
    result.lines.clear();
    result.error = pages.empty() ? "a PDF with no pages"
                                 : "a PDF with no text layer (a scan?): run OCR on it first, "
                                   "e.g. `ocrmypdf -l chi_sim FILE.pdf OUT.pdf`";
  }
  return result;
}

}  // namespace
}  // namespace jixiao::pdf

// The module's entry points (see module.cpp), with C linkage so that dlsym
// finds them by these names; versioned in case the structs ever change.
extern "C" __attribute__((visibility("default"))) void jixiao_pdf_read_pages_v1(
    const char* bytes, std::size_t size, std::vector<jixiao::pdf::Page>* pages,
    std::string* error) noexcept {
  try {
    *pages = jixiao::pdf::read_pages_with_poppler(std::string_view(bytes, size), *error);
  } catch (const std::exception& e) {
    pages->clear();
    *error = std::string("the PDF could not be read: ") + e.what();
  }
}

extern "C" __attribute__((visibility("default"))) void jixiao_pdf_extract_v1(
    const char* bytes, std::size_t size, jixiao::pdf::Extraction* out) noexcept {
  try {
    *out = jixiao::pdf::extract_with_poppler(std::string_view(bytes, size));
  } catch (const std::exception& e) {
    *out = jixiao::pdf::Extraction{};
    out->error = std::string("the PDF could not be read: ") + e.what();
  }
}
