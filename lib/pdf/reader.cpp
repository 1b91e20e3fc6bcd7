// PDF reading with poppler's core: the words and the drawn rules of each
// page, in one pass over the page's content. This file is built into the
// module jixiao-pdf.so (see module.cpp), never into the program itself.
//
// Why the drawing and not the pixels: a table's borders are paths in the
// page's content stream — stroked lines (Word, LibreOffice), thin filled
// rectangles (Excel, WPS, Chromium), rectangle outlines — in any colour and
// width. Reading the paths finds a 0.1 pt grey hairline as surely as a 2 pt
// black frame, costs no bitmap, and is several times faster than drawing the
// page. docs/architecture.md says why poppler's core and not MuPDF.
#include "pdf/reader.h"

#include <poppler/GfxState.h>
#include <poppler/GlobalParams.h>
#include <poppler/PDFDoc.h>
#include <poppler/Stream.h>
#include <poppler/TextOutputDev.h>
#include <poppler/XRef.h>
#include <poppler/goo/GooString.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <mutex>

namespace jixiao::pdf {
namespace {

// A filled rectangle no thicker than this (points) is a drawn line: Excel,
// WPS and Chromium draw borders so. Thicker fills are cell shading.
constexpr double kMaxFilledRule = 3.5;
// A path segment is straight along an axis when it strays less than this.
constexpr double kAxisSlack = 0.5;
// Paint lighter than this (0 black, 1 white) is taken for paper: white
// rules and white backgrounds are not seen on the page.
constexpr double kPaper = 0.95;

void quiet_poppler() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (!globalParams) globalParams = std::make_unique<GlobalParams>();
    globalParams->setErrQuiet(true);
    setErrorCallback([](ErrorCategory, Goffset, const char*) {});
  });
}

// The bytes of a content stream after its filters (a list of streams:
// together), read up to a little past `cap`, so that a stream that inflates
// to gigabytes costs no more than the limit to measure. Anything else in a
// list is not drawn (poppler refuses such a page), so it costs nothing.
std::size_t decoded_size(const Object& content, std::size_t cap) {
  auto one = [](const Object& object, std::size_t most) -> std::size_t {
    if (!object.isStream()) return 0;
    Stream* stream = object.getStream();
    stream->reset();
    unsigned char block[4096];
    std::size_t total = 0;
    for (int got; total <= most && (got = stream->doGetChars(sizeof block, block)) > 0;)
      total += static_cast<std::size_t>(got);
    stream->close();
    return total;
  };
  if (!content.isArray()) return one(content, cap);
  std::size_t total = 0;
  for (int i = 0; i < content.arrayGetLength() && total <= cap; ++i)
    total += one(content.arrayGet(i), cap - total);
  return total;
}

// What is left of a document's budget of drawing instructions
// (Bounds::max_content_bytes), charged by page and by form as they are drawn.
struct ContentBudget {
  std::size_t left = 0;
};

double lightness(const GfxRGB& rgb) {
  return (colToDbl(rgb.r) + colToDbl(rgb.g) + colToDbl(rgb.b)) / 3;
}

// Collects, while poppler interprets a page, the characters (by way of
// TextOutputDev, which builds the words) and every axis-parallel stretch of
// paint: the raw material of rules. Only what is visible counts: characters
// outside the clip (Calc draws a merged cell cut by a page break on both
// pages, clipped) and paint in the paper's colour are left out.
class PageDevice : public TextOutputDev {
 public:
  // `content_bytes`: the page's own content streams, already charged.
  PageDevice(const Bounds& bounds, XRef* xref, ContentBudget& budget, std::size_t content_bytes)
      : TextOutputDev(nullptr, false, 0, false, false),
        bounds_(bounds),
        xref_(xref),
        budget_(budget),
        page_bytes_(content_bytes) {}

  std::vector<Rule> horizontal, vertical;
  bool over_limit = false;          // the page drew more than bounds_ allow
  bool content_over_limit = false;  // …in drawing instructions (its forms)

  bool needNonText() override { return false; }

  // A form's instructions are charged as it is drawn, each time (a page may
  // draw one form thousands of times). Past the budget, the page stops at
  // poppler's next abort check, and forms are no longer interpreted: Gfx
  // hands them to drawForm, which does nothing. (The form that passes the
  // budget is still interpreted, once.)
  bool useDrawForm() override { return content_over_limit; }
  void drawForm(Ref) override {}
  void beginForm(Ref id) override {
    const std::size_t page_left = bounds_.max_content_bytes_per_page - page_bytes_;
    const std::size_t cap = std::min(page_left, budget_.left);
    const std::size_t size = decoded_size(xref_->fetch(id), cap);
    if (size > cap) {
      content_over_limit = over_limit = true;
      budget_.left -= cap;
      page_bytes_ += cap;
      return;
    }
    budget_.left -= size;
    page_bytes_ += size;
  }

  void drawChar(GfxState* state, double x, double y, double dx, double dy, double origin_x,
                double origin_y, CharCode code, int bytes, const Unicode* u, int length) override {
    if (++chars_ > bounds_.max_chars_per_page) {
      over_limit = true;
      return;
    }
    if (!visible(state, x + dx / 2, y + dy / 2)) return;
    TextOutputDev::drawChar(state, x, y, dx, dy, origin_x, origin_y, code, bytes, u, length);
  }

  void stroke(GfxState* state) override {
    GfxRGB rgb;
    state->getStrokeRGB(&rgb);
    if (state->getStrokeOpacity() > 0.1 && lightness(rgb) < kPaper) add_strokes(state);
  }
  void fill(GfxState* state) override { add_fills(state); }
  void eoFill(GfxState* state) override { add_fills(state); }

  static bool abort_check(void* self) { return static_cast<PageDevice*>(self)->over_limit; }

 private:
  static bool visible(GfxState* state, double x, double y) {
    double dx, dy, x0, y0, x1, y1;
    state->transform(x, y, &dx, &dy);
    state->getClipBBox(&x0, &y0, &x1, &y1);
    constexpr double slack = 1.0;
    return dx >= x0 - slack && dx <= x1 + slack && dy >= y0 - slack && dy <= y1 + slack;
  }

  // A drawn stretch from (x0,y0) to (x1,y1), in device points, `width` thick.
  void add(GfxState* state, double x0, double y0, double x1, double y1, double width) {
    if (horizontal.size() + vertical.size() >= bounds_.max_rules_per_page) {
      over_limit = true;
      return;
    }
    double cx0, cy0, cx1, cy1;  // only the visible part
    state->getClipBBox(&cx0, &cy0, &cx1, &cy1);
    if (std::abs(y1 - y0) <= kAxisSlack + width / 2 && std::abs(x1 - x0) > width) {
      const double at = (y0 + y1) / 2;
      const double from = std::max(std::min(x0, x1), cx0), to = std::min(std::max(x0, x1), cx1);
      if (at >= cy0 - 1 && at <= cy1 + 1 && to > from) horizontal.push_back({at, from, to});
    } else if (std::abs(x1 - x0) <= kAxisSlack + width / 2 && std::abs(y1 - y0) > width) {
      const double at = (x0 + x1) / 2;
      const double from = std::max(std::min(y0, y1), cy0), to = std::min(std::max(y0, y1), cy1);
      if (at >= cx0 - 1 && at <= cx1 + 1 && to > from) vertical.push_back({at, from, to});
    }
  }

  // Every straight segment of a stroked path (a rectangle's four sides too).
  void add_strokes(GfxState* state) {
    const double width = std::max(state->getTransformedLineWidth(), 0.0);
    const GfxPath* path = state->getPath();
    for (int i = 0; i < path->getNumSubpaths(); ++i) {
      const GfxSubpath* sub = path->getSubpath(i);
      const int n = sub->getNumPoints();
      double px = 0, py = 0;
      for (int k = 0; k < n; ++k) {
        double x, y;
        state->transform(sub->getX(k), sub->getY(k), &x, &y);
        if (k > 0 && !sub->getCurve(k)) add(state, px, py, x, y, width);
        px = x;
        py = y;
      }
      if (sub->isClosed() && n > 2) {
        double x, y;
        state->transform(sub->getX(0), sub->getY(0), &x, &y);
        add(state, px, py, x, y, width);
      }
    }
  }

  // A filled subpath that is a thin axis-parallel rectangle is a line along
  // its length. Wider fills (shading, the page's white) are not rules.
  void add_fills(GfxState* state) {
    GfxRGB rgb;
    state->getFillRGB(&rgb);
    if (state->getFillOpacity() <= 0.1 || lightness(rgb) >= kPaper) return;
    const GfxPath* path = state->getPath();
    for (int i = 0; i < path->getNumSubpaths(); ++i) {
      const GfxSubpath* sub = path->getSubpath(i);
      const int n = sub->getNumPoints();
      if (n < 4 || n > 5) continue;
      double xs[5], ys[5];  // in device points
      bool straight = true;
      for (int k = 0; k < n; ++k) {
        state->transform(sub->getX(k), sub->getY(k), &xs[k], &ys[k]);
        straight = straight && !sub->getCurve(k);
      }
      // A rectangle: every side runs along an axis.
      for (int k = 0; k < n && straight; ++k) {
        const int next = (k + 1) % n;
        straight =
            std::abs(xs[k] - xs[next]) <= kAxisSlack || std::abs(ys[k] - ys[next]) <= kAxisSlack;
      }
      if (!straight) continue;
      const double x0 = *std::min_element(xs, xs + n), x1 = *std::max_element(xs, xs + n);
      const double y0 = *std::min_element(ys, ys + n), y1 = *std::max_element(ys, ys + n);
      const double w = x1 - x0, h = y1 - y0;
      if (h <= kMaxFilledRule && w > h) {
        add(state, x0, (y0 + y1) / 2, x1, (y0 + y1) / 2, h);
      } else if (w <= kMaxFilledRule && h > w) {
        add(state, (x0 + x1) / 2, y0, (x0 + x1) / 2, y1, w);
      }
    }
  }

  const Bounds& bounds_;
  XRef* xref_;
  ContentBudget& budget_;
  std::size_t page_bytes_;  // drawing instructions charged to this page
  std::size_t chars_ = 0;
};

std::string utf8(const GooString* s) { return s ? std::string(s->c_str(), s->getLength()) : ""; }

std::vector<Box> words_of(TextPage* text) {
  std::vector<Box> boxes;
  std::unique_ptr<TextWordList> list = text->makeWordList(false);
  for (int i = 0; i < list->getLength(); ++i) {
    const TextWord* word = list->get(i);
    Box box;
    word->getBBox(&box.x0, &box.y0, &box.x1, &box.y1);
    const std::unique_ptr<GooString> text_of_word(word->getText());
    box.text = utf8(text_of_word.get());
    box.font_size = word->getFontSize();
    // Where the reported size is far above what the word's width shows
    // (a scaled text matrix), the width is right.
    if (const double shown = measured_size(box.text, box.x1 - box.x0);
        shown > 0 && box.font_size > 1.5 * shown)
      box.font_size = shown;
    box.space_after = word->getSpaceAfter();
    if (!box.text.empty()) boxes.push_back(std::move(box));
  }
  return boxes;
}

struct Reading {
  std::vector<Page> pages;
  std::vector<messages::Message> notes;  // limits reached (pdf-too-large)
  int page_count = 0;
};

Reading read_with_poppler(std::string_view bytes, const Bounds& bounds, messages::Message& error) {
  quiet_poppler();
  Reading reading;
  // MemStream reads the caller's bytes in place; the document owns it.
  auto* stream =
      new MemStream(bytes.data(), 0, static_cast<Goffset>(bytes.size()), Object(objNull));
  PDFDoc document(stream);
  if (!document.isOk()) {
    error.id = document.getErrorCode() == errEncrypted ? "pdf-unreadable.encrypted"
                                                       : "pdf-unreadable.damaged";
    return reading;
  }
  if (document.getXRef()->getNumObjects() > bounds.max_objects) {
    reading.notes.push_back({"pdf-too-large.objects",
                             {{"objects", std::to_string(document.getXRef()->getNumObjects())},
                              {"max", std::to_string(bounds.max_objects)}}});
    return reading;
  }
  reading.page_count = document.getNumPages();
  const int pages = std::min(reading.page_count, bounds.max_pages);
  if (reading.page_count > bounds.max_pages) {
    reading.notes.push_back({"pdf-too-large.pages",
                             {{"pages", std::to_string(reading.page_count)},
                              {"max", std::to_string(bounds.max_pages)}}});
  }
  ContentBudget budget{bounds.max_content_bytes};
  auto mib = [](std::size_t bytes) { return std::to_string(bytes >> 20) + " MiB"; };
  for (int i = 1; i <= pages; ++i) {
    Page out;
    out.number = i;
    out.width = document.getPageCropWidth(i);
    out.height = document.getPageCropHeight(i);
    if (out.width > bounds.max_page_side || out.height > bounds.max_page_side) {
      reading.notes.push_back({"pdf-too-large.page-size",
                               {{"page", std::to_string(i)},
                                {"width", std::to_string(static_cast<long>(out.width))},
                                {"height", std::to_string(static_cast<long>(out.height))},
                                {"max", std::to_string(static_cast<long>(bounds.max_page_side))}}});
      reading.pages.push_back(std::move(out));
      continue;
    }
    // The page's instructions are measured before poppler interprets them,
    // and charged to the document: past the budget nothing more is drawn.
    ::Page* page = document.getPage(i);
    const std::size_t page_cap = std::min(bounds.max_content_bytes_per_page, budget.left);
    const std::size_t content_bytes = page ? decoded_size(page->getContents(), page_cap) : 0;
    if (content_bytes > bounds.max_content_bytes_per_page) {
      reading.notes.push_back(
          {"pdf-too-large.page-content",
           {{"page", std::to_string(i)}, {"max", mib(bounds.max_content_bytes_per_page)}}});
      reading.pages.push_back(std::move(out));
      continue;
    }
    if (content_bytes > budget.left || (budget.left == 0 && i > 1)) {
      reading.notes.push_back({"pdf-too-large.content",
                               {{"max", mib(bounds.max_content_bytes)},
                                {"from", std::to_string(i)},
                                {"to", std::to_string(reading.page_count)}}});
      break;
    }
    budget.left -= content_bytes;
    // TextOutputDev keeps state from page to page: one each.
    PageDevice device(bounds, document.getXRef(), budget, content_bytes);
    document.displayPage(&device, i, 72, 72, 0, false, true, false, &PageDevice::abort_check,
                         &device);
    if (device.content_over_limit) {
      reading.notes.push_back({"pdf-too-large.forms",
                               {{"page", std::to_string(i)},
                                {"page-max", mib(bounds.max_content_bytes_per_page)},
                                {"max", mib(bounds.max_content_bytes)}}});
    } else if (device.over_limit) {
      reading.notes.push_back({"pdf-too-large.drawn",
                               {{"page", std::to_string(i)},
                                {"chars", std::to_string(bounds.max_chars_per_page)},
                                {"rules", std::to_string(bounds.max_rules_per_page)}}});
    }
    if (TextPage* text = device.takeText()) {  // reference-counted, ours to release
      out.boxes = words_of(text);
      text->decRefCnt();
    }
    out.horizontal = merge_rules(std::move(device.horizontal), kMinRuleLength);
    out.vertical = merge_rules(std::move(device.vertical), kMinRuleLength);
    reading.pages.push_back(std::move(out));
  }
  return reading;
}

Extraction extract_with_poppler(std::string_view bytes, const Bounds& bounds) {
  Extraction result;
  Reading reading = read_with_poppler(bytes, bounds, result.error);
  result.pages = reading.page_count;
  result.limits = std::move(reading.notes);
  if (!result.error.empty()) return result;
  bool any_text = false;
  for (const Page& page : reading.pages) any_text = any_text || !page.boxes.empty();
  if (!any_text && !result.limits.empty()) return result;  // the limits say why
  if (!any_text) {
    result.error.id = reading.pages.empty() ? "pdf-unreadable.no-pages" : "pdf-unreadable.no-text";
    return result;
  }
  result.lines = document_lines(reading.pages);
  return result;
}

}  // namespace
}  // namespace jixiao::pdf

// The module's entry points (see module.cpp), with C linkage so that dlsym
// finds them by these names; versioned, as the structs they fill may change.
extern "C" __attribute__((visibility("default"))) void jixiao_pdf_read_pages_v4(
    const char* bytes, std::size_t size, const jixiao::pdf::Bounds* bounds,
    std::vector<jixiao::pdf::Page>* pages, jixiao::messages::Message* error) noexcept {
  try {
    *pages = jixiao::pdf::read_with_poppler(std::string_view(bytes, size), *bounds, *error).pages;
  } catch (const std::exception& e) {
    pages->clear();
    *error = {"pdf-unreadable.failed", {{"why", e.what()}}};
  }
}

extern "C" __attribute__((visibility("default"))) void jixiao_pdf_extract_v4(
    const char* bytes, std::size_t size, const jixiao::pdf::Bounds* bounds,
    jixiao::pdf::Extraction* out) noexcept {
  try {
    *out = jixiao::pdf::extract_with_poppler(std::string_view(bytes, size), *bounds);
  } catch (const std::exception& e) {
    *out = jixiao::pdf::Extraction{};
    out->error = {"pdf-unreadable.failed", {{"why", e.what()}}};
  }
}
