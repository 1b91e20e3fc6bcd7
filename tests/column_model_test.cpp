// The column model of space-aligned text (parse/column_model.h), the
// column reader of AlignedTable and the header block (layout::HeaderBlock),
// on small made-up tables laid out as pdftotext -layout lays out narrow
// columns: wrapped labels, cells one space apart, centred headers.
#include "parse/column_model.h"

#include <gtest/gtest.h>

#include "layout/layout.h"
#include "parse/aligned.h"
#include "source/input.h"

namespace jixiao::parse {
namespace {

const grammar::Grammar& g() { return grammar::default_grammar(); }

const tokenize::Tokenizer& tokenizer() {
  static const tokenize::Tokenizer t(g());
  return t;
}

tokenize::Row row_of(std::string_view line, int number) {
  static const normalize::Normalizer normalizer;
  return tokenizer().tokenize(number, line, normalizer.normalize(line));
}

std::vector<tokenize::Row> rows_of(const std::vector<std::string>& lines, int first = 1) {
  std::vector<tokenize::Row> out;
  for (std::size_t i = 0; i < lines.size(); ++i)
    out.push_back(row_of(lines[i], first + static_cast<int>(i)));
  return out;
}

std::vector<const tokenize::Row*> pointers(const std::vector<tokenize::Row>& rows) {
  std::vector<const tokenize::Row*> out;
  for (const auto& row : rows) out.push_back(&row);
  return out;
}

bool is_label(std::string_view text) { return g().match_column(text).has_value(); }

using Cells = std::vector<std::string>;

Cells texts(const tokenize::Row& row) {
  Cells out;
  for (const auto& cell : row.cells) out.push_back(cell.text);
  return out;
}

TEST(HeaderColumns, PiecesThatOverlapAreOneHeaderCell) {
  // `二级绩效指` above its line, `标` below: one header cell each.
  const auto band = rows_of({"         二级绩效指",
                             "一级绩效指标                三级绩效指标                  绩效值",
                             "           标"});
  const auto columns = header_columns(pointers(band), is_label);
  ASSERT_EQ(columns.size(), 4u);
  EXPECT_EQ(columns[0].header, "一级绩效指标");
  EXPECT_EQ(columns[1].header, "二级绩效指标");
  EXPECT_EQ(columns[2].header, "三级绩效指标");
  EXPECT_EQ(columns[3].header, "绩效值");
}

TEST(HeaderColumns, PiecesOneSpaceApartThatMakeOneLabel) {
  const auto band = rows_of({"一级指标 二级指标   三级 指标    指标值"});
  const auto columns = header_columns(pointers(band), is_label);
  ASSERT_EQ(columns.size(), 4u);
  EXPECT_EQ(columns[2].header, "三级指标");
}

TEST(PlaceColumns, AColumnBeginsWhereItsCellsBeginNotUnderItsCentredHeader) {
  const auto band = rows_of({"一级指标   二级指标              三级指标          指标值"});
  auto columns = header_columns(pointers(band), is_label);
  // Names start at 16, well left of their centred header (at 28); values at 40.
  const auto body = rows_of({"                举办培训班                      ≥6 期",
                             "       数量指标 受训人数                          ≥300 人",
                             "                编印宣传材料                    2000 份"},
                            2);
  place_columns(columns, pointers(body));
  ASSERT_EQ(columns.size(), 4u);
  EXPECT_LE(columns[2].left, 12);  // 受训人数 one space after 数量指标 (7 to 10)
  EXPECT_GE(columns[2].left, 11);
  EXPECT_GT(columns[3].left, 22);
  EXPECT_LE(columns[3].left, 40);
}

TEST(PlaceColumns, ALabelsWrappedEndDoesNotBeginTheNextColumn) {
  const auto band = rows_of({"一级指标 二级指标          三级指标           指标值"});
  auto columns = header_columns(pointers(band), is_label);
  // `指标）`, first on its line and left of where names begin (12), ends the
  // label `（必填硬性指标）` above it.
  const auto body = rows_of(
      {"            1.发放补贴资金户数        ≥ 9927 户", "       （必填硬性 2.围绕农技服务，建设",
       "         指标） 高标准农田              ≥ 77300 亩",
       "            1. 政策知晓率             91 %"},
      2);
  place_columns(columns, pointers(body));
  ASSERT_EQ(columns.size(), 4u);
  EXPECT_GE(columns[2].left, 12);
  EXPECT_LE(columns[2].left, 13);
}

TEST(Fragments, ANumberOrANumberedNameOneSpaceAfterTheColumnBeforeIsTheNextColumns) {
  std::vector<GridColumn> columns(4);
  columns[0].left = std::numeric_limits<int>::min();
  columns[1].left = 6;
  columns[2].left = 14;
  columns[3].left = 26;
  auto begins = [](int column, std::string_view, std::string_view text) {
    if (column == 2) return text.starts_with("1.") || text.starts_with("指标");
    if (column == 3) return !text.empty() && text.front() >= '0' && text.front() <= '9';
    return false;
  };
  // `1.户均增收` one place short of the name column; `1 项(≥34300` one
  // space after the name, two places short of the value column.
  const auto line = row_of("       经济效益指 1.户均增收入户数额 1 项(≥34300 亩)", 1);
  const auto fragments = fragments_of(line, columns, begins);
  ASSERT_EQ(fragments.size(), 3u);
  EXPECT_EQ(fragments[0].column, 1);
  EXPECT_EQ(fragments[1].column, 2);
  EXPECT_EQ(fragments[1].text, "1.户均增收入户数额");
  EXPECT_EQ(fragments[2].column, 3);
  EXPECT_EQ(fragments[2].text, "1 项(≥34300 亩)");
}

TEST(Fragments, AUnitOneSpaceAfterItsNumberStaysWithIt) {
  std::vector<GridColumn> columns(3);
  columns[0].left = std::numeric_limits<int>::min();
  columns[1].left = 10;
  columns[2].left = 20;
  auto never = [](int, std::string_view, std::string_view) { return false; };
  // `元` stands past the next column's start (pdftotext spaced the line
  // wide), one space after its number.
  const auto line = row_of("≤ 117 元          99450 元  9", 1);
  const auto fragments = fragments_of(line, columns, never);
  ASSERT_EQ(fragments.size(), 3u);
  EXPECT_EQ(fragments[1].column, 1);
  EXPECT_EQ(fragments[1].text, "99450 元");
  EXPECT_EQ(fragments[2].column, 2);
  EXPECT_EQ(fragments[2].text, "9");
}

TEST(Fragments, ANumberAFewPlacesShortOfTheNextColumnWithAGapAfterItStaysInItsOwn) {
  std::vector<GridColumn> columns(3);
  columns[0].left = std::numeric_limits<int>::min();
  columns[1].left = 20;  // 分值
  columns[2].left = 31;  // 得分
  auto any = [](int, std::string_view, std::string_view) { return true; };
  // `6` three places short of the score column, the score nine places on:
  // a weight and a score, not one cell that drifted.
  const auto line = row_of("培训人数" + std::string(24, ' ') + "6         6", 1);
  const auto fragments = fragments_of(line, columns, any);
  ASSERT_EQ(fragments.size(), 3u);
  EXPECT_EQ(fragments[1].column, 1);
  EXPECT_EQ(fragments[1].text, "6");
  EXPECT_EQ(fragments[2].column, 2);
  EXPECT_EQ(fragments[2].text, "6");
  // With the word after it in a column further on, it is the next column's.
  columns.push_back(GridColumn{});
  columns[3].left = 45;  // 偏差原因分析
  const auto squeezed = row_of(
      "未完全达到预期" + std::string(21, ' ') + "9.5" + std::string(15, ' ') + "项目资金下达较晚",
      2);
  const auto pieces = fragments_of(squeezed, columns, any);
  ASSERT_EQ(pieces.size(), 3u);
  EXPECT_EQ(pieces[1].column, 2);
  EXPECT_EQ(pieces[1].text, "9.5");
  EXPECT_EQ(pieces[2].column, 3);
}

TEST(FitColumns, APageWithoutAHeaderFindsEachColumnWhereItsCellsBegin) {
  std::vector<GridColumn> previous(4);
  previous[0].left = std::numeric_limits<int>::min();
  previous[1].left = previous[1].anchor = 9;
  previous[2].left = previous[2].anchor = 18;
  previous[3].left = 44;
  previous[3].anchor = 49;  // (its cells began a few places into the column)
  // The next page: its names shorter, pdftotext moved the values left.
  const auto body = rows_of(
      {"         可持续影响    设施使用年限   ≥20 年", "                  学生满意度       ≥92%",
       "满意度指标   服务对象满意度", "                  教职工满意度         ≥90%"});
  const auto columns = fit_columns(previous, pointers(body));
  ASSERT_EQ(columns.size(), 4u);
  EXPECT_LE(columns[2].left, 18);
  EXPECT_GT(columns[3].left, 24);
  EXPECT_LE(columns[3].left, 33);
}

// A context as the parser gives one, with a plain classification.
ReaderContext context(const values::ValueParser& values, const grammar::Grammar& grammar = g()) {
  return ReaderContext{grammar, values,
                       [&grammar](const tokenize::Row& row) {
                         std::vector<ClassifiedCell> out;
                         for (const auto* cell : row.filled()) {
                           const auto levels = grammar.match_levels(cell->text);
                           if (levels.level1 && !levels.level2)
                             out.push_back({cell, CellRole::level1, *levels.level1});
                           else if (levels.level2)
                             out.push_back({cell, CellRole::level2, *levels.level2});
                           else
                             out.push_back({cell, CellRole::content, -1});
                         }
                         return out;
                       },
                       [](std::string_view text) { return text.starts_with("指标"); },
                       [](std::string_view) { return false; }};
}

// The table AlignedTable rebuilds from `lines`, the first `header_lines` of
// them its column header.
TableModel read_aligned(const std::vector<std::string>& lines, std::size_t header_lines = 1,
                        const grammar::Grammar& grammar = g()) {
  const values::ValueParser values(grammar);
  AlignedTable table;
  for (std::size_t i = 0; i < lines.size(); ++i)
    table.add(row_of(lines[i], static_cast<int>(i) + 1), i < header_lines);
  return table.read(context(values, grammar));
}

// A line with each text starting at its character column, as pdftotext
// -layout places words (a CJK character one column).
std::string placed(const std::vector<std::pair<int, std::string>>& texts) {
  std::string line;
  int at = 0;
  for (const auto& [column, text] : texts) {
    if (at > 0 || column > 0) {
      const int spaces = std::max(column - at, 1);
      line.append(static_cast<std::size_t>(spaces), ' ');
      at += spaces;
    }
    line += text;
    at += static_cast<int>(source::char_count(text));
  }
  return line;
}

// Its rows' cells.
std::vector<Cells> cells_of(const TableModel& model) {
  std::vector<Cells> rows;
  for (const auto& m : model.rows) rows.push_back(texts(m.row));
  return rows;
}

TEST(AlignedTable, NarrowColumnsWrappedLabelsAndValuesBelowTheirNames) {
  const std::vector<std::string> lines = {"一级绩效指 二级绩效",
                                          "                三级绩效指标         绩效值",
                                          "  标    指标",
                                          "              指标 1:完成人工造    1 项(≥ 5 万",
                                          "              林                亩)",
                                          "       数量指标",
                                          "              指标 2:开展防火巡    1 项(≥ 158",
                                          "              查                  次)",
                                          "产出指标",
                                          "       质量指标 指标 1:资金发放准确率",
                                          "              指标 2:项目验收合格率",
                                          "                             95%",
                                          "                             合格",
                                          "       时效指标 指标 1:验收完成时间  2023 年 6 月底前"};
  const TableModel model = read_aligned(lines, 2);
  ASSERT_TRUE(model.header.has_value());
  EXPECT_EQ(texts(*model.header),
            (Cells{"一级绩效指标", "二级绩效指标", "三级绩效指标", "绩效值"}));
  const std::vector<Cells> rows = cells_of(model);
  EXPECT_EQ(rows, (std::vector<Cells>{
                      {"产出指标", "数量指标", "指标 1:完成人工造林", "1 项(≥ 5 万亩)"},
                      {"产出指标", "数量指标", "指标 2:开展防火巡查", "1 项(≥ 158 次)"},
                      {"产出指标", "质量指标", "指标 1:资金发放准确率", "95%"},
                      {"产出指标", "质量指标", "指标 2:项目验收合格率", "合格"},
                      {"产出指标", "时效指标", "指标 1:验收完成时间", "2023 年 6 月底前"}}));
  EXPECT_EQ(model.rows[0].lines, (std::vector<int>{4, 5}));
}

TEST(AlignedTable, ATargetAndItsActualValueOneSpaceApart) {
  // pdftotext squeezed the first row: its actual value stands one space
  // after the target, well left of its column.
  const std::vector<std::string> lines = {
      "一级指标 二级指标   三级指标      年度指标值      实际完成值     分值",
      "产出指标 数量指标 购置设备 不少于 15 台套 20 台套             9",
      "     质量指标 档案规范率       96 %       96%       8"};
  const TableModel model = read_aligned(lines);
  const std::vector<Cells> rows = cells_of(model);
  EXPECT_EQ(rows, (std::vector<Cells>{
                      {"产出指标", "数量指标", "购置设备", "不少于 15 台套", "20 台套", "9"},
                      {"产出指标", "质量指标", "档案规范率", "96 %", "96%", "8"}}));
}

TEST(AlignedTable, TheTotalIsNoWrapOfTheLastName) {
  // (A self-evaluation's grammar names the total.)
  const grammar::Grammar& self_evaluation = *grammar::builtin_grammar("self-evaluation");
  // Names are numbered, so a line without a number would go on the name
  // above; `总分` is the table's total, a row of its own.
  const std::vector<std::string> lines = {
      "一级指标 二级指标   三级指标             指标值       分值",
      "产出指标 数量指标   指标 1:举办讲座      ≥4 场次     5",
      "            指标 2:培训人数      ≥100 人    5",
      "            指标 3:发放资料      ≥500 份    5",
      "            总分                          100"};
  const TableModel model = read_aligned(lines, 1, self_evaluation);
  ASSERT_EQ(model.rows.size(), 4u);
  EXPECT_EQ(texts(model.rows[2].row)[2], "指标 3:发放资料");
  EXPECT_EQ(texts(model.rows[3].row)[2], "总分");
}

TEST(AlignedTable, ANameSqueezedIntoTheLevelColumn) {
  // pdftotext squeezed the last two lines left: their names start inside the
  // level column, after the pieces of the label `服务对象满意度指标`.
  const std::vector<std::string> lines = {
      "       一级指标     二级指标              三级指标         指标值",
      "       产出指标     数量指标    设置交通标志标牌               ≥69 块",
      "       满意度指 服务对象满意 群众满意度                       94%",
      "         标    度指标  运输企业满意度                     99%"};
  const TableModel model = read_aligned(lines);
  const std::vector<Cells> rows = cells_of(model);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1], (Cells{"满意度指标", "服务对象满意度指标", "群众满意度", "94%"}));
  EXPECT_EQ(rows[2], (Cells{"满意度指标", "服务对象满意度指标", "运输企业满意度", "99%"}));
}

TEST(AlignedTable, ANameAFewPlacesIntoTheLevelColumnAloneOnItsLine) {
  // The names of a block whose labels are short stand left of the names
  // above, inside the level column, with no label piece before them on the
  // line: a name, not a piece of the label (`社会效益指` / `标` around it).
  const std::vector<std::string> lines = {
      placed({{7, "一级指标"}, {18, "二级指标"}, {34, "三级指标"}, {60, "指标值"}}),
      placed({{7, "产出指标"}, {18, "数量指标"}, {25, "培训残疾人"}, {55, "≥120 人"}}),
      placed({{15, "社会效益指"}}), placed({{7, "效益指标"}, {21, "社会影响力"}, {55, "不断扩大"}}),
      placed({{17, "标"}})};
  const TableModel model = read_aligned(lines);
  const std::vector<Cells> rows = cells_of(model);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1], (Cells{"效益指标", "社会效益指标", "社会影响力", "不断扩大"}));
}

TEST(AlignedTable, WithoutANameColumnTheSecondLevelsAreTheRows) {
  // `一级指标 | 二级指标 | 指标值`: each second level's line is a row, its
  // label where the name stands; with no label over the values, the text
  // right of the second levels is the value.
  for (const bool value_label : {true, false}) {
    std::vector<std::pair<int, std::string>> header = {{0, "一级指标"}, {11, "二级指标"}};
    if (value_label) header.push_back({23, "指标值"});
    const std::vector<std::string> lines = {
        placed(header), placed({{11, "数量指标"}, {23, "≥12个"}}),
        placed({{0, "产出指标"}, {11, "质量指标"}, {23, "≥95%"}}),
        placed({{11, "时效指标"}, {23, "2024年12月31日前"}}),
        placed({{0, "满意度指标"}, {11, "服务对象满意度指标"}, {23, "≥90%"}})};
    const TableModel model = read_aligned(lines);
    const std::vector<Cells> rows = cells_of(model);
    ASSERT_EQ(rows.size(), 4u) << value_label;
    EXPECT_EQ(rows[0], (Cells{"产出指标", "数量指标", "≥12个"}));
    EXPECT_EQ(rows[2], (Cells{"产出指标", "时效指标", "2024年12月31日前"}));
    EXPECT_EQ(rows[3], (Cells{"满意度指标", "服务对象满意度指标", "≥90%"}));
  }
}

TEST(AlignedTable, AValueColumnPerProjectKeepsItsCells) {
  // `三级指标 | 城关镇 | 东关镇`: headers no column label names, right of the
  // names, hold values, a cell a column (the parser reads each column as a
  // project).
  const std::vector<std::string> lines = {
      placed({{0, "一级指标"}, {11, "二级指标"}, {23, "三级指标"}, {35, "城关镇"}, {45, "东关镇"}}),
      placed(
          {{0, "产出指标"}, {11, "数量指标"}, {23, "清运垃圾"}, {35, "≥1200吨"}, {45, "≥800吨"}}),
      placed({{11, "质量指标"}, {23, "无害化处理率"}, {35, "≥95%"}, {45, "≥90%"}})};
  const TableModel model = read_aligned(lines);
  ASSERT_TRUE(model.header.has_value());
  EXPECT_EQ(texts(*model.header), (Cells{"一级指标", "二级指标", "三级指标", "城关镇", "东关镇"}));
  EXPECT_EQ(cells_of(model),
            (std::vector<Cells>{{"产出指标", "数量指标", "清运垃圾", "≥1200吨", "≥800吨"},
                                {"产出指标", "质量指标", "无害化处理率", "≥95%", "≥90%"}}));
}

TEST(AlignedTable, ProseCellsCentredOnTheirRowsArePartedByRow) {
  // The reasons for a deviation wrap over three lines around their row, the
  // last nearer the next row than its own; the rows around have `无`.
  auto row = [](std::string name, std::string reason, std::string levels = "") {
    std::vector<std::pair<int, std::string>> texts;
    if (!levels.empty()) texts.push_back({0, levels});
    for (auto text : {std::pair<int, std::string>{14, name},
                      {34, "≥90%"},
                      {44, "10"},
                      {50, "10"},
                      {56, reason}})
      texts.push_back(text);
    return placed(texts);
  };
  const std::vector<std::string> lines = {placed({{0, "一级指标"},
                                                  {7, "二级指标"},
                                                  {14, "三级指标"},
                                                  {34, "年度指标值"},
                                                  {44, "分值"},
                                                  {50, "得分"},
                                                  {56, "偏差原因分析及改进措施"}}),
                                          row("设备完好率", "无", "产出指标"),
                                          placed({{56, "受资金下达较晚影响部分"}}),
                                          row("验收合格率", "任务延后实施，下一步将加"),
                                          placed({{7, "质量指标"}}),
                                          placed({{56, "快推进进度"}}),
                                          row("资金到位率", "无"),
                                          row("档案规范率", "无")};
  const TableModel model = read_aligned(lines);
  const std::vector<Cells> rows = cells_of(model);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].back(), "无");
  EXPECT_EQ(rows[1].back(), "受资金下达较晚影响部分任务延后实施,下一步将加快推进进度");
  EXPECT_EQ(rows[2].back(), "无");
  EXPECT_EQ(rows[3].back(), "无");
}

TEST(AlignedTable, AUnitsEndUnderItsValueDoesNotPartTheNameBeside) {
  // Two lines each with a value beside them are two rows, unless the second
  // line's value is the end of the first's unit (`辆` + `次`).
  const std::vector<std::string> lines = {
      "一级指标 二级指标           三级指标         指标值",
      "产出指标 数量指标           开展执法检查       至少 549 次",
      "                    围绕公交服务检测车    不少于 7740 辆",
      "                    辆            次", "                    补贴城乡公交车辆     ≥261 辆"};
  const TableModel model = read_aligned(lines);
  const std::vector<Cells> rows = cells_of(model);
  EXPECT_EQ(rows, (std::vector<Cells>{
                      {"产出指标", "数量指标", "开展执法检查", "至少 549 次"},
                      {"产出指标", "数量指标", "围绕公交服务检测车辆", "不少于 7740 辆次"},
                      {"产出指标", "数量指标", "补贴城乡公交车辆", "≥261 辆"}}));
}

TEST(AlignedTable, AValuesWordsThatCrossIntoTheActualValuesColumnGoBack) {
  // `3 月-` stands past where actual values begin, one space after `2025 年`:
  // the two are no target and actual value (years, months), one value.
  const std::vector<std::string> lines = {
      "一级指标     二级指标     三级指标        年度指标值         实际完成值       分值",
      "产出指标     数量指标     培训人数        ≥1150 人次      1552 人次     6",
      "         时效指标     开展时间           2025 年 3 月-            6",
      "                                 2026 年 10 月"};
  const TableModel model = read_aligned(lines);
  ASSERT_EQ(model.rows.size(), 2u);
  EXPECT_EQ(texts(model.rows[1].row),
            (Cells{"产出指标", "时效指标", "开展时间", "2025 年 3 月- 2026 年 10 月", "", "6"}));
}

TEST(AlignedTable, NameLinesBesideTwoWholeValuesAreTwoRows) {
  // Each name line runs as wide as the column, so the lines would make one
  // cell; the two whole values beside them say they are two rows.
  const std::vector<std::string> lines = {
      "一级指标     二级指标     三级指标              指标值",
      "产出指标     数量指标     资助家庭经济困难学生补助      ≥11000 人",
      "                  购置教学仪器设备进一步提",
      "                                    =565 台套",
      "                  升教师队伍素质",
      "                  建设智慧教室            30 个"};
  EXPECT_EQ(cells_of(read_aligned(lines)),
            (std::vector<Cells>{
                {"产出指标", "数量指标", "资助家庭经济困难学生补助", "≥11000 人"},
                {"产出指标", "数量指标", "购置教学仪器设备进一步提升教师队伍素质", "=565 台套"},
                {"产出指标", "数量指标", "建设智慧教室", "30 个"}}));
}

TEST(AlignedTable, APageBreakStartsAPageWithColumnsOfItsOwn) {
  const values::ValueParser values(g());
  AlignedTable table;
  const std::vector<std::string> first = {
      "一级指标   二级指标          三级指标                      指标值",
      "          数量指标          举办科普讲座                  ≥6 场次",
      "产出指标   质量指标          讲座参训人员合格率            ≥90%"};
  for (std::size_t i = 0; i < first.size(); ++i)
    table.add(row_of(first[i], static_cast<int>(i) + 1), i == 0);
  table.page_break();
  // The next page, laid out narrower: its names and values further left.
  const std::vector<std::string> second = {
      "                      参训群众满意度    ≥90%",
      "满意度指标  服务对象满意度指标      讲师满意度      ≥85%",
      "                      社会公众满意度    ≥88%"};
  for (std::size_t i = 0; i < second.size(); ++i)
    table.add(row_of(second[i], static_cast<int>(i) + 5), false);
  const TableModel model = table.read(context(values));
  ASSERT_EQ(model.rows.size(), 5u);
  EXPECT_EQ(texts(model.rows[2].row),
            (Cells{"满意度指标", "服务对象满意度指标", "参训群众满意度", "≥90%"}));
  EXPECT_EQ(texts(model.rows[3].row),
            (Cells{"满意度指标", "服务对象满意度指标", "讲师满意度", "≥85%"}));
}

TEST(AlignedTable, ALabelAPageBreakCutIsTheLabelItBegins) {
  const values::ValueParser values(g());
  AlignedTable table;
  const std::vector<std::string> first = {
      placed({{0, "一级指标"}, {8, "二级指标"}, {18, "三级指标"}, {36, "指标值"}}),
      placed({{0, "产出指标"}, {8, "数量指标"}, {18, "举办培训班"}, {36, "≥5 期"}}),
      placed({{0, "效益指标"}, {8, "经济效益指"}}), placed({{10, "标"}}),
      placed({{8, "社会效益指"}, {18, "群众知晓率"}, {36, "≥90%"}})};
  for (std::size_t i = 0; i < first.size(); ++i)
    table.add(row_of(first[i], static_cast<int>(i) + 1), i == 0);
  table.page_break();
  // `标` of `社会效益指标` on the next page, beside the block's second row.
  table.add(row_of(placed({{10, "标"}, {18, "政策覆盖率"}, {36, "≥85%"}}), 6), false);
  const TableModel model = table.read(context(values));
  const std::vector<Cells> rows = cells_of(model);
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows.back(), (Cells{"效益指标", "社会效益指标", "政策覆盖率", "≥85%"}));
  EXPECT_EQ(rows[rows.size() - 2], (Cells{"效益指标", "社会效益指标", "群众知晓率", "≥90%"}));
}

TEST(AlignedTable, APageShiftedAndSqueezedFindsItsColumnsByWhatTheirCellsSay) {
  const values::ValueParser values(g());
  AlignedTable table;
  table.add(row_of(placed({{0, "绩效指标"},
                           {10, "一级指标"},
                           {21, "二级指标"},
                           {35, "三级指标"},
                           {53, "年度指标值"},
                           {69, "实际完成值"},
                           {85, "分值"},
                           {95, "得分"}}),
                   1),
            true);
  table.add(row_of(placed({{10, "产出指标"},
                           {21, "数量指标"},
                           {35, "培训基层干部"},
                           {53, "≥120 人次"},
                           {69, "135 人次"},
                           {85, "10"},
                           {95, "10"}}),
                   2),
            false);
  table.page_break();
  // The next page has no text in the first column (its label was printed on
  // the page before only): pdftotext starts its lines with the level labels
  // and squeezes every gap, so each column stands 10 to 40 places left.
  auto row = [](std::string l1, std::string l2, std::string name, std::string value,
                std::string actual, std::string weight, std::string score) {
    return placed(
        {{0, l1}, {5, l2}, {13, name}, {27, value}, {38, actual}, {48, weight}, {54, score}});
  };
  const std::vector<std::string> second = {
      placed({{13, "开展入户走访"}, {27, "≥300 户"}, {38, "320 户"}, {48, "10"}, {54, "9"}}),
      row("产出指标", "质量指标", "培训合格率", "≥95%", "97%", "10", "8"),
      row("效益指标", "社会效益", "群众知晓率", "明显提高", "明显提高", "10", "10"),
      placed({{5, "指标"},
              {13, "政策覆盖面"},
              {27, "持续扩大"},
              {38, "持续扩大"},
              {48, "10"},
              {54, "10"}})};
  for (std::size_t i = 0; i < second.size(); ++i)
    table.add(row_of(second[i], static_cast<int>(i) + 3), false);
  const TableModel model = table.read(context(values));
  const std::vector<Cells> rows = cells_of(model);
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[1],
            (Cells{"", "产出指标", "数量指标", "开展入户走访", "≥300 户", "320 户", "10", "9"}));
  EXPECT_EQ(rows[2], (Cells{"", "产出指标", "质量指标", "培训合格率", "≥95%", "97%", "10", "8"}));
  EXPECT_EQ(rows[4], (Cells{"", "效益指标", "社会效益指标", "政策覆盖面", "持续扩大", "持续扩大",
                            "10", "10"}));
}

}  // namespace
}  // namespace jixiao::parse

namespace jixiao::layout {
namespace {

using Cells = std::vector<std::string>;

// Every line through the layout stage; the cells of the rows it hands on.
std::vector<Cells> assembled(const std::vector<std::string>& lines) {
  Assembler assembler(grammar::default_grammar(), parse::tokenizer());
  std::vector<Cells> rows;
  const auto keep = [&](tokenize::Row&& r) {
    Cells cells;
    for (const auto& cell : r.cells) cells.push_back(cell.text);
    rows.push_back(cells);
  };
  for (std::size_t i = 0; i < lines.size(); ++i)
    assembler.push(parse::row_of(lines[i], static_cast<int>(i) + 1), keep);
  assembler.finish(keep);
  return rows;
}

TEST(HeaderBlock, LabelsWrappedInTheirCellsAndValuesAroundThem) {
  const auto rows =
      assembled({"项目名 农村供水工程维修养护", "  称",
                 "                                           某县农村供", "         某县水利局",
                 "主管部门           实施单位                        水管理总站", "资金主管股",
                 "       农水股    项目年度金额（元）                     1,260,500", "  室",
                 "一级指标   二级指标   三级指标    指标值"});
  ASSERT_GE(rows.size(), 4u);
  EXPECT_EQ(rows[0], (Cells{"项目名称", "农村供水工程维修养护"}));
  EXPECT_EQ(rows[1], (Cells{"主管部门", "某县水利局", "实施单位", "某县农村供水管理总站"}));
  EXPECT_EQ(rows[2], (Cells{"资金主管股室", "农水股", "项目年度金额(元)", "1,260,500"}));
}

TEST(HeaderBlock, TextThatIsNotSpaceAlignedPassesAsItCame) {
  EXPECT_EQ(assembled({"项目名称\t科普经费", "主管部门\t某科协"}),
            (std::vector<Cells>{{"项目名称", "科普经费"}, {"主管部门", "某科协"}}));
}

}  // namespace
}  // namespace jixiao::layout
