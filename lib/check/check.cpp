#include "check/check.h"

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace jixiao::check {
namespace {

using nlohmann::json;

constexpr const char* kProjectFields[] = {"title",       "year",      "name",   "department",
                                          "implementer", "attribute", "period", "amount",
                                          "funds",       "goal"};
constexpr const char* kIndicatorFields[] = {"level2_label", "value"};

const char* kSeparator = " › ";

std::string shown(const json& value) {
  if (value.is_null()) return "nothing";
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// Adds a line for each leaf where the two differ: `value.number: expected 2, got 3`.
void diff(const std::string& where, const std::string& path, const json& expected,
          const json& actual, std::vector<std::string>& out) {
  if (expected == actual) return;
  if (expected.is_object() && actual.is_object()) {
    for (const auto& [key, value] : expected.items()) {
      diff(where, path.empty() ? key : path + "." + key, value,
           actual.contains(key) ? actual.at(key) : json(), out);
    }
    for (const auto& [key, value] : actual.items()) {
      if (!expected.contains(key))
        diff(where, path.empty() ? key : path + "." + key, json(), value, out);
    }
    return;
  }
  out.push_back(where + kSeparator + path + ": expected " + shown(expected) + ", got " +
                shown(actual));
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

void compare_project(const json& expected, const json& actual, Result& result) {
  const std::string where = expected.value("name", "");
  for (const char* field : kProjectFields) {
    diff(where, field, expected.value(field, json()), actual.value(field, json()),
         result.differences);
  }
  const json& expected_indicators = expected.value("indicators", json::array());
  const json& actual_indicators = actual.value("indicators", json::array());
  result.indicators_actual += static_cast<int>(actual_indicators.size());
  for (const auto& [e, a] : pair_up(expected_indicators, actual_indicators, indicator_key)) {
    if (e == nullptr) {
      result.differences.push_back(where + kSeparator + indicator_key(*a) + ": not expected");
      continue;
    }
    ++result.indicators_expected;
    if (a == nullptr) {
      result.differences.push_back(where + kSeparator + indicator_key(*e) + ": missing");
      continue;
    }
    ++result.indicators_found;
    const std::size_t before = result.differences.size();
    for (const char* field : kIndicatorFields) {
      diff(where + kSeparator + indicator_key(*e), field, e->value(field, json()),
           a->value(field, json()), result.differences);
    }
    if (result.differences.size() == before) ++result.indicators_equal;
  }
}

// The expected file must be a jixiao document: an object with a list of
// projects, each an object. Anything else would pass as "no projects".
void check_shape(const json& expected) {
  if (!expected.is_object()) throw std::invalid_argument("the expected file is not a JSON object");
  const auto projects = expected.find("projects");
  if (projects == expected.end() || !projects->is_array()) {
    throw std::invalid_argument(
        "the expected file is not a jixiao output: it has no \"projects\" list");
  }
  for (const auto& project : *projects) {
    if (!project.is_object())
      throw std::invalid_argument(
          "the expected file is not a jixiao output: a project is no object");
  }
}

Result compare_documents(const json& expected, const json& actual) {
  check_shape(expected);
  Result result;
  const json& expected_projects = expected.value("projects", json::array());
  const json& actual_projects = actual.value("projects", json::array());
  auto name = [](const json& project) { return project.value("name", ""); };
  for (const auto& [e, a] : pair_up(expected_projects, actual_projects, name)) {
    if (e == nullptr) {
      result.differences.push_back(name(*a) + ": a project not expected");
      result.indicators_actual += static_cast<int>(a->value("indicators", json::array()).size());
      continue;
    }
    ++result.projects_expected;
    if (a == nullptr) {
      result.differences.push_back(name(*e) + ": project missing");
      result.indicators_expected += static_cast<int>(e->value("indicators", json::array()).size());
      continue;
    }
    ++result.projects_found;
    compare_project(*e, *a, result);
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

json parse(std::string_view text, const char* which) {
  if (nests_deeper_than(text, kMaxDepth)) {
    throw std::invalid_argument(std::string(which) + " is not a jixiao output: lists or objects " +
                                "nested more than " + std::to_string(kMaxDepth) + " deep");
  }
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    throw std::invalid_argument(std::string(which) + " is not JSON: " + e.what());
  }
}

}  // namespace

Result compare(std::string_view expected_json, std::string_view actual_json) {
  const json expected = parse(expected_json, "the expected file");
  const json actual = parse(actual_json, "the output");
  // JSON of another shape (`{"projects": [[…]]}`, an array at the top) is
  // no jixiao output: said so, never an abort on an uncaught type error.
  try {
    return compare_documents(expected, actual);
  } catch (const json::exception& e) {
    throw std::invalid_argument(std::string("the expected file is not a jixiao output: ") +
                                e.what());
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
