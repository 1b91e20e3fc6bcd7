// PDF input: table rows rebuilt from word boxes and ruled lines (pure
// geometry, pages built by hand), and the fixtures' PDFs read end to end.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "pdf/layout.h"
#include "pdf/reader.h"
#include "test_support.h"

namespace jixiao::pdf {
namespace {

// What the reader reports, in the English of the output.
std::string said(const messages::Message& message) {
  return messages::detail(messages::Language::en, message);
}

Box word(double x0, double y0, std::string text, double width = 0) {
  const double w = width > 0 ? width : 10.0 * static_cast<double>(text.size()) / 3;
  return Box{x0, y0, x0 + w, y0 + 13, 10, std::move(text), false};
}

// A ruled grid: horizontal rules at `ys` across [xs.front(), xs.back()] and
// vertical rules at `xs` down [ys.front(), ys.back()].
void rule_grid(Page& page, const std::vector<double>& xs, const std::vector<double>& ys) {
  for (double y : ys) page.horizontal.push_back({y, xs.front(), xs.back()});
  for (double x : xs) page.vertical.push_back({x, ys.front(), ys.back()});
}

TEST(PdfLayout, RowsOfARuledTableBecomeTabSeparatedCells) {
  Page page;
  rule_grid(page, {50, 150, 350, 450}, {100, 120, 140});
  page.boxes = {word(55, 103, "数量指标"), word(155, 103, "举办讲座"), word(355, 103, "≥4"),
                word(380, 103, "场次"),    word(55, 123, "质量指标"),  word(155, 123, "满意度"),
                word(355, 123, "90%")};
  EXPECT_EQ(page_lines(page),
            (std::vector<std::string>{"数量指标\t举办讲座\t≥4场次", "质量指标\t满意度\t90%"}));
}

TEST(PdfLayout, AMergedCellGivesItsTextToTheFirstRowAndBlanksBelow) {
  Page page;
  // Column 1 is one cell over three rows: its rules stop at x=150.
  page.horizontal = {{100, 50, 450}, {120, 150, 450}, {140, 150, 450}, {160, 50, 450}};
  page.vertical = {{50, 100, 160}, {150, 100, 160}, {350, 100, 160}, {450, 100, 160}};
  page.boxes = {word(55, 123, "产出指标"),  // centred in its tall cell, on the middle row
                word(155, 103, "甲"),      word(355, 103, "1个"), word(155, 123, "乙"),
                word(355, 123, "2个"),     word(155, 143, "丙"),  word(355, 143, "3个")};
  EXPECT_EQ(page_lines(page),
            (std::vector<std::string>{"产出指标\t甲\t1个", "\t乙\t2个", "\t丙\t3个"}));
}

TEST(PdfLayout, AWrappedCellIsOneTextAndAnEmptyCellIsBlank) {
  Page page;
  rule_grid(page, {50, 150, 350}, {100, 140});
  page.boxes = {word(155, 103, "新建田间道路（含机"), word(155, 117, "耕路）"),
                word(200, 117, "PM2.5", 25), word(227, 117, "index", 25)};
  // "PM2.5 index" keeps its space; the CJK wrap joins without one.
  EXPECT_EQ(page_lines(page), (std::vector<std::string>{"\t新建田间道路（含机耕路）PM2.5 index"}));
  page.boxes.resize(2);
  EXPECT_EQ(page_lines(page), (std::vector<std::string>{"\t新建田间道路（含机耕路）"}));
}

TEST(PdfLayout, TextOutsideTheTableComesLineByLineInPageOrder) {
  Page page;
  rule_grid(page, {50, 150, 350}, {100, 120});
  page.boxes = {word(200, 800, "— 1 —"), word(60, 103, "项目名称"), word(155, 103, "科普经费"),
                word(100, 60, "2026"), word(125, 60, "年绩效目标表")};
  EXPECT_EQ(page_lines(page),
            (std::vector<std::string>{"2026年绩效目标表", "项目名称\t科普经费", "— 1 —"}));
}

TEST(PdfLayout, WithoutRulesWideGapsSeparateCells) {
  Page page;
  page.boxes = {word(50, 100, "产出指标"), word(150, 100, "数量指标"), word(250, 100, "讲座"),
                word(400, 100, "4场")};
  EXPECT_EQ(page_lines(page), (std::vector<std::string>{"产出指标\t数量指标\t讲座\t4场"}));
}

// Row rules only, no vertical line: the gaps that line up down the rows are
// the columns; a long text in one row does not make a column of its gaps,
// and an empty cell stays a blank cell.
TEST(PdfLayout, ATableRuledOnlyAcrossGetsItsColumnsFromTheWords) {
  Page page;
  for (double y : {100, 120, 140, 160}) page.horizontal.push_back({y, 50, 450});
  page.boxes = {word(55, 103, "质量指标"), word(155, 103, "合格率"),   word(355, 103, "100%"),
                word(55, 123, "时效指标"), word(155, 123, "开工时间"), word(355, 123, "4月前"),
                word(55, 143, "成本指标"), word(155, 143, "维修费用")};
  EXPECT_EQ(page_lines(page),
            (std::vector<std::string>{"质量指标\t合格率\t100%", "时效指标\t开工时间\t4月前",
                                      "成本指标\t维修费用\t"}));
}

TEST(PdfLayout, AFrameWithoutInnerLinesIsReadTheSame) {
  Page page;
  for (double y : {100, 120, 140}) page.horizontal.push_back({y, 50, 450});
  page.vertical = {{48, 98, 142}, {452, 98, 142}};  // the frame, drawn double
  page.boxes = {word(55, 103, "数量指标"), word(155, 103, "讲座"),   word(355, 103, "4场"),
                word(55, 123, "质量指标"), word(155, 123, "满意度"), word(355, 123, "90%")};
  EXPECT_EQ(page_lines(page),
            (std::vector<std::string>{"数量指标\t讲座\t4场", "质量指标\t满意度\t90%"}));
}

TEST(PdfLayout, TextBetweenTwoRuledTablesStaysText) {
  Page page;
  rule_grid(page, {50, 150, 450}, {100, 120});
  rule_grid(page, {50, 150, 450}, {200, 220});
  page.boxes = {word(60, 103, "项目名称"),     word(155, 103, "甲"),
                word(200, 150, "绩效目标表2"), word(200, 165, "（2026年）"),
                word(60, 203, "项目名称"),     word(155, 203, "乙")};
  EXPECT_EQ(page_lines(page), (std::vector<std::string>{"项目名称\t甲", "绩效目标表2", "（2026年）",
                                                        "项目名称\t乙"}));
}

TEST(PdfLayout, ACellCutByThePageEndEndsWhereItsSidesEnd) {
  Page page;
  // The table goes on overleaf: no rule closes its last row.
  page.horizontal = {{100, 50, 450}, {120, 150, 450}};
  page.vertical = {{50, 100, 800}, {150, 100, 800}, {450, 100, 800}};
  page.boxes = {word(55, 400, "市本级"), word(155, 103, "甲"), word(155, 300, "乙")};
  EXPECT_EQ(page_lines(page), (std::vector<std::string>{"市本级\t甲", "\t乙"}));
}

// A row cut by the page break: the second page's first row holds the rest of
// the first page's last row's label, and nothing in its value cell.
TEST(PdfLayout, ARowCutByAPageBreakIsJoined) {
  Page first, second;
  rule_grid(first, {50, 150, 350, 450}, {700, 720, 790});
  first.boxes = {word(55, 703, "质量指标"), word(155, 703, "合格率"),   word(355, 703, "100%"),
                 word(55, 723, "可持续影"), word(155, 723, "长效机制"), word(355, 723, "持续")};
  rule_grid(second, {50, 150, 350, 450}, {50, 70, 90});
  second.boxes = {word(55, 53, "响指标"), word(55, 73, "满意度"), word(155, 73, "群众满意度"),
                  word(355, 73, "90%")};
  EXPECT_EQ(document_lines({first, second}),
            (std::vector<std::string>{"质量指标\t合格率\t100%", "可持续影响指标\t长效机制\t持续",
                                      "\f", "满意度\t群众满意度\t90%", "\f"}));
  // A new row fills its value cell: it is not joined.
  second.boxes.push_back(word(355, 53, "≥5个"));
  EXPECT_EQ(document_lines({first, second})[2], "\f");
}

// No rule at all: columns from the gaps down the lines, rows from the lines
// each row's cells hold (a wrapped name follows closer than rows do), and
// labels centred on their blocks go to the blocks' first rows.
TEST(PdfLayout, AnUnruledTableIsReadIntoRowsAndColumns) {
  Page page;
  page.boxes = {word(50, 100, "一级指标"), word(120, 100, "二级指标"), word(200, 100, "三级指标"),
                word(400, 100, "指标值"),  word(200, 120, "甲"),       word(400, 120, "1个"),
                word(50, 147, "产出指标"), word(120, 147, "数量指标"), word(200, 140, "乙"),
                word(400, 140, "2个"),     word(200, 160, "丙丁戊"),   word(400, 160, "3个"),
                word(200, 174, "己庚"),    word(120, 194, "质量指标"), word(200, 194, "辛"),
                word(400, 194, "4个")};
  EXPECT_EQ(page_lines(page),
            (std::vector<std::string>{"一级指标\t二级指标\t三级指标\t指标值",
                                      "产出指标\t数量指标\t甲\t1个", "\t\t乙\t2个",
                                      "\t\t丙丁戊己庚\t3个", "\t质量指标\t辛\t4个"}));
}

TEST(PdfLayout, TitlesAboveATableAreNotColumns) {
  Page page;
  page.boxes = {word(50, 60, "附件2"), word(200, 80, "某区教育局绩效目标表"),
                word(240, 100, "（2025年）")};
  EXPECT_EQ(page_lines(page),
            (std::vector<std::string>{"附件2", "某区教育局绩效目标表", "（2025年）"}));
}

TEST(PdfLayout, ADoubleBorderIsOneRule) {
  const auto merged = merge_rules({{100, 50, 300}, {102.5, 48, 302}, {120, 50, 300}}, 8);
  ASSERT_EQ(merged.size(), 2u);
  EXPECT_DOUBLE_EQ(merged[0].from, 48);
  EXPECT_DOUBLE_EQ(merged[1].at, 120);  // a row's height apart: two rules
}

TEST(PdfLayout, RulesDrawnOverTwoPixelRowsOrBackToBackAreOne) {
  const auto merged = merge_rules(
      {{100, 50, 300}, {100.5, 50, 300}, {200, 50, 120}, {200.4, 118, 300}, {300, 10, 14}}, 8);
  ASSERT_EQ(merged.size(), 2u);
  EXPECT_DOUBLE_EQ(merged[0].at, 100);
  EXPECT_DOUBLE_EQ(merged[1].from, 50);
  EXPECT_DOUBLE_EQ(merged[1].to, 300);
}

TEST(PdfReader, FindsTheRulesOfAFixturePage) {
  messages::Message error;
  const auto pages =
      read_pages(test::read_file(test::source_dir() + "/testdata/fixtures/hunhe-2023.pdf"), error);
  ASSERT_TRUE(error.empty()) << said(error);
  ASSERT_EQ(pages.size(), 2u);
  EXPECT_GT(pages[0].boxes.size(), 100u);
  EXPECT_GT(pages[0].horizontal.size(), 20u);
  EXPECT_GE(pages[0].vertical.size(), 4u);
}

std::string pdf_file(const std::string& name) {
  return test::read_file(test::source_dir() + "/testdata/pdf/" + name);
}

// Borders drawn as grey hairlines, filled rectangles, stroked cell outlines,
// a thick frame and a double border are all rules; text outside the clip is
// not on the page (testdata/pdf/make-pdfs.py draws each).
TEST(PdfReader, FindsBordersHoweverTheyAreDrawn) {
  const Extraction e = extract(pdf_file("borders.pdf"));
  ASSERT_TRUE(e.error.empty()) << said(e.error);
  std::vector<std::string> expected;
  for (const char* table : {"G", "F", "R", "T", "D", "C"}) {
    for (int row = 1; row <= 2; ++row) {
      std::string line;
      for (int col = 1; col <= 3; ++col) {
        if (col > 1) line += '\t';
        line += table + std::to_string(row) + std::to_string(col);
      }
      expected.push_back(line);
    }
  }
  expected.push_back("\f");
  EXPECT_EQ(e.lines, expected);
}

TEST(PdfReader, StopsAtEachBoundAndSaysWhich) {
  const std::string two_pages =
      test::read_file(test::source_dir() + "/testdata/fixtures/hunhe-2023.pdf");
  Bounds one_page;
  one_page.max_pages = 1;
  Extraction e = extract(two_pages, one_page);
  ASSERT_EQ(e.limits.size(), 1u);
  EXPECT_NE(said(e.limits[0]).find("only the first 1 are read"), std::string::npos)
      << said(e.limits[0]);
  EXPECT_EQ(std::count(e.lines.begin(), e.lines.end(), "\f"), 1);

  Bounds few_chars;
  few_chars.max_chars_per_page = 10;
  e = extract(two_pages, few_chars);
  ASSERT_EQ(e.limits.size(), 2u);  // one a page
  EXPECT_NE(said(e.limits[0]).find("more than jixiao's limit of 10 characters"), std::string::npos);

  Bounds few_objects;
  few_objects.max_objects = 5;
  e = extract(two_pages, few_objects);
  ASSERT_EQ(e.limits.size(), 1u);
  EXPECT_NE(said(e.limits[0]).find("nothing is read"), std::string::npos);
  EXPECT_TRUE(e.lines.empty());
  EXPECT_TRUE(e.error.empty()) << said(e.error);  // the limit says why, not a second message

  // A page over the PDF's own limit of 14,400 pt a side is skipped; no
  // bitmap of it is ever made, so its size costs nothing.
  e = extract(pdf_file("huge-page.pdf"));
  ASSERT_EQ(e.limits.size(), 1u);
  EXPECT_NE(said(e.limits[0]).find("20000 x 20000 pt"), std::string::npos) << said(e.limits[0]);
}

// A PDF built here, not kept in testdata/: objects numbered from 1 (the
// catalog), with a correct cross-reference table.
std::string pdf_of(const std::vector<std::string>& objects) {
  std::string out = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (const std::size_t offset : offsets) {
    std::string number = std::to_string(offset);
    out += std::string(10 - number.size(), '0') + number + " 00000 n \n";
  }
  return out + "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
}

std::string stream(const std::string& dict, const std::string& data) {
  return "<< " + dict + " /Length " + std::to_string(data.size()) + " >>\nstream\n" + data +
         "\nendstream";
}

// `count` pages that all draw one content stream, as a program that writes
// the same trivial page many times does (objects 3 and 4 are the font and the
// content, which `form`, if given, may draw as /X: object 5).
std::string pages_of(int count, const std::string& content, const std::string& form = "") {
  std::vector<std::string> objects{
      "<< /Type /Catalog /Pages 2 0 R >>", "",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", stream("", content),
      stream("/Type /XObject /Subtype /Form /BBox [0 0 612 792]", form)};
  std::string kids;
  for (int i = 0; i < count; ++i) {
    kids += std::to_string(objects.size() + 1) + " 0 R ";
    objects.push_back(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R "
        ">> /XObject << /X 5 0 R >> >> /Contents 4 0 R >>");
  }
  objects[1] = "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(count) + " >>";
  return pdf_of(objects);
}

const std::string kOneWord = "BT /F1 12 Tf 72 720 Td (x) Tj ET\n";

long pages_read(const Extraction& e) { return std::count(e.lines.begin(), e.lines.end(), "\f"); }

TEST(PdfReader, FiftyThousandTrivialPagesAreCutAtThePageBound) {
  // Poppler reads the page count from the page tree and a page only when it
  // is asked for, so the pages past the bound cost nothing.
  const Extraction e = extract(pages_of(50000, kOneWord));
  EXPECT_EQ(e.pages, 50000);
  EXPECT_EQ(pages_read(e), 5000);
  ASSERT_EQ(e.limits.size(), 1u);
  EXPECT_NE(said(e.limits[0]).find("a PDF of 50000 pages: only the first 5000 are read"),
            std::string::npos);
}

TEST(PdfReader, PagesThatShareOneContentStreamAreBoundTogether) {
  // Each page draws one word, and 1 MiB of white space that poppler reads
  // for every page: 50,000 such pages in a 9 MB file took 32 s for their
  // first 5,000 (and more with more white space), under every bound on
  // characters and lines. Now the drawing instructions are measured before
  // each page is drawn, and all pages share one budget.
  const std::string content = kOneWord + std::string(std::size_t{1} << 20, ' ');
  const std::string pdf = pages_of(50000, content);
  const Extraction e = extract(pdf);
  const long expected = static_cast<long>(Bounds{}.max_content_bytes / content.size());
  EXPECT_EQ(expected, 127);
  EXPECT_EQ(pages_read(e), expected);
  ASSERT_EQ(e.limits.size(), 2u);
  EXPECT_NE(said(e.limits[1])
                .find("the pages hold more drawing instructions than jixiao's limit of "
                      "128 MiB for a PDF: pages 128 to 50000 are not read"),
            std::string::npos)
      << said(e.limits[1]);
  // …and the conversion says so.
  const std::string path = test::scratch_path("shared-content.pdf");
  std::ofstream(path, std::ios::binary) << pdf;
  const auto r = test::run("jixiao convert " + path + " 2>&1 >/dev/null");
  EXPECT_NE(r.out.find(": error: the pages hold more drawing instructions than jixiao's limit of "
                       "128 MiB for a PDF: pages 128 to 50000 are not read; split it (e.g. `qpdf "
                       "--split-pages`) to read the rest [pdf-too-large]"),
            std::string::npos)
      << r.out;
  std::filesystem::remove(path);
}

TEST(PdfReader, APageOrItsFormsPastTheBoundOnInstructionsAreNotRead) {
  Bounds small;
  small.max_content_bytes_per_page = 10000;
  // A page whose own instructions are over the bound is not drawn at all.
  Extraction e = extract(pages_of(3, kOneWord + std::string(10000, ' ')), small);
  EXPECT_TRUE(e.lines.empty());  // nothing read: the limits say why
  ASSERT_EQ(e.limits.size(), 3u);
  EXPECT_NE(said(e.limits[0]).find("page 1 holds more drawing instructions than jixiao's limit"),
            std::string::npos)
      << said(e.limits[0]);
  // A form is charged each time it is drawn: 1,000 times 100 bytes pass the
  // bound, and nothing after that is drawn, in the form or on the page.
  std::string draws;
  for (int i = 0; i < 1000; ++i) draws += "/X Do\n";
  std::string form = "BT /F1 12 Tf 72 700 Td (in) Tj ET\n";
  form += std::string(100 - form.size(), ' ');
  e = extract(pages_of(1, kOneWord + draws + "BT /F1 12 Tf 72 600 Td (after) Tj ET", form), small);
  ASSERT_EQ(e.limits.size(), 1u);
  EXPECT_NE(
      said(e.limits[0]).find("page 1 draws forms past jixiao's limit of drawing instructions"),
      std::string::npos)
      << said(e.limits[0]);
  EXPECT_NE(std::find(e.lines.begin(), e.lines.end(), "in"), e.lines.end());
  EXPECT_EQ(std::find(e.lines.begin(), e.lines.end(), "after"), e.lines.end());
}

TEST(PdfReader, SaysWhyAPdfCannotBeRead) {
  for (const auto& [name, start] :
       {std::pair{"encrypted", "an encrypted PDF"}, std::pair{"damaged", "a damaged PDF"},
        std::pair{"no-text", "a PDF with no text layer"}}) {
    const Extraction e =
        extract(test::read_file(test::source_dir() + "/testdata/pdf/" + name + ".pdf"));
    EXPECT_TRUE(said(e.error).starts_with(start)) << name << ": " << said(e.error);
    EXPECT_TRUE(e.lines.empty());
  }
}

}  // namespace
}  // namespace jixiao::pdf
