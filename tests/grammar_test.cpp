#include "grammar/grammar.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>

#include "source/input.h"
#include "test_support.h"

namespace jixiao::grammar {
namespace {

const Grammar& g() { return default_grammar(); }

std::string default_text() {
  return test::read_file(test::source_dir() + "/grammars/budget-target.jsonc");
}

// Loads the default grammar with one piece of its text replaced.
Grammar load_modified(const std::string& from, const std::string& to) {
  std::string text = default_text();
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::logic_error("test text not in grammar: " + from);
  text.replace(at, from.size(), to);
  return load_grammar(text, "grammars/modified.jsonc");
}

std::string load_error(const std::string& from, const std::string& to) {
  try {
    load_modified(from, to);
  } catch (const GrammarError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Grammar, TheEmbeddedGrammarIsTheFileInGrammars) {
  EXPECT_EQ(std::string(embedded_grammars().front().text), default_text());
  EXPECT_EQ(g().name, "budget-target");
  EXPECT_EQ(g().path, "(embedded) budget-target");
}

// A built-in grammar that extends the default takes the default's levels,
// indicators, values and audit as built; loaded from a copy of its text
// (a file, merged as JSON and built whole) it is the same grammar.
TEST(Grammar, AnExtendingGrammarTakesItsBaseSectionsAsTheyWouldBeBuilt) {
  int extending = 0;
  for (const EmbeddedGrammar& e : embedded_grammars()) {
    const Grammar& inherited = *builtin_grammar(e.name);
    if (inherited.extends.empty()) continue;
    ++extending;
    const Grammar whole =
        load_grammar(std::string(e.text), "/nowhere/" + std::string(e.name) + ".jsonc");
    EXPECT_EQ(summary(inherited), summary(whole)) << e.name;
    ASSERT_EQ(inherited.values.rules.size(), whole.values.rules.size());
    for (std::size_t i = 0; i < whole.values.rules.size(); ++i) {
      EXPECT_EQ(inherited.values.rules[i].pattern.source(), whole.values.rules[i].pattern.source());
      EXPECT_EQ(inherited.values.rules[i].kind, whole.values.rules[i].kind);
    }
    EXPECT_EQ(inherited.values.units, whole.values.units);
    EXPECT_EQ(inherited.levels.level2_aliases, whole.levels.level2_aliases);
    EXPECT_EQ(inherited.indicators.name_prefix.source(), whole.indicators.name_prefix.source());
    // (department changes its audit: built again from the merged text.)
    EXPECT_EQ(inherited.audit.required_fields, whole.audit.required_fields) << e.name;
    EXPECT_EQ(inherited.audit.required_level1_national, whole.audit.required_level1_national);
    EXPECT_EQ(inherited.audit.quantitative_level2, whole.audit.quantitative_level2);
    EXPECT_EQ(inherited.audit.goal_citation_brackets, whole.audit.goal_citation_brackets);
    EXPECT_EQ(inherited.audit.money_tolerance, whole.audit.money_tolerance);
    EXPECT_EQ(inherited.word_pieces, whole.word_pieces);
    EXPECT_EQ(inherited.document.title.source(), whole.document.title.source()) << e.name;
    EXPECT_EQ(inherited.header.labels.size(), whole.header.labels.size()) << e.name;
    // Its own sections are its own, not the base's.
    EXPECT_NE(inherited.document.title.source(), default_grammar().document.title.source());
  }
  EXPECT_GE(extending, 2);
}

// The built-in grammars are parsed from their text less comments and
// layout: the same JSON as the text itself, comments and all.
TEST(Grammar, CompactedTextIsTheSameJson) {
  for (const EmbeddedGrammar& e : embedded_grammars()) {
    EXPECT_EQ(nlohmann::json::parse(compact_jsonc(e.text)),
              nlohmann::json::parse(e.text, nullptr, true, /*ignore_comments=*/true))
        << e.name;
  }
  EXPECT_EQ(compact_jsonc("{ \"a // b\" : \"c \\\" /* d */\", // e\n /* f */ \"g\": [1, 2] }"),
            "{\"a // b\":\"c \\\" /* d */\",\"g\":[1,2]}");
}

// The flat alternation word_alternation once wrote: longest first, each
// word escaped, tried one by one.
std::string flat_alternation(std::vector<std::string> words) {
  std::stable_sort(words.begin(), words.end(), [](const std::string& a, const std::string& b) {
    return source::char_count(a) > source::char_count(b);
  });
  std::string out = "(?:";
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += '|';
    for (const char c : words[i]) {
      if (std::string_view("\\^$.|?*+()[]{}/").find(c) != std::string_view::npos) out += '\\';
      out += c;
    }
  }
  return out + ")";
}

TEST(Grammar, AWordAlternationMatchesAsTheFlatOneDoes) {
  // The trie of caseless words must match what trying the words in turn
  // does: the same span, with or without `(?i)`, where the rest of a
  // pattern makes the engine backtrack into it.
  const Grammar& g = default_grammar();
  std::vector<std::vector<std::string>> lists = {
      g.values.units,
      {"个", "个月", "个工作日", "月", "个", "MB", "mb", "个Mb", "场", "场次", "", "a.b", "a+"},
      {"不低于", "不少于", "≥", ">=", ">", "不", "低于", "Ab", "aB", "A", "ab"},
  };
  for (const auto& comparator : g.values.comparators) lists.push_back(comparator.before);
  std::vector<std::string> pieces = {"个", "月", "工作日", "场",   "次", "M", "m",
                                     "b",  "B",  "a",      "A",    ".",  "+", "≥",
                                     ">",  "=",  "不",     "低于", "少", "1", " "};
  for (const char* pieces_too : {"平方米", "人次", "万元", "%"}) pieces.push_back(pieces_too);
  std::uint32_t seed = 2026;
  auto random = [&](std::uint32_t n) {
    seed = seed * 1664525u + 1013904223u;
    return (seed >> 8) % n;
  };
  for (const auto& words : lists) {
    for (const char* shape : {"^(%s)(.*)$", "^(?i)(%s)(.*)$", "(%s)1", "^(%s)(次|$)"}) {
      auto with = [&](const std::string& alternation) {
        std::string source = shape;
        source.replace(source.find("%s"), 2, alternation);
        Pattern p;
        std::string error;
        EXPECT_TRUE(p.compile(source, error)) << source << ": " << error;
        return p;
      };
      const Pattern trie = with(word_alternation(words));
      const Pattern flat = with(flat_alternation(words));
      for (int n = 0; n < 400; ++n) {
        std::string subject;
        for (std::uint32_t k = random(6); k > 0; --k) subject += pieces[random(pieces.size())];
        Pattern::Match a, b;
        const bool in_trie = trie.search(subject, a), in_flat = flat.search(subject, b);
        ASSERT_EQ(in_trie, in_flat) << shape << " on `" << subject << "`";
        if (in_trie) {
          EXPECT_EQ(a.group(0), b.group(0)) << shape << " on `" << subject << "`";
          EXPECT_EQ(a.group(1), b.group(1)) << shape << " on `" << subject << "`";
        }
      }
    }
  }
  EXPECT_EQ(word_alternation({"个", "个月", "场"}), "(?:个(?:月|)|场)");
  EXPECT_EQ(word_alternation({"MB", "个", "MBx"}), "(?:MBx|MB|个)");
}

TEST(Grammar, ATitleByItsKnownKeyIsATitleAsAsked) {
  // is_title_of (the key another grammar squashed) answers as is_title.
  const std::vector<std::string> lines = {"2026年度项目支出绩效目标表",
                                          "2021 年 自治区本级 部门项目支出预算绩效目标表",
                                          "部门整体支出绩效目标表",
                                          "项目支出绩效自评表",
                                          "项目名称",
                                          std::string(200, 'x') + "绩效目标表",
                                          "  绩 效 目 标 表  ",
                                          ""};
  for (const Grammar* g : builtin_grammars()) {
    for (const auto& line : lines) {
      EXPECT_EQ(g->is_title_of(line, squash(line)), g->is_title(line)) << g->name << ": " << line;
    }
  }
}

TEST(Grammar, SquashRemovesAllWhiteSpace) { EXPECT_EQ(squash(" 一级 \t指标 "), "一级指标"); }

TEST(Grammar, MatchesHeaderLabelsWithPrefixesAndUnits) {
  auto m = g().match_label("其中:财政拨款");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->field, HeaderField::funds_fiscal);
  m = g().match_label("项目年度资金 (万元)");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->field, HeaderField::scope_total);
  EXPECT_EQ(m->unit, "万元");
  m = g().match_label("资金主管处 (科、股)室");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->field, HeaderField::office);
  EXPECT_FALSE(g().match_label("科普经费"));
}

TEST(Grammar, FindsALabelThatStartsACell) {
  const std::string cell = "年度资金总额: 14.4";
  auto m = g().match_label_prefix(cell);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->field, HeaderField::funds_total);
  EXPECT_EQ(cell.substr(m->end), ": 14.4");
  // The longest label wins: the allocated goal, not the plain goal.
  const std::string goal = "年度绩效目标 (本级已分配资金) 根据";
  m = g().match_label_prefix(goal);
  ASSERT_TRUE(m);
  EXPECT_EQ(m->field, HeaderField::goal_allocated);
  EXPECT_EQ(goal.substr(m->end), " 根据");
}

TEST(Grammar, MatchesLevelsWithAnnotationsAndNumbers) {
  auto level1 = [](std::string_view cell) {
    auto i = g().match_level1(cell);
    return i ? g().levels.level1[static_cast<std::size_t>(*i)].name : std::string("-");
  };
  auto level2 = [](std::string_view cell) {
    auto i = g().match_level2(cell);
    return i ? g().levels.level2[static_cast<std::size_t>(*i)].name : std::string("-");
  };
  EXPECT_EQ(level1("产出 指标"), "产出指标");
  EXPECT_EQ(level1("1 产出指标"), "产出指标");
  EXPECT_EQ(level2("数量指标(必填硬性指标)"), "数量指标");
  EXPECT_EQ(level2("经济效益"), "经济效益指标");
  EXPECT_EQ(level2("服务对象 满意度指 标"), "服务对象满意度指标");
  EXPECT_EQ(level2("巩固提升现有科普基地"), "-");
}

TEST(Grammar, SecondLevelsSayWhatTheirIndicatorsLookLike) {
  auto fits = [](std::string_view level, std::string_view row) {
    const auto i = g().match_level2(level);
    return g().levels.level2[static_cast<std::size_t>(*i)].fits.contains(row);
  };
  EXPECT_TRUE(fits("时效指标", "项目开工时间\t2024 年 3 月底前"));
  EXPECT_TRUE(fits("时效指标", "完成验收\t2024 年 3 月底前"));  // by the value
  EXPECT_FALSE(fits("时效指标", "新建高标准农田面积\t≥2 万亩"));
  EXPECT_TRUE(fits("服务对象满意度指标", "群众满意度\t≥90%"));
  EXPECT_FALSE(fits("服务对象满意度指标", "建后管护机制\t长效运行"));
  EXPECT_TRUE(g().levels.level2[static_cast<std::size_t>(*g().match_level2("数量指标"))]
                  .fits.empty());  // too broad to say
}

TEST(Grammar, ABadFitsPatternNamesItsRule) {
  const std::string error = load_error("\"fits\": \"满意\"", "\"fits\": \"满意(\"");
  EXPECT_NE(error.find("rule `levels.level2[11].fits`: bad pattern"), std::string::npos) << error;
}

TEST(Grammar, ALabelCutShortNamesTheOneLabelItBegins) {
  EXPECT_EQ(g().match_cut_level("可持续影响指").level2, g().match_level2("可持续影响指标"));
  EXPECT_EQ(g().match_cut_level("社会效益指").level2, g().match_level2("社会效益指标"));
  EXPECT_FALSE(g().match_cut_level("服务").any());          // too short to tell
  EXPECT_FALSE(g().match_cut_level("服务对象").any());      // under three fifths of the label
  EXPECT_FALSE(g().match_cut_level("社会效益指标").any());  // whole: match_levels' answer
}

TEST(Grammar, RecognisesColumnLabelsAndTheirPieces) {
  EXPECT_EQ(g().match_column("一级 指标"), Column::level1);
  EXPECT_EQ(g().match_column("绩效值"), Column::value);
  // A unit in brackets after the label is not part of it.
  EXPECT_EQ(g().match_column("权重(%)"), Column::weight);
  EXPECT_EQ(g().match_column("指标值(单位)"), Column::value);
  EXPECT_EQ(g().match_column("(%)"), std::nullopt);
  EXPECT_TRUE(g().is_performance_type("自治区本级绩效指标"));
  EXPECT_TRUE(g().is_header_fragment("自治区本级绩"));
  EXPECT_TRUE(g().is_header_fragment("效指 标"));
  EXPECT_TRUE(g().is_header_fragment("类型"));
  EXPECT_FALSE(g().is_header_fragment("型"));  // shorter than fragment_min_chars
  EXPECT_FALSE(g().is_header_fragment("开展科技志愿服务活动"));
  // A column label's head and the next label, their lines run together.
  EXPECT_TRUE(g().is_header_fragment("一级指二级指标"));
  EXPECT_FALSE(g().is_header_fragment("经常性项目"));
  // Pieces of a level label a narrow cell wrapped, and names that are none.
  EXPECT_TRUE(g().is_level_piece("服务对象满意"));
  EXPECT_TRUE(g().is_level_piece("度指标"));
  EXPECT_TRUE(g().is_level_piece("标"));
  EXPECT_TRUE(g().is_level_piece("（必填"));
  EXPECT_TRUE(g().is_level_piece("益指标(选填)"));  // (normalized text)
  EXPECT_TRUE(g().is_level_piece("项目完成指标"));  // unknown, but ends as labels do
  EXPECT_FALSE(g().is_level_piece("群众满意度"));
  EXPECT_FALSE(g().is_level_piece("运输企业满意度"));
}

TEST(Grammar, InvalidJsonNamesFileAndLine) {
  const std::string error =
      load_error("\"name\": \"budget-target\",", "\"name\": \"budget-target\",,");
  EXPECT_TRUE(error.starts_with("grammars/modified.jsonc:14: not valid JSON")) << error;
}

TEST(Grammar, ABadPatternNamesFileLineAndRule) {
  const std::string error = load_error("\"annotation\": \"", "\"annotation\": \"(unclosed");
  EXPECT_TRUE(std::regex_search(
      error,
      std::regex(
          R"(^grammars/modified\.jsonc:\d+: rule `levels\.annotation`: bad pattern: missing closing parenthesis)")))
      << error;
}

TEST(Grammar, AnUnknownMacroIsAnError) {
  const std::string error = load_error("(?<number>{NUM})", "(?<number>{NUMBER})");
  // (Which rule of the list it is does not matter: that the message names it.)
  EXPECT_NE(error.find("rule `values.rules["), std::string::npos) << error;
  EXPECT_NE(error.find("].pattern`: unknown macro {NUMBER}"), std::string::npos) << error;
}

TEST(Grammar, MissingSectionsAndUnknownFieldsAreErrors) {
  EXPECT_NE(
      load_error("\"field\": \"office\"", "\"field\": \"bureau\"").find("unknown field `bureau`"),
      std::string::npos);
  EXPECT_NE(load_error("\"magnitudes\": {\"万\": 10000", "\"magnitudes\": {\"万\": 12000")
                .find("must be a power of ten"),
            std::string::npos);
  EXPECT_NE(load_error("\"parents\": [\"产出指标\"],", "\"parents\": [\"投入指标\"],")
                .find("unknown parent `投入指标`"),
            std::string::npos);
}

TEST(Grammar, AChineseDigitIsOneDigit) {
  // A year spelled digit by digit takes one digit per numeral, so a digit's
  // value is 0..9; multipliers (powers of ten) may go to 12.
  EXPECT_NE(load_error("\"九\": 9}", "\"九\": 9, \"拾\": 10}")
                .find("chinese_numerals.digits.拾`: must be a whole number from 0 to 9"),
            std::string::npos);
  EXPECT_NE(
      load_error("\"千\": 3}", "\"千\": 3, \"万\": 0}").find("must be a whole number from 1 to 12"),
      std::string::npos);
}

std::string load_text_error(const std::string& text) {
  try {
    load_grammar(text, "deep.jsonc");
  } catch (const GrammarError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Grammar, NestingIsCappedBeforeItCanOverflowTheStack) {
  // 100,000 levels used to overflow the stack (SIGSEGV) in the recursive
  // dump() that names an error's line, whatever the error.
  const std::string lists =
      "{\"name\": \"deep\",\n  \"a\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
  std::string error = load_text_error(lists);
  EXPECT_TRUE(error.starts_with("deep.jsonc:2: lists and objects nested more than 64 levels deep"))
      << error;
  std::string objects = "{\"name\": \"deep\",\n\n  \"document\": ";
  for (int i = 0; i < 100000; ++i) objects += "{\"a\": ";
  objects += "1" + std::string(100000, '}') + "}";
  error = load_text_error(objects);
  EXPECT_TRUE(error.starts_with("deep.jsonc:3: lists and objects nested more than 64 levels deep"))
      << error;
  // 64 levels (the file's object and 63 lists) are allowed; brackets in
  // strings and comments are not nesting.
  const std::string deep_but_allowed =
      "\"unused\": " + std::string(63, '[') + std::string(63, ']') + ",\n\"more\": \"" +
      std::string(100, '[') + "\\\"{\", // " + std::string(100, '{') + "\n/* " +
      std::string(100, '[') + " */ \"name\": \"budget-target\",";
  EXPECT_NO_THROW(load_modified("\"name\": \"budget-target\",", deep_but_allowed));
  EXPECT_NE(load_error("\"name\": \"budget-target\",",
                       "\"unused\": " + std::string(64, '[') + std::string(64, ']') + ",")
                .find("nested more than 64 levels deep"),
            std::string::npos);
}

// Macros B1 … B<levels>, each using the next twenty times, the last `body`:
// 20^(levels - 1) copies of it. The default grammar's `document.note` uses B1.
std::string macro_bomb_error(int levels, const std::string& body) {
  std::string macros = "\"macros\": {\n";
  for (int k = 1; k < levels; ++k) {
    macros += "    \"B" + std::to_string(k) + "\": \"";
    for (int use = 0; use < 20; ++use) macros += "{B" + std::to_string(k + 1) + "}";
    macros += "\",\n";
  }
  macros += "    \"B" + std::to_string(levels) + "\": \"" + body + "\",";
  std::string text = default_text();
  text.replace(text.find("\"macros\": {"), 11, macros);
  text.replace(text.find("\"note\": \""), 9, "\"note\": \"{B1}");
  try {
    load_grammar(text, "grammars/modified.jsonc");
  } catch (const GrammarError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Grammar, MacroExpansionIsBoundedWhileItGrows) {
  const std::regex too_long(
      R"(^grammars/modified\.jsonc:\d+: rule `document\.note`: the pattern is longer than 64 KiB once its macros are expanded)");
  // 20^4 copies of `ab`, 320 KB: PCRE2 refused it, naming no limit.
  std::string error = macro_bomb_error(5, "ab");
  EXPECT_TRUE(std::regex_search(error, too_long)) << error;
  // The issue's 729-byte file, 8 levels: 20^7 copies, 2.5 GB, in 88 s.
  error = macro_bomb_error(8, "ab");
  EXPECT_TRUE(std::regex_search(error, too_long)) << error;
  // Empty macros build nothing, but 20^5 uses of them is as much work.
  error = macro_bomb_error(6, "");
  EXPECT_NE(error.find("rule `document.note`: the pattern uses macros more than 65536 times"),
            std::string::npos)
      << error;
  // 16 KB is a long pattern, but allowed.
  EXPECT_EQ(macro_bomb_error(4, "ab"), "(no error)");
}

TEST(Grammar, AnErrorInAListNamesTheItemAndItsLine) {
  // (`jixiao grammars check` prints this: the user goes to that line.)
  const std::string text = default_text();
  const std::string from = "\"parents\": [\"产出指标\"],";
  const std::size_t at = text.find(from);
  ASSERT_NE(at, std::string::npos);
  const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
  const std::string error = load_error(from, "\"parents\": [\"投入指标\"],");
  EXPECT_TRUE(std::regex_search(
      error, std::regex("^grammars/modified\\.jsonc:" + std::to_string(line) +
                        ": rule `levels\\.level2\\[[0-9]+\\]\\.parents\\[0\\]`: `[^`]+` names an "
                        "unknown parent `投入指标`$")))
      << error;
  // An item of a list is named by its index.
  const std::string audit =
      load_error("\"required_fields\": [", "\"required_fields\": [\"budget\", ");
  EXPECT_NE(audit.find("rule `audit.required_fields[0]`: unknown field `budget`"),
            std::string::npos)
      << audit;
  EXPECT_TRUE(audit.starts_with("grammars/modified.jsonc:")) << audit;
}

TEST(Grammar, TheDescriptionAndTheBaseAreKept) {
  EXPECT_EQ(g().description,
            "项目支出预算绩效目标表 (project expenditure budget performance targets)");
  EXPECT_EQ(g().extends, "");
  EXPECT_EQ(builtin_grammar("self-evaluation")->extends, "budget-target");
  // Each built-in grammar says what it reads, not its base's words.
  EXPECT_TRUE(builtin_grammar("self-evaluation")->description.starts_with("项目支出绩效自评表"));
  EXPECT_TRUE(builtin_grammar("department")->description.starts_with("部门（单位）整体支出"));
  EXPECT_TRUE(
      std::regex_search(summary(g()), std::regex("^table_type target; [0-9]+ header labels, "
                                                 "[0-9]+ column labels, 4 first levels")))
      << summary(g());
  EXPECT_TRUE(summary(*builtin_grammar("department"))
                  .starts_with("table_type department, extends budget-target; "));
  EXPECT_NE(load_error("\"description\": \"项目", "\"description\": 1, \"x\": \"项目")
                .find("rule `(top level).description`: must be a string"),
            std::string::npos);
}

TEST(Grammar, MissingFileIsAnError) {
  EXPECT_THROW(load_grammar_file("/nonexistent/grammar.jsonc"), GrammarError);
}

}  // namespace
}  // namespace jixiao::grammar

namespace jixiao::grammar {
namespace {

TEST(GrammarExtends, AChildMergesOverItsBase) {
  const Grammar child = load_grammar(R"({
    // comments are fine
    "extends": "budget-target",
    "name": "child",
    "table_type": "self_evaluation",
    "table": {"min_labels": 3}
  })",
                                     "child.jsonc");
  EXPECT_EQ(child.name, "child");
  EXPECT_EQ(child.table_type, "self_evaluation");
  EXPECT_EQ(child.table.min_labels, 3);
  // Everything else comes from the base: its columns, levels and units.
  EXPECT_EQ(child.match_column("一级指标"), Column::level1);
  EXPECT_TRUE(child.match_level2("数量指标"));
}

TEST(GrammarExtends, AnUnknownBaseIsAnError) {
  try {
    load_grammar(R"({"extends": "no-such-grammar", "name": "x"})", "dir/x.jsonc");
    FAIL() << "no error";
  } catch (const GrammarError& e) {
    EXPECT_NE(std::string(e.what()).find("dir/x.jsonc: `extends`: no grammar `no-such-grammar`"),
              std::string::npos)
        << e.what();
  }
}

TEST(GrammarExtends, AnObjectOverSeveralLinesIsFoundByItsFirstString) {
  try {
    load_grammar(R"({
  "extends": "budget-target",
  "name": "x",
  "levels": {"level2": [
    {"name": "数量指标", "parents": ["产出指标"]},
    {
      "aliases": ["质量"]
    }
  ]}
})",
                 "x.jsonc");
    FAIL() << "no error";
  } catch (const GrammarError& e) {
    EXPECT_EQ(std::string(e.what()), "x.jsonc:7: rule `levels.level2[1].name`: missing `name`");
  }
}

TEST(GrammarExtends, TheBuiltInGrammarsLoadAndNameTheirKind) {
  const auto all = builtin_grammars();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0], &default_grammar());
  EXPECT_EQ(all[0]->table_type, "target");
  EXPECT_EQ(builtin_grammar("self-evaluation")->table_type, "self_evaluation");
  EXPECT_EQ(builtin_grammar("department")->table_type, "department");
  EXPECT_EQ(builtin_grammar("nothing"), nullptr);
  EXPECT_TRUE(builtin_grammar("self-evaluation")->document.detect.contains("项目支出绩效自评表"));
  // A piece of a header grid's column label (`年初预` over `算数`) is
  // furniture, not a header value's wrap.
  EXPECT_TRUE(builtin_grammar("self-evaluation")->is_header_fragment("年初预"));
  EXPECT_FALSE(builtin_grammar("self-evaluation")->is_header_fragment("邵阳市农业农村局"));
}

}  // namespace
}  // namespace jixiao::grammar
