// The layout stage's readers, each on small made-up inputs: comma-separated
// cells (in the tokenizer), marked cells, the indented tree and the word
// reader.
#include "layout/layout.h"

#include <gtest/gtest.h>

#include <sstream>

#include "convert/convert.h"
#include "parse/aligned.h"
#include "parse/reading_order.h"

namespace jixiao::layout {
namespace {

const grammar::Grammar& g() { return grammar::default_grammar(); }

const tokenize::Tokenizer& tokenizer() {
  static const tokenize::Tokenizer t(g());
  return t;
}

tokenize::Row row_of(std::string_view line, int number = 1) {
  static const normalize::Normalizer normalizer;
  return tokenizer().tokenize(number, line, normalizer.normalize(line));
}

std::vector<std::string> texts(const tokenize::Row& row) {
  std::vector<std::string> out;
  for (const auto& cell : row.cells) out.push_back(cell.text);
  return out;
}

using Cells = std::vector<std::string>;

// Every line through the whole layout stage; the rows it hands on.
std::vector<tokenize::Row> assemble(const std::vector<std::string>& lines) {
  Assembler assembler(g(), tokenizer());
  std::vector<tokenize::Row> out;
  const auto keep = [&](tokenize::Row&& r) { out.push_back(std::move(r)); };
  for (std::size_t i = 0; i < lines.size(); ++i)
    assembler.push(row_of(lines[i], static_cast<int>(i) + 1), keep);
  assembler.finish(keep);
  return out;
}

// ------------------------------------------------------------- csv

TEST(CsvLayout, SplitsAtCommasOutsideQuotes) {
  const auto row = row_of(R"(产出指标,数量指标,"举办讲座,培训","≥4 场次")");
  EXPECT_EQ(row.layout, tokenize::Layout::csv);
  EXPECT_EQ(texts(row), (Cells{"产出指标", "数量指标", "举办讲座,培训", "≥4 场次"}));
}

TEST(CsvLayout, KeepsBlankCellsAndReadsDoubledQuotes) {
  const auto row = row_of(R"(,,"称为""科普日""的活动",1 场)");
  EXPECT_EQ(texts(row), (Cells{"", "", "称为\"科普日\"的活动", "1 场"}));
}

TEST(CsvLayout, FullWidthCommasAndThousandsAreNoSeparators) {
  EXPECT_FALSE(tokenize::is_csv_row("主要用于提升科普服务能力，开展科普品牌活动，推动"));
  EXPECT_FALSE(tokenize::is_csv_row("受益群众 1,200 人次"));
  EXPECT_TRUE(tokenize::is_csv_row("项目名称,科普经费,,"));
  EXPECT_FALSE(tokenize::is_csv_row("a\tb,c,d"));
}

TEST(CsvLayout, AnOpenQuotedCellGoesOnOverTheNextLine) {
  EXPECT_TRUE(tokenize::opens_csv_cell(R"(项目年度绩效目标,"本项目主要用于提升)"));
  EXPECT_FALSE(tokenize::opens_csv_cell(R"(项目年度绩效目标,"本项目",,)"));
  EXPECT_FALSE(tokenize::opens_csv_cell(R"(他说"好)"));  // no cell opens there
}

TEST(CsvLayout, AConversionJoinsTheLinesOfAQuotedCell) {
  std::istringstream in(
      "项目名称,科普经费,,\r\n项目年度绩效目标,\"提升科普能力。\r\n开展活动。\",,\r\n"
      "一级指标,二级指标,三级指标,指标值\r\n产出指标,数量指标,举办讲座,≥4 场次\r\n");
  const model::Document doc = convert::Converter(g()).convert(in, "t.csv");
  ASSERT_EQ(doc.projects.size(), 1u);
  const model::Project& p = doc.projects[0];
  EXPECT_EQ(p.layout, "csv");
  EXPECT_EQ(p.goal, "提升科普能力。开展活动。");
  ASSERT_EQ(p.indicators.size(), 1u);
  EXPECT_EQ(p.indicators[0].line, 5);
  const auto& header = p.source_lines.at("header");
  EXPECT_NE(std::find(header.begin(), header.end(), 3), header.end());  // the cell's 2nd line
}

// ----------------------------------------------------- marked cells

TEST(MarkedCells, CellsEndingInAPipeMakeARowThatAPipeLineEnds) {
  const auto rows =
      assemble({"产出指标 |", "数量指标 |", "培训人数 |", "≥100人 |", "||", "满意度指标 |"});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].layout, tokenize::Layout::marked_cells);
  EXPECT_EQ(texts(rows[0]), (Cells{"产出指标", "数量指标", "培训人数", "≥100人"}));
  EXPECT_EQ(rows[0].line, 1);
  EXPECT_EQ(rows[0].last_line, 5);
  EXPECT_EQ(texts(rows[1]), (Cells{"满意度指标"}));
}

TEST(MarkedCells, CellsFollowedByAPipeLineMakeARowThatABlankLineEnds) {
  const auto rows = assemble({"项目名称", "|", "科普经费", "|", "", "产出指标", "|", "培训", "|"});
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(texts(rows[0]), (Cells{"项目名称", "科普经费"}));
  EXPECT_EQ(rows[1].kind, tokenize::RowKind::blank);
  EXPECT_EQ(texts(rows[2]), (Cells{"产出指标", "培训"}));
}

TEST(MarkedCells, OtherLinesPassInTheirOrder) {
  const auto rows = assemble({"附件2", "项目名称\t科普经费", "说明文字"});
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].line, 1);
  EXPECT_EQ(rows[1].line, 2);
  EXPECT_EQ(rows[2].line, 3);
}

// ---------------------------------------------------- indented tree

TEST(IndentedTree, ANameAndItsDeeperValueAreOneRow) {
  const auto rows = assemble({"产出指标", "  数量指标", "    培训人数", "      ≥100人"});
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(texts(rows[1]), (Cells{"数量指标"}));
  EXPECT_EQ(rows[2].layout, tokenize::Layout::indented);
  EXPECT_EQ(texts(rows[2]), (Cells{"培训人数", "≥100人"}));
  EXPECT_EQ(rows[2].last_line, 4);
}

TEST(IndentedTree, NotInSpaceAlignedText) {
  // After a row of several cells (pdftotext -layout), indentation is a
  // column's place.
  const auto rows = assemble({"产出指标    数量指标    培训", "    宣传", "      ≥100人"});
  ASSERT_EQ(rows.size(), 3u);
}

// ----------------------------------------------------------- words

TEST(WordReader, SingleSpacesPartTheCellsOfARow) {
  const auto rows = assemble({"项目名称 科普经费 主管部门 某县科协"});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].layout, tokenize::Layout::words);
  EXPECT_EQ(texts(rows[0]), (Cells{"项目名称", "科普经费"}));
  EXPECT_EQ(texts(rows[1]), (Cells{"主管部门", "某县科协"}));
  EXPECT_EQ(rows[1].cells[0].column, 11);
}

TEST(WordReader, CellsRunTogetherAreSplitAtTheGrammarsWords) {
  auto rows = assemble({"产出指标数量指标培训人数≥100人"});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(texts(rows[0]), (Cells{"产出指标", "数量指标", "培训人数", "≥100人"}));
  rows = assemble({"主管部门某县科协实施单位某县科协本级"});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(texts(rows[1]), (Cells{"实施单位", "某县科协本级"}));
}

TEST(WordReader, AUnitOrANumberAfterASpaceStaysWithTheValue) {
  const auto rows = assemble({"成本指标 经济成本指标 工作补助 不超过 57.6 万元"});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(texts(rows[0]), (Cells{"成本指标", "经济成本指标", "工作补助", "不超过 57.6 万元"}));
}

TEST(WordReader, AWholeDocumentOnOneLineBecomesItsRows) {
  const auto rows = assemble(
      {"2026年项目支出绩效目标表 项目名称 科普经费 主管部门 某县科协 一级指标 二级指标 三级指标 "
       "指标值 产出指标 数量指标 培训人数 ≥100 人 场地 2 个 满意度指标 服务对象满意度指标 "
       "群众满意度 ≥90%"});
  std::vector<Cells> got;
  for (const auto& r : rows) got.push_back(texts(r));
  EXPECT_EQ(got, (std::vector<Cells>{{"2026年项目支出绩效目标表"},
                                     {"项目名称", "科普经费"},
                                     {"主管部门", "某县科协"},
                                     {"一级指标", "二级指标", "三级指标", "指标值"},
                                     {"产出指标", "数量指标", "培训人数", "≥100 人"},
                                     {"场地", "2 个"},
                                     {"满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"}}));
  EXPECT_EQ(rows[0].kind, tokenize::RowKind::title);
}

TEST(WordReader, ANameWithoutAValueBeforeAnotherName) {
  const auto rows =
      assemble({"2026年项目支出绩效目标表 项目名称 科普经费 主管部门 某县科协 产出指标 "
                "数量指标 科普信息化推广 宣传栏 6 个"});
  ASSERT_GE(rows.size(), 2u);
  EXPECT_EQ(texts(rows[rows.size() - 2]), (Cells{"产出指标", "数量指标", "科普信息化推广"}));
  EXPECT_EQ(texts(rows.back()), (Cells{"宣传栏", "6 个"}));
}

TEST(WordReader, LeavesALineItIsNotSureOf) {
  // Two cells of plain pdftotext text on a line: the name's number has a
  // space in it and no value follows.
  auto rows = assemble({"经济效益指标 指标 1：带动群众增收"});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].layout, tokenize::Layout::tab);
  // Two column labels run together: a column header written one per line.
  rows = assemble({"绩效指标一级指标"});
  EXPECT_EQ(rows[0].layout, tokenize::Layout::tab);
  // No grammar word where the line starts: prose.
  rows = assemble({"根据 预算法 有关要求 2021年3月1日"});
  EXPECT_EQ(rows[0].layout, tokenize::Layout::tab);
  // Blank cells beside it: a tab row as it stands.
  rows = assemble({"\t生态效益指标(选填)\t\t"});
  EXPECT_EQ(rows[0].layout, tokenize::Layout::tab);
  ASSERT_EQ(rows[0].filled().size(), 1u);
  EXPECT_EQ(rows[0].filled()[0]->text, "生态效益指标(选填)");
}

TEST(WordReader, TheRowsOwnSecondLevelAgainIsAName) {
  const auto rows = assemble({"满意度指标 服务对象满意度指标 服务对象满意度 ≥90%"});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(texts(rows[0]).at(2), "服务对象满意度");
}

TEST(WordReader, WhereAValueBegins) {
  const values::ValueParser values(g());
  const WordReader words(g(), values);
  EXPECT_EQ(words.value_start("培训人数≥100人", {}, false), std::string("培训人数").size());
  EXPECT_EQ(words.value_start("公众科学素养持续提升", {}, false),
            std::string("公众科学素养").size());
  EXPECT_EQ(words.value_start("受益群众 1,200 人次", {}, false), std::string("受益群众 ").size());
  // A value alone, or a value cut by a wrap, has no name in it.
  EXPECT_EQ(words.value_start("≥ 258 天", {}, false), 0u);
  EXPECT_EQ(words.value_start("1 项(≥ 1370", {}, false), 0u);
  // A last space parts a qualitative value, or any value where the table's
  // cells are parted by spaces.
  const std::string spaced = "危桥评定等级 一类或二类";
  EXPECT_EQ(words.value_start(spaced, {}, false), 0u);
  EXPECT_EQ(words.value_start(spaced, {}, true), std::string("危桥评定等级 ").size());
}

TEST(WordPieces, DroppedSpacesPartPieces) {
  // `公众科学素养 持续提升`: normalization joined the two, the break remains.
  const auto row = row_of("公众科学素养 持续提升");
  ASSERT_EQ(row.breaks.size(), 1u);
  const auto pieces = word_pieces(row.cells[0].text, row.breaks, g());
  ASSERT_EQ(pieces.size(), 2u);
  EXPECT_EQ(pieces[1].text, "持续提升");
  EXPECT_TRUE(pieces[1].spaced);
}

// ------------------------------------------ tables read whole (parse)

namespace {

// A context as the parser gives one, with a plain classification: level
// labels by the grammar, everything else content.
parse::ReaderContext plain_context(const values::ValueParser& values) {
  return parse::ReaderContext{g(), values,
                              [](const tokenize::Row& row) {
                                std::vector<parse::ClassifiedCell> out;
                                for (const auto* cell : row.filled()) {
                                  const auto levels = g().match_levels(cell->text);
                                  if (levels.level1 && !levels.level2)
                                    out.push_back({cell, parse::CellRole::level1, *levels.level1});
                                  else if (levels.level2)
                                    out.push_back({cell, parse::CellRole::level2, *levels.level2});
                                  else
                                    out.push_back({cell, parse::CellRole::content, -1});
                                }
                                return out;
                              },
                              [](std::string_view) { return false; },
                              [](std::string_view) { return false; }};
}

// The table AlignedTable rebuilds from `lines`, the first its column header.
parse::TableModel read_aligned(const std::vector<std::string>& lines) {
  const values::ValueParser values(g());
  parse::AlignedTable table;
  for (std::size_t i = 0; i < lines.size(); ++i)
    table.add(row_of(lines[i], static_cast<int>(i) + 1), i == 0);
  return table.read(plain_context(values));
}

std::vector<Cells> model_rows(const parse::TableModel& model) {
  std::vector<Cells> out;
  for (const auto& m : model.rows) out.push_back(texts(m.row));
  return out;
}

}  // namespace

TEST(AlignedTable, RebuildsWrappedNamesAndCentredLabels) {
  const std::vector<std::string> lines = {
      // pdftotext -layout counts a CJK character as one column.
      "一级指标        二级指标        三级指标              指标值",
      "                        举办讲座                      ≥6 场次",
      "产出指标        数量指标        开展科普大篷车进校园",
      "                        联合巡展                      ≥15 场次",
      "                        科技志愿服务活动              ≥20 场次"};
  const parse::TableModel model = read_aligned(lines);
  EXPECT_EQ(
      model_rows(model),
      (std::vector<Cells>{{"产出指标", "数量指标", "举办讲座", "≥6 场次"},
                          {"产出指标", "数量指标", "开展科普大篷车进校园联合巡展", "≥15 场次"},
                          {"产出指标", "数量指标", "科技志愿服务活动", "≥20 场次"}}));
  EXPECT_EQ(model.rows[1].lines, (std::vector<int>{3, 4}));
}

// Word's cells hold their text at the top: the table's first row carries
// both levels' labels and each later block its label on its first row, so
// the rows under a label are its block, not the next label's.
TEST(AlignedTable, LabelsAtTheTopOfTheirBlocksStartThem) {
  const std::vector<std::string> lines = {
      "一级指标       二级指标         三级指标         指标值",
      "产出指标       数量指标         清运积存垃圾       ≥1.2万吨",
      "                        整治背街小巷       ≥40条",
      "           时效指标         集中整治时段       2020年11月",
      "                        项目实施周期       2020.1—2020.12",
      "                        设施维护期        12个月",
      "效益指标       社会效益指标       城乡环境面貌       明显改善"};
  const parse::TableModel model = read_aligned(lines);
  EXPECT_EQ(model_rows(model),
            (std::vector<Cells>{{"产出指标", "数量指标", "清运积存垃圾", "≥1.2万吨"},
                                {"产出指标", "数量指标", "整治背街小巷", "≥40条"},
                                {"产出指标", "时效指标", "集中整治时段", "2020年11月"},
                                {"产出指标", "时效指标", "项目实施周期", "2020.1—2020.12"},
                                {"产出指标", "时效指标", "设施维护期", "12个月"},
                                {"效益指标", "社会效益指标", "城乡环境面貌", "明显改善"}}));
}

// The same rows with their labels centred (the first row of a block of three
// lacks its label): each label is its block's middle, as before.
TEST(AlignedTable, CentredLabelsStayTheMiddlesOfTheirBlocks) {
  const std::vector<std::string> lines = {
      "一级指标       二级指标         三级指标         指标值",
      "           数量指标         清运积存垃圾       ≥1.2万吨",
      "                        整治背街小巷       ≥40条",
      "产出指标                    集中整治时段       2020年11月",
      "           时效指标         项目实施周期       2020.1—2020.12",
      "                        设施维护期        12个月",
      "效益指标       社会效益指标       城乡环境面貌       明显改善"};
  const parse::TableModel model = read_aligned(lines);
  EXPECT_EQ(model_rows(model),
            (std::vector<Cells>{{"产出指标", "数量指标", "清运积存垃圾", "≥1.2万吨"},
                                {"产出指标", "数量指标", "整治背街小巷", "≥40条"},
                                {"产出指标", "时效指标", "集中整治时段", "2020年11月"},
                                {"产出指标", "时效指标", "项目实施周期", "2020.1—2020.12"},
                                {"产出指标", "时效指标", "设施维护期", "12个月"},
                                {"效益指标", "社会效益指标", "城乡环境面貌", "明显改善"}}));
}

// A value split over cells under one header (`指标值` over `≥ | 12000 |
// 平方米`) beside a column of weights: the weights' column begins where it
// holds one number a line, and the value keeps its number and unit.
TEST(AlignedTable, AValueSplitOverCellsBesideWeightsIsOneValue) {
  const std::vector<std::string> lines = {
      "一级指标       二级指标        三级指标        指标值                    分值",
      "产出指标       数量指标        维修校舍面积      ≥      12000     平方米   20",
      "           时效指标        维修工程完工时间    ⩽      2023年8月         10",
      "效益指标       社会效益指标      校舍安全隐患      小于等于   0         处     15"};
  const parse::TableModel model = read_aligned(lines);
  EXPECT_EQ(
      model_rows(model),
      (std::vector<Cells>{{"产出指标", "数量指标", "维修校舍面积", "≥ 12000 平方米", "20"},
                          {"产出指标", "时效指标", "维修工程完工时间", "⩽ 2023年8月", "10"},
                          {"效益指标", "社会效益指标", "校舍安全隐患", "小于等于 0 处", "15"}}));
}

// Centred labels where two readings fit as well (时效指标 on the upper of
// its block's two middle lines, or on the middle of one row, the next block
// taking the other): the one whose second levels stay in their first
// levels' blocks wins.
TEST(AlignedTable, ASecondLevelsBlockStaysInItsFirstLevels) {
  const std::vector<std::string> lines = {
      "一级指标       二级指标         三级指标         指标值",
      "           数量指标         维修校舍面积       12000平方米",
      "产出指标       时效指标         项目完成时间       2024年10月",
      "                        验收完成时间       2024年12月",
      "                        校舍安全隐患       基本消除",
      "效益指标       社会效益指标       师生安全感        明显提升",
      "                        家长放心程度       明显提升"};
  const parse::TableModel model = read_aligned(lines);
  EXPECT_EQ(model_rows(model),
            (std::vector<Cells>{{"产出指标", "数量指标", "维修校舍面积", "12000平方米"},
                                {"产出指标", "时效指标", "项目完成时间", "2024年10月"},
                                {"产出指标", "时效指标", "验收完成时间", "2024年12月"},
                                {"效益指标", "社会效益指标", "校舍安全隐患", "基本消除"},
                                {"效益指标", "社会效益指标", "师生安全感", "明显提升"},
                                {"效益指标", "社会效益指标", "家长放心程度", "明显提升"}}));
}

TEST(ReadingOrderTable, PairsNamesAndValuesAndPlacesTheLevels) {
  const values::ValueParser values(g());
  parse::ReadingOrderTable table(plain_context(values));
  const std::vector<std::string> lines = {"产出指标",
                                          "数量指标",
                                          "举办科普知识讲座培训",
                                          "≥4 场次",
                                          "开展科普志愿服务活动人数",
                                          "≥100 人",
                                          "满意度指标",
                                          "服务对象满意度指标",
                                          "参加培训群众满意度",
                                          "≥90%"};
  for (std::size_t i = 0; i < lines.size(); ++i)
    table.add(row_of(lines[i], static_cast<int>(i) + 1));
  const parse::TableModel model = table.read(/*paged=*/false);
  EXPECT_EQ(
      model_rows(model),
      (std::vector<Cells>{{"产出指标", "数量指标", "举办科普知识讲座培训", "≥4 场次"},
                          {"产出指标", "数量指标", "开展科普志愿服务活动人数", "≥100 人"},
                          {"满意度指标", "服务对象满意度指标", "参加培训群众满意度", "≥90%"}}));
  EXPECT_EQ(model.rows[2].lines, (std::vector<int>{9, 10}));
}

}  // namespace
}  // namespace jixiao::layout
