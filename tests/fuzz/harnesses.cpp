#include "harnesses.h"

#include <cstdlib>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "convert/convert.h"
#include "grammar/grammar.h"
#include "normalize/normalize.h"
#include "pdf/layout.h"
#include "pdf/reader.h"
#include "source/input.h"
#include "values/values.h"

namespace jixiao::fuzz {
namespace {

std::string_view bytes_of(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

std::set<int> accounted(const model::Document& doc, const std::vector<model::Project>& projects) {
  std::set<int> lines;
  for (const auto& p : projects) {
    for (const auto& [role, numbers] : p.source_lines) lines.insert(numbers.begin(), numbers.end());
    for (const auto& i : p.indicators) {
      lines.insert(i.line);
      lines.insert(i.lines.begin(), i.lines.end());
    }
    for (const auto& t : p.tasks) lines.insert(t.line);
  }
  // (A text entry rebuilt from several lines, a CSV record or a header
  // block, claims them all.)
  for (const auto& t : doc.text) {
    for (int l = t.line; l <= std::max(t.line, t.last_line); ++l) lines.insert(l);
  }
  for (const auto& d : doc.diagnostics) {
    for (int l = d.line; l <= std::max(d.line, d.last_line); ++l) lines.insert(l);
  }
  return lines;
}

}  // namespace

void normalize_line(const std::uint8_t* data, std::size_t size) {
  static const normalize::Normalizer normalizer;
  const std::string line = source::repair_utf8(bytes_of(data, size));
  const normalize::Text text = normalizer.normalize(line);
  if (text.origin.size() != text.text.size() + 1) std::abort();
  for (std::size_t at : text.origin) {
    if (at > line.size()) std::abort();
  }
}

void parse_value(const std::uint8_t* data, std::size_t size) {
  static const values::ValueParser parser(grammar::default_grammar());
  static const normalize::Normalizer normalizer;
  const std::string text = normalizer.normalize(source::repair_utf8(bytes_of(data, size))).text;
  values::Context context;
  context.year = 2024;
  context.money_unit = size % 2 ? "万元" : "";
  context.level2 = static_cast<int>(size % 13) - 1;  // none, and each second level
  parser.parse(text, context);
}

void load_grammar(const std::uint8_t* data, std::size_t size) {
  try {
    grammar::load_grammar(bytes_of(data, size), "fuzz.jsonc");
  } catch (const grammar::GrammarError&) {
  }
}

void convert_document(const std::uint8_t* data, std::size_t size) {
  static const convert::Converter converter(grammar::builtin_grammars());
  const std::string bytes(bytes_of(data, size));
  if (pdf::has_header(bytes)) return;  // poppler is fuzzed upstream
  std::istringstream in(bytes);
  std::vector<model::Project> projects;
  const model::Document doc = converter.convert(
      in, "fuzz.txt", [&](model::Project&& p) { projects.push_back(std::move(p)); });
  // Lines are counted in these bytes only when they are UTF-8 as they stand,
  // and up to where binary data stopped the reading.
  if (doc.encoding != "UTF-8") return;
  int stop = 0;
  for (const auto& d : doc.diagnostics) {
    if (d.code == source::Code::binary_input) stop = d.line;
  }
  const std::set<int> lines = accounted(doc, projects);
  std::istringstream again(bytes);
  std::string line;
  for (int number = 1; std::getline(again, line) && (stop == 0 || number < stop); ++number) {
    if (line.find_first_not_of(" \t\r\f\v") == std::string::npos) continue;
    if (!lines.count(number)) std::abort();
  }
}

void rebuild_pages(const std::uint8_t* data, std::size_t size) {
  // Each 7 bytes: what (word, rule across, rule down, new page), x, y, and
  // extents, on a 2-pt grid of a page up to 510 pt square.
  static const char* const kWords[] = {"产出指标", "数量指标", "培训",   "≥100人", "90%",
                                       "项目名称", "A",        "2025年", "标",     "指标值"};
  std::vector<pdf::Page> pages(1);
  for (std::size_t i = 0; i + 7 <= size; i += 7) {
    const std::uint8_t* r = data + i;
    const double x = r[1] * 2.0, y = r[2] * 2.0, w = 1 + r[3] % 64 * 4.0, h = 1 + r[4] % 32;
    switch (r[0] % 4) {
      case 0:
        pages.back().boxes.push_back(
            {x, y, x + w, y + h, 1.0 + r[5] % 16, kWords[r[6] % 10], (r[5] & 0x80) != 0});
        break;
      case 1:
        pages.back().horizontal.push_back({y, x, x + w * 2});
        break;
      case 2:
        pages.back().vertical.push_back({x, y, y + h * 8});
        break;
      default:
        pages.emplace_back();
        break;
    }
  }
  for (pdf::Page& page : pages) {
    page.horizontal = pdf::merge_rules(page.horizontal, pdf::kMinRuleLength);
    page.vertical = pdf::merge_rules(page.vertical, pdf::kMinRuleLength);
  }
  std::string out;
  for (const std::string& line : pdf::document_lines(pages)) out += line + '\n';
  for (const pdf::Page& page : pages) {
    for (const pdf::Box& box : page.boxes) {
      if (out.find(box.text) == std::string::npos) std::abort();  // a word was lost
    }
  }
}

}  // namespace jixiao::fuzz
