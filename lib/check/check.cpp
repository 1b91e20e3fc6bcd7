#include "check/check.h"

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "messages/catalogue.h"

namespace jixiao::check {
namespace {

using messages::Language;
using nlohmann::json;

constexpr const char* kProjectFields[] = {"title",       "year",      "name",   "department",
                                          "implementer", "attribute", "period", "amount",
                                          "funds",       "goal"};
constexpr const char* kIndicatorFields[] = {"level2_label", "value"};

const char* kSeparator = " › ";

// A value as a difference line shows it (in Chinese, in backticks: JSON's
// words are no Chinese).
std::string shown(const json& value, Language language) {
  if (value.is_null()) return messages::text(language, "check-nothing");
  const std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  return language == Language::en ? text : "`" + text + "`";
}

// Adds a line for each leaf where the two differ: `value.number: expected 2, got 3`.
void diff(const std::string& where, const std::string& path, const json& expected,
          const json& actual, std::vector<std::string>& out, Language language) {
  if (expected == actual) return;
  if (expected.is_object() && actual.is_object()) {
    for (const auto& [key, value] : expected.items()) {
      diff(where, path.empty() ? key : path + "." + key, value,
           actual.contains(key) ? actual.at(key) : json(), out, language);
    }
    for (const auto& [key, value] : actual.items()) {
      if (!expected.contains(key))
        diff(where, path.empty() ? key : path + "." + key, json(), value, out, language);
    }
    return;
  }
  out.push_back(messages::text(language, "check-differs",
                               {{"where", where},
                                {"field", path},
                                {"expected", shown(expected, language)},
                                {"actual", shown(actual, language)}}));
}

std::string indicator_key(const json& indicator) {
  return indicator.value("level1", "") + "/" +
         (indicator["level2"].is_string() ? indicator["level2"].get<std::string>() : "") +
         kSeparator + indicator.value("name", "");
}

// Pairs items by key, in order: the n-th item with a key in one list goes with
// the n-th with that key in the other.
template <typename Key>
std::vector<std::pair<const json*, const json*>> pair_up(const json& expected, const json& actual,
                                                         Key key) {
  std::map<std::string, std::vector<const json*>> waiting;
  for (const auto& item : actual) waiting[key(item)].push_back(&item);
  std::map<std::string, std::size_t> used;
  std::vector<std::pair<const json*, const json*>> out;
  for (const auto& item : expected) {
    const std::string k = key(item);
    auto& list = waiting[k];
    std::size_t& n = used[k];
    out.emplace_back(&item, n < list.size() ? list[n] : nullptr);
    ++n;
  }
  for (auto& [k, list] : waiting) {
    for (std::size_t i = used[k]; i < list.size(); ++i) out.emplace_back(nullptr, list[i]);
  }
  return out;
}

void compare_project(const json& expected, const json& actual, Result& result, Language language) {
  const std::string where = expected.value("name", "");
  for (const char* field : kProjectFields) {
    diff(where, field, expected.value(field, json()), actual.value(field, json()),
         result.differences, language);
  }
  const json& expected_indicators = expected.value("indicators", json::array());
  const json& actual_indicators = actual.value("indicators", json::array());
  result.indicators_actual += static_cast<int>(actual_indicators.size());
  for (const auto& [e, a] : pair_up(expected_indicators, actual_indicators, indicator_key)) {
    if (e == nullptr) {
      result.differences.push_back(
          messages::text(language, "check-indicator-not-expected",
                         {{"where", where}, {"indicator", indicator_key(*a)}}));
      continue;
    }
    ++result.indicators_expected;
    if (a == nullptr) {
      result.differences.push_back(
          messages::text(language, "check-indicator-missing",
                         {{"where", where}, {"indicator", indicator_key(*e)}}));
      continue;
    }
    ++result.indicators_found;
    const std::size_t before = result.differences.size();
    for (const char* field : kIndicatorFields) {
      diff(where + kSeparator + indicator_key(*e), field, e->value(field, json()),
           a->value(field, json()), result.differences, language);
    }
    if (result.differences.size() == before) ++result.indicators_equal;
  }
}

// The expected file must be a jixiao document: an object with a list of
// projects, each an object. Anything else would pass as "no projects".
void check_shape(const json& expected, Language language) {
  if (!expected.is_object())
    throw std::invalid_argument(messages::text(language, "check-not-an-object"));
  const auto projects = expected.find("projects");
  if (projects == expected.end() || !projects->is_array()) {
    throw std::invalid_argument(messages::text(language, "check-no-projects-list"));
  }
  for (const auto& project : *projects) {
    if (!project.is_object())
      throw std::invalid_argument(messages::text(language, "check-project-not-object"));
  }
}

Result compare_documents(const json& expected, const json& actual, Language language) {
  check_shape(expected, language);
  Result result;
  const json& expected_projects = expected.value("projects", json::array());
  const json& actual_projects = actual.value("projects", json::array());
  auto name = [](const json& project) { return project.value("name", ""); };
  for (const auto& [e, a] : pair_up(expected_projects, actual_projects, name)) {
    if (e == nullptr) {
      result.differences.push_back(
          messages::text(language, "check-project-not-expected", {{"name", name(*a)}}));
      result.indicators_actual += static_cast<int>(a->value("indicators", json::array()).size());
      continue;
    }
    ++result.projects_expected;
    if (a == nullptr) {
      result.differences.push_back(
          messages::text(language, "check-project-missing", {{"name", name(*e)}}));
      result.indicators_expected += static_cast<int>(e->value("indicators", json::array()).size());
      continue;
    }
    ++result.projects_found;
    compare_project(*e, *a, result, language);
  }
  return result;
}

// jixiao's output nests a few levels; JSON nested deeper is none of it,
// and copying or comparing it would recurse as deep (a stack overflow).
constexpr int kMaxDepth = 64;

bool nests_deeper_than(std::string_view text, int limit) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

// `which`: the message that names the side (`check-expected-file`).
json parse(std::string_view text, const char* which, Language language) {
  if (nests_deeper_than(text, kMaxDepth)) {
    throw std::invalid_argument(messages::text(
        language, "check-too-deep",
        {{"which", messages::text(language, which)}, {"depth", std::to_string(kMaxDepth)}}));
  }
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    throw std::invalid_argument(
        messages::text(language, "check-not-json",
                       {{"which", messages::text(language, which)}, {"error", e.what()}}));
  }
}

}  // namespace

Result compare(std::string_view expected_json, std::string_view actual_json, Language language) {
  const json expected = parse(expected_json, "check-expected-file", language);
  const json actual = parse(actual_json, "check-the-output", language);
  // JSON of another shape (`{"projects": [[…]]}`, an array at the top) is
  // no jixiao output: said so, never an abort on an uncaught type error.
  try {
    return compare_documents(expected, actual, language);
  } catch (const json::exception& e) {
    throw std::invalid_argument(
        messages::text(language, "check-not-jixiao-output", {{"error", e.what()}}));
  }
}

// A jixiao document with no projects: the other side of one side alone.
constexpr std::string_view kNoProjects = R"({"projects": []})";

Result output_only(std::string_view actual_json) {
  Result result = compare(kNoProjects, actual_json);
  result.differences.clear();
  return result;
}

Result expected_only(std::string_view expected_json) {
  Result result = compare(expected_json, kNoProjects);
  result.differences.clear();
  return result;
}

void add(Result& total, const Result& one) {
  total.projects_expected += one.projects_expected;
  total.projects_found += one.projects_found;
  total.indicators_expected += one.indicators_expected;
  total.indicators_found += one.indicators_found;
  total.indicators_equal += one.indicators_equal;
  total.indicators_actual += one.indicators_actual;
  total.differences.insert(total.differences.end(), one.differences.begin(), one.differences.end());
}

// 2PR / (P + R) with P = equal / actual and R = equal / expected is
// 2 · equal / (expected + actual): in integers, so that rounding down to
// the digits shown is exact.
std::optional<double> exact_f1(const Result& r) {
  const long long both = static_cast<long long>(r.indicators_expected) + r.indicators_actual;
  if (both == 0) return std::nullopt;
  return 2.0 * r.indicators_equal / static_cast<double>(both);
}

std::string format_exact_f1(const Result& r) {
  const long long both = static_cast<long long>(r.indicators_expected) + r.indicators_actual;
  if (both == 0) return "n/a";
  const long long scaled = 2LL * r.indicators_equal * 100000 / both;  // rounded down
  char text[32];
  std::snprintf(text, sizeof text, "%lld.%05lld", scaled / 100000, scaled % 100000);
  return text;
}

}  // namespace jixiao::check
