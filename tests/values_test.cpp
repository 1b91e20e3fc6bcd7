#include "values/values.h"

#include <gtest/gtest.h>

#include "test_support.h"
#include "values/decimal.h"

namespace jixiao::values {
namespace {

using model::ValueKind;

Parsed read(std::string_view cell) {
  static const ValueParser parser(grammar::default_grammar());
  return parser.parse(cell);
}

std::string text(const std::optional<model::Decimal>& d) { return d ? d->text : "-"; }

struct QuantityCase {
  const char* cell;
  const char* op;  // "" for none
  const char* number;
  const char* unit;  // "" for none
  const char* base;  // "" for none
  const char* subject;
};

class Quantities : public testing::TestWithParam<QuantityCase> {};

TEST_P(Quantities, ReadAsWritten) {
  const QuantityCase& c = GetParam();
  const model::Value v = read(c.cell).value;
  ASSERT_EQ(v.kind, ValueKind::quantity) << c.cell;
  EXPECT_EQ(v.op.value_or(""), c.op) << c.cell;
  EXPECT_EQ(text(v.number), c.number) << c.cell;
  EXPECT_EQ(v.unit.value_or(""), c.unit) << c.cell;
  EXPECT_EQ(v.base ? v.base->number.text : "", c.base) << c.cell;
  EXPECT_EQ(v.subject, c.subject) << c.cell;
  EXPECT_EQ(v.raw, c.cell);
}

INSTANTIATE_TEST_SUITE_P(
    SampleForms, Quantities,
    testing::Values(
        QuantityCase{"≥2 个", ">=", "2", "个", "", ""},
        QuantityCase{"=1 辆", "=", "1", "辆", "", ""},
        QuantityCase{"≥95%", ">=", "95", "%", "", ""},
        QuantityCase{"≤7 万元", "<=", "7", "万元", "70000", ""},
        QuantityCase{"36 万元", "", "36", "万元", "360000", ""},
        QuantityCase{"≥6 万人次", ">=", "6", "万人次", "60000", ""},
        QuantityCase{"10 万人", "", "10", "万人", "100000", ""},
        QuantityCase{"8.3988 万元", "", "8.3988", "万元", "83988", ""},
        QuantityCase{"569.40", "", "569.4", "", "", ""},
        QuantityCase{"1,200 人", "", "1200", "人", "", ""},
        QuantityCase{"30 万", "", "30", "万", "300000", ""},
        QuantityCase{"4 个季度", "", "4", "个季度", "", ""},
        QuantityCase{"≥3 件套", ">=", "3", "件套", "", ""},
        QuantityCase{"≥3000 平方米", ">=", "3000", "平方米", "", ""},
        QuantityCase{"≤24 小时", "<=", "24", "小时", "", ""},
        QuantityCase{"3千米", "", "3", "千米", "", ""},
        QuantityCase{"60%以上", ">=", "60", "%", "", ""},
        QuantityCase{"不低于 80%", ">=", "80", "%", "", ""},
        QuantityCase{"1 场", "", "1", "场", "", ""}, QuantityCase{"171.5", "", "171.5", "", "", ""},
        QuantityCase{"服务农民 6 万人次", "", "6", "万人次", "60000", "服务农民"},
        QuantityCase{"制作印刷费 9 万", "", "9", "万", "90000", "制作印刷费"},
        QuantityCase{"达到会员数量不少于 750 人", ">=", "750", "人", "", "达到会员数量"},
        QuantityCase{"按项目计划 100%完成", "", "100", "%", "", "按项目计划 完成"},
        // 内 bounds a count as 以内 does.
        QuantityCase{"15个工作日内", "<=", "15", "个工作日", "", ""},
        QuantityCase{"一个月内", "<=", "1", "个月", "", ""},
        QuantityCase{"300笔", "", "300", "笔", "", ""}, QuantityCase{"5TB", "", "5", "TB", "", ""},
        QuantityCase{"20台次", "", "20", "台次", "", ""},
        // A sign right before the digits.
        QuantityCase{"-5%", "", "-5", "%", "", ""}, QuantityCase{"≤-2%", "<=", "-2", "%", "", ""},
        QuantityCase{"≥ -1.5 万元", ">=", "-1.5", "万元", "-15000", ""},
        // The comparator first, words of what is counted between.
        QuantityCase{"至少全年完成2次宣传", ">=", "2", "次", "", "全年完成 宣传"}),
    [](const testing::TestParamInfo<QuantityCase>& info) {
      return "case" + std::to_string(info.index);
    });

TEST(Values, MagnitudeBeforeAUnitGivesABase) {
  const model::Value v = read("36 万元").value;
  ASSERT_TRUE(v.base);
  EXPECT_EQ(v.base->unit, "元");
  const model::Value bare = read("5 万").value;
  ASSERT_TRUE(bare.base);
  EXPECT_FALSE(bare.base->unit);  // the parser, not the value, knows it is money
}

TEST(Values, ADoubledMagnitudeIsReadOnceAndReported) {
  const Parsed p = read("66.84 万万");
  EXPECT_EQ(p.value.unit, "万万");
  ASSERT_TRUE(p.value.base);
  EXPECT_EQ(p.value.base->number.text, "668400");
  ASSERT_EQ(p.issues.size(), 1u);
  EXPECT_EQ(p.issues[0].code, source::Code::doubled_magnitude);
}

TEST(Values, Composites) {
  model::Value v = read("1项(40场)").value;
  EXPECT_EQ(v.kind, ValueKind::quantity);
  EXPECT_EQ(text(v.number), "1");
  EXPECT_EQ(v.unit, "项");
  ASSERT_TRUE(v.detail);
  EXPECT_EQ(v.detail->kind, ValueKind::quantity);
  EXPECT_EQ(text(v.detail->number), "40");
  EXPECT_EQ(v.detail->unit, "场");

  v = read("1项(3-5个)").value;
  ASSERT_TRUE(v.detail);
  EXPECT_EQ(v.detail->kind, ValueKind::range);
  EXPECT_EQ(text(v.detail->min), "3");
  EXPECT_EQ(text(v.detail->max), "5");
  EXPECT_EQ(v.detail->unit, "个");

  v = read("1 项(受益人群不少于3万人次)").value;
  ASSERT_TRUE(v.detail);
  EXPECT_EQ(v.detail->op, ">=");
  EXPECT_EQ(v.detail->subject, "受益人群");
  ASSERT_TRUE(v.detail->base);
  EXPECT_EQ(v.detail->base->number.text, "30000");

  v = read("1 项(≤500册)").value;
  ASSERT_TRUE(v.detail);
  EXPECT_EQ(v.detail->op, "<=");
  EXPECT_EQ(text(v.detail->number), "500");
}

TEST(Values, DatesAtThePrecisionWritten) {
  model::Value v = read("2026 年 12 月 31 日前").value;
  EXPECT_EQ(v.kind, ValueKind::date);
  EXPECT_EQ(v.date, "2026-12-31");
  EXPECT_EQ(v.op, "<=");
  v = read("2021年12月底").value;
  EXPECT_EQ(v.date, "2021-12");
  EXPECT_EQ(v.op, "<=");
  v = read("2021 年 11 月").value;
  EXPECT_EQ(v.date, "2021-11");
  EXPECT_FALSE(v.op);
  EXPECT_EQ(read("2021年13月底").value.kind, ValueKind::text);
}

TEST(Values, Periods) {
  model::Value v = read("2021年3月至12月").value;
  EXPECT_EQ(v.kind, ValueKind::period);
  EXPECT_EQ(v.from, "2021-03");
  EXPECT_EQ(v.to, "2021-12");
  v = read("2021 年 3 月至 9 月").value;
  EXPECT_EQ(v.to, "2021-09");
  v = read("2021年3月-12月").value;
  EXPECT_EQ(v.kind, ValueKind::period);
  v = read("2021年-2023年").value;
  EXPECT_EQ(v.from, "2021");
  EXPECT_EQ(v.to, "2023");
  // Two dates each with its year, the dash between them lost in the text.
  v = read("2022 年 1 月2023 年 10 月").value;
  EXPECT_EQ(v.kind, ValueKind::period);
  EXPECT_EQ(v.from, "2022-01");
  EXPECT_EQ(v.to, "2023-10");
  // Not a date and its own day, nor a second date without its year.
  EXPECT_EQ(read("2024年12月31日").value.kind, ValueKind::date);
  EXPECT_EQ(read("2021年3月12月").value.kind, ValueKind::text);
}

// `--`, `——`: a dash typed twice parts a period as one does.
TEST(Values, ADashTypedTwicePartsAPeriod) {
  for (const char* cell : {"2020年1月--2020年11月", "2020年1月——2020年11月", "2020.1--2020.11",
                           "2020.1——2020.11", "2020年1月―2020年11月"}) {
    const model::Value v = read(cell).value;
    EXPECT_EQ(v.kind, ValueKind::period) << cell;
    EXPECT_EQ(v.from, "2020-01") << cell;
    EXPECT_EQ(v.to, "2020-11") << cell;
  }
  const model::Value v = read("3--5个").value;
  EXPECT_EQ(v.kind, ValueKind::range);
  EXPECT_EQ(text(v.min), "3");
  EXPECT_EQ(text(v.max), "5");
}

// `⩾` `⩽` `═` look like `≥` `≤` `=` and mean them; `＝` is `=` once
// normalized (the value parser sees normalized cells).
TEST(Values, LookAlikesOfComparatorsAreTheSignTheyImitate) {
  EXPECT_EQ(read("⩾10场").value.op, ">=");
  EXPECT_EQ(read("⩽5%").value.op, "<=");
  EXPECT_EQ(read("═95%").value.op, "=");
  EXPECT_TRUE(read("═95%").value.subject.empty());
  EXPECT_EQ(read("⩽2024年6月").value.kind, ValueKind::date);
  EXPECT_EQ(read("⩽2024年6月").value.op, "<=");
}

// A rate keeps what it is per in its unit, and its base is per the same:
// `620万/月` is 6200000 a month, in 元 under a money level.
TEST(Values, ARateKeepsItsPerInTheUnitAndTheBase) {
  model::Value v = read("620万元/月").value;
  EXPECT_EQ(v.unit, "万元/月");
  ASSERT_TRUE(v.base);
  EXPECT_EQ(v.base->number.text, "6200000");
  EXPECT_EQ(v.base->unit, "元/月");
  v = read("≥1.8万元/人·年").value;
  EXPECT_EQ(v.base->number.text, "18000");
  EXPECT_EQ(v.base->unit, "元/人·年");
  v = read("3次/年").value;
  EXPECT_EQ(v.unit, "次/年");
  EXPECT_FALSE(v.base);
  // A bare magnitude: the base unit is the row's to say.
  v = read("≤620万/月").value;
  EXPECT_EQ(v.op, "<=");
  EXPECT_EQ(v.unit, "万/月");
  ASSERT_TRUE(v.base);
  EXPECT_EQ(v.base->number.text, "6200000");
  EXPECT_FALSE(v.base->unit);
  static const ValueParser parser(grammar::default_grammar());
  Context cost;
  cost.level2 = parser.level2_index("成本指标");
  v = parser.parse("≤620万/月", cost).value;
  EXPECT_EQ(v.unit, "万/月");
  EXPECT_EQ(v.unit_inferred, "万元/月");
  EXPECT_EQ(v.base->number.text, "6200000");
  EXPECT_EQ(v.base->unit, "元/月");
}

TEST(Values, AYearAndItsMonthsOrYearsAreDatesAndPeriods) {
  model::Value v = read("2024年度").value;
  EXPECT_EQ(v.kind, ValueKind::date);
  EXPECT_EQ(v.date, "2024");
  v = read("2024年1-12月").value;
  EXPECT_EQ(v.kind, ValueKind::period);
  EXPECT_EQ(v.from, "2024-01");
  EXPECT_EQ(v.to, "2024-12");
  v = read("2024-2026年").value;
  EXPECT_EQ(v.kind, ValueKind::period);
  EXPECT_EQ(v.from, "2024");
  EXPECT_EQ(v.to, "2026");
}

TEST(Values, AMonthLeftToTheReaderAndCodesAreText) {
  // A month of an unnamed year, no count of months; a standard's or a
  // technology's code, whose digits count nothing.
  for (const char* cell : {"12月底前", "次年3月底前", "GB/T 50378-2019", "ISO9001", "5G信号全覆盖"})
    EXPECT_EQ(read(cell).value.kind, ValueKind::text) << cell;
  EXPECT_EQ(read("3个月").value.kind, ValueKind::quantity);
}

TEST(Values, DatesInChineseNumerals) {
  model::Value v = read("二〇二四年十二月底").value;
  EXPECT_EQ(v.kind, ValueKind::date);
  EXPECT_EQ(v.date, "2024-12");
  EXPECT_EQ(v.op, "<=");
  v = read("二〇二四年三月至十二月").value;
  EXPECT_EQ(v.kind, ValueKind::period);
  EXPECT_EQ(v.from, "2024-03");
  EXPECT_EQ(v.to, "2024-12");
  v = read("二零二五年六月三十日前").value;
  EXPECT_EQ(v.date, "2025-06-30");
  // A year's digits spelled out count nothing; a count keeps its zero.
  EXPECT_EQ(read("二〇二四年").value.kind, ValueKind::date);
  EXPECT_EQ(text(read("一百零五人").value.number), "105");
}

TEST(Values, TheMarksOfADateInChineseNumeralsAreTheGrammars) {
  // Without year and part marks, numerals before 年 or 月 are not a date's.
  std::string text = test::read_file(test::source_dir() + "/grammars/budget-target.jsonc");
  for (const std::string key :
       {"\"year_marks\": [\"年\"]", "\"part_marks\": [\"月\", \"日\", \"号\"]"}) {
    const auto at = text.find(key);
    ASSERT_NE(at, std::string::npos) << key;
    text.replace(at, key.size(), key.substr(0, key.find(':')) + ": []");
  }
  const grammar::Grammar unmarked = grammar::load_grammar(text, "grammars/unmarked.jsonc");
  const ValueParser parser(unmarked);
  EXPECT_EQ(parser.parse("二〇二四年十二月底").value.kind, ValueKind::text);
  EXPECT_EQ(read("二〇二四年十二月底").value.kind, ValueKind::date);
}

TEST(Values, AQuarterNamedIsText) {
  EXPECT_EQ(read("一季度").value.kind, ValueKind::text);
  EXPECT_EQ(read("第四季度末").value.kind, ValueKind::text);
  EXPECT_EQ(read("3 个季度").value.kind, ValueKind::quantity);
}

TEST(Values, Ranges) {
  const model::Value v = read("80%-90%").value;
  EXPECT_EQ(v.kind, ValueKind::range);
  EXPECT_EQ(text(v.min), "80");
  EXPECT_EQ(text(v.max), "90");
  EXPECT_EQ(v.unit, "%");
}

TEST(Values, TextAndEmpty) {
  for (const char* cell : {"持续提升", "效果显著", "四类群体全涵盖", "网站运行正常无故障",
                           "招聘工资 50 人*7.6 万元=380 万元", "无"}) {
    EXPECT_EQ(read(cell).value.kind, ValueKind::text) << cell;
  }
  for (const char* cell : {"", " ", "/", "—", "暂无"}) {
    EXPECT_EQ(read(cell).value.kind, ValueKind::empty) << cell;
  }
}

TEST(Decimal, CanonicalAndExact) {
  EXPECT_EQ(parse_decimal("569.40").text, "569.4");
  EXPECT_EQ(parse_decimal("4.0").text, "4");
  EXPECT_EQ(parse_decimal("007").text, "7");
  EXPECT_EQ(parse_decimal("0.78").text, "0.78");
  EXPECT_EQ(parse_decimal("1,200").text, "1200");
  EXPECT_EQ(scale(parse_decimal("569.4"), 4).text, "5694000");
  EXPECT_EQ(scale(parse_decimal("0.96"), 4).text, "9600");
  EXPECT_EQ(scale(parse_decimal("1719.9"), 4).text, "17199000");
  EXPECT_EQ(scale(parse_decimal("12"), -3).text, "0.012");
}

}  // namespace
}  // namespace jixiao::values
