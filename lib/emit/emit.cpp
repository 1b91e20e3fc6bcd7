#include "emit/emit.h"

#include <cstdlib>
#include <nlohmann/json.hpp>

namespace jixiao::emit {
namespace {

using Json = nlohmann::ordered_json;

// A decimal goes out as a JSON number spelled as in the source: integers as
// integers, and fractions through the double nearest to them, which the
// shortest round-trip printing turns back into the same digits.
Json number(const model::Decimal& d) {
  if (d.text.find('.') == std::string::npos && d.text.size() <= 18) {
    return Json(std::stoll(d.text));
  }
  return Json(std::strtod(d.text.c_str(), nullptr));
}

Json optional_string(const std::optional<std::string>& s) { return s ? Json(*s) : Json(nullptr); }

Json value_object(const model::Value& v) {
  Json j;
  j["raw"] = v.raw;
  j["kind"] = model::to_string(v.kind);
  switch (v.kind) {
    case model::ValueKind::quantity:
    case model::ValueKind::range:
      j["op"] = optional_string(v.op);
      if (v.number) j["number"] = number(*v.number);
      if (v.min) j["min"] = number(*v.min);
      if (v.max) j["max"] = number(*v.max);
      j["unit"] = optional_string(v.unit);
      if (v.unit_inferred) j["unit_inferred"] = *v.unit_inferred;
      if (v.base)
        j["base"] =
            Json{{"number", number(v.base->number)}, {"unit", optional_string(v.base->unit)}};
      if (!v.subject.empty()) j["subject"] = v.subject;
      if (v.detail) j["detail"] = value_object(*v.detail);
      break;
    case model::ValueKind::date:
      j["op"] = optional_string(v.op);
      j["date"] = v.date;
      break;
    case model::ValueKind::period:
      j["from"] = v.from;
      j["to"] = v.to;
      break;
    case model::ValueKind::text:
    case model::ValueKind::empty:
      break;
  }
  return j;
}

Json funds_json(const std::map<std::string, model::Value>& funds) {
  Json j = Json::object();
  for (const char* key : {"total", "fiscal", "other", "carryover"}) {
    if (auto it = funds.find(key); it != funds.end()) j[key] = value_object(it->second);
  }
  return j;
}

Json text_lines_json(const std::vector<model::TextLine>& lines) {
  Json j = Json::array();
  for (const auto& line : lines) j.push_back(Json{{"line", line.line}, {"text", line.text}});
  return j;
}

Json indicator_json(const model::Indicator& ind) {
  Json j;
  j["level1"] = ind.level1;
  j["level2"] = optional_string(ind.level2);
  j["level2_label"] = ind.level2_label;
  j["name"] = ind.name;
  j["value"] = value_object(ind.value);
  j["line"] = ind.line;
  if (ind.lines.size() > 1) j["lines"] = ind.lines;
  if (!ind.extra.empty()) j["extra"] = ind.extra;
  if (ind.actual) j["actual"] = value_object(*ind.actual);
  if (ind.weight) j["weight"] = number(*ind.weight);
  if (ind.score) j["score"] = number(*ind.score);
  const std::pair<const char*, const std::optional<std::string>*> texts[] = {
      {"deviation", &ind.deviation},     {"direction", &ind.direction},
      {"explanation", &ind.explanation}, {"scoring", &ind.scoring},
      {"remark", &ind.remark},           {"value_type", &ind.value_type}};
  for (const auto& [key, text] : texts) {
    if (*text) j[key] = **text;
  }
  return j;
}

Json project_json(const model::Project& p) {
  Json j;
  j["index"] = p.index;
  j["id"] = p.id;
  j["table_type"] = p.table_type;
  j["span"] = Json{{"first_line", p.first_line}, {"last_line", p.last_line}};
  j["title"] = optional_string(p.title);
  j["year"] = p.year ? Json(*p.year) : Json(nullptr);
  j["name"] = p.name;
  j["department"] = optional_string(p.department);
  j["implementer"] = optional_string(p.implementer);
  j["attribute"] = optional_string(p.attribute);
  j["period"] = optional_string(p.period);
  j["amount"] = p.amount ? value_object(*p.amount) : Json(nullptr);
  Json funds = funds_json(p.funds);
  if (!p.allocated.empty()) funds["allocated"] = funds_json(p.allocated);
  j["funds"] = funds;
  j["goal"] = optional_string(p.goal);
  if (p.goal_allocated) j["goal_allocated"] = *p.goal_allocated;
  if (p.goal_actual) j["goal_actual"] = *p.goal_actual;
  if (p.budget || p.table_type == "self_evaluation") {
    Json budget = nullptr;
    if (p.budget) {
      const auto value = [](const std::optional<model::Value>& v) {
        return v ? value_object(*v) : Json(nullptr);
      };
      const auto decimal = [](const std::optional<model::Decimal>& d) {
        return d ? number(*d) : Json(nullptr);
      };
      budget = Json{{"initial", value(p.budget->initial)},
                    {"full_year", value(p.budget->full_year)},
                    {"executed", value(p.budget->executed)},
                    {"execution_rate", value(p.budget->execution_rate)},
                    {"weight", decimal(p.budget->weight)},
                    {"score", decimal(p.budget->score)}};
    }
    j["budget"] = budget;
  }
  if (!p.tasks.empty() || p.table_type == "department") {
    Json tasks = Json::array();
    for (const auto& t : p.tasks) {
      tasks.push_back(Json{{"name", t.name},
                           {"content", t.content},
                           {"amount", t.amount ? value_object(*t.amount) : Json(nullptr)},
                           {"line", t.line}});
    }
    j["tasks"] = tasks;
  }
  Json fields = Json::object();
  for (const auto& [label, text] : p.fields) fields[label] = text;
  j["fields"] = fields;
  Json indicators = Json::array();
  for (const auto& ind : p.indicators) indicators.push_back(indicator_json(ind));
  j["indicators"] = indicators;
  Json lines = Json::object();
  for (const auto& [role, numbers] : p.source_lines) lines[role] = numbers;
  j["source_lines"] = lines;
  if (!p.layout.empty()) j["layout"] = p.layout;
  Json audit = Json::array();
  for (const auto& check : p.audit) {
    audit.push_back(Json{{"check", source::to_string(check.code)},
                         {"passed", check.passed},
                         {"line", check.line},
                         {"message", check.message}});
  }
  j["audit"] = audit;
  return j;
}

Json diagnostic_object(const source::Diagnostic& d) {
  return Json{{"severity", source::to_string(d.severity)},
              {"code", source::to_string(d.code)},
              {"line", d.line},
              {"column", d.column},
              {"message", d.message},
              {"text", d.text}};
}

std::string dump(const Json& j, bool pretty) {
  // Invalid UTF-8 cannot reach here (the reader repairs it), but a dump must
  // never throw on output: replace rather than fail.
  return j.dump(pretty ? 2 : -1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

std::string document_json(const model::Document& document, const Options& options) {
  Json j;
  j["schema"] = "jixiao/v1";
  j["source"] = Json{{"path", document.path},
                     {"sha256", document.sha256},
                     {"lines", document.lines},
                     {"encoding", document.encoding}};
  if (document.pdf_pages > 0) j["source"]["pdf_pages"] = document.pdf_pages;
  j["grammar"] = document.grammar;
  Json projects = Json::array();
  for (const auto& p : document.projects) projects.push_back(project_json(p));
  j["projects"] = projects;
  Json diagnostics = Json::array();
  for (const auto& d : document.diagnostics) diagnostics.push_back(diagnostic_object(d));
  j["diagnostics"] = diagnostics;
  j["text"] = text_lines_json(document.text);
  return dump(j, options.pretty);
}

std::string project_jsonl(const model::Project& project, std::string_view source_path) {
  Json j = project_json(project);
  j["source"] = Json{{"path", source_path}};
  if (!project.preamble.empty()) j["preamble"] = text_lines_json(project.preamble);
  return dump(j, false);
}

std::string value_json(const model::Value& value) { return dump(value_object(value), false); }

std::string diagnostic_json(const source::Diagnostic& diagnostic) {
  return dump(diagnostic_object(diagnostic), false);
}

}  // namespace jixiao::emit
