#include "emit/emit.h"

#include "emit/json_writer.h"

namespace jixiao::emit {
namespace {

void write_value(JsonWriter& w, const model::Value& v);

void write_optional_value(JsonWriter& w, const std::optional<model::Value>& v) {
  v ? write_value(w, *v) : w.null();
}

void write_value(JsonWriter& w, const model::Value& v) {
  w.begin_object();
  w.member("raw", v.raw);
  w.member("kind", model::to_string(v.kind));
  switch (v.kind) {
    case model::ValueKind::quantity:
    case model::ValueKind::range:
      w.member("op", v.op);
      if (v.number) w.member("number", *v.number);
      if (v.min) w.member("min", *v.min);
      if (v.max) w.member("max", *v.max);
      w.member("unit", v.unit);
      if (v.unit_inferred) w.member("unit_inferred", *v.unit_inferred);
      if (v.base) {
        w.key("base");
        w.begin_object();
        w.member("number", v.base->number);
        w.member("unit", v.base->unit);
        w.end_object();
      }
      if (!v.subject.empty()) w.member("subject", v.subject);
      if (v.detail) w.key("detail"), write_value(w, *v.detail);
      break;
    case model::ValueKind::date:
      w.member("op", v.op);
      w.member("date", v.date);
      break;
    case model::ValueKind::period:
      w.member("from", v.from);
      w.member("to", v.to);
      break;
    case model::ValueKind::text:
    case model::ValueKind::empty:
      break;
  }
  w.end_object();
}

void write_funds(JsonWriter& w, const std::map<std::string, model::Value>& funds) {
  for (const char* key : {"total", "fiscal", "other", "carryover"}) {
    if (auto it = funds.find(key); it != funds.end()) w.key(key), write_value(w, it->second);
  }
}

void write_text_line(JsonWriter& w, const model::TextLine& line) {
  w.begin_object();
  w.member("line", line.line);
  if (line.last_line > line.line) w.member("last_line", line.last_line);
  w.member("text", line.text);
  w.end_object();
}

void write_text_lines(JsonWriter& w, const std::vector<model::TextLine>& lines) {
  w.begin_array();
  for (const auto& line : lines) write_text_line(w, line);
  w.end_array();
}

void write_integers(JsonWriter& w, const std::vector<int>& numbers) {
  w.begin_array();
  for (int n : numbers) w.integer(n);
  w.end_array();
}

void write_indicator(JsonWriter& w, const model::Indicator& ind) {
  w.begin_object();
  w.member("level1", ind.level1);
  w.member("level2", ind.level2);
  w.member("level2_label", ind.level2_label);
  w.member("name", ind.name);
  w.key("value");
  write_value(w, ind.value);
  w.member("line", ind.line);
  if (ind.lines.size() > 1) w.key("lines"), write_integers(w, ind.lines);
  if (!ind.extra.empty()) {
    w.key("extra");
    w.begin_array();
    for (const auto& cell : ind.extra) w.string(cell);
    w.end_array();
  }
  if (ind.actual) w.key("actual"), write_value(w, *ind.actual);
  if (ind.previous_actual) w.key("previous_actual"), write_value(w, *ind.previous_actual);
  if (ind.weight) w.member("weight", *ind.weight);
  if (ind.score) w.member("score", *ind.score);
  const std::pair<const char*, const std::optional<std::string>*> texts[] = {
      {"deviation", &ind.deviation},     {"direction", &ind.direction},
      {"explanation", &ind.explanation}, {"scoring", &ind.scoring},
      {"remark", &ind.remark},           {"value_type", &ind.value_type},
      {"standard", &ind.standard}};
  for (const auto& [key, text] : texts) {
    if (*text) w.member(key, **text);
  }
  w.end_object();
}

void write_optional_decimal(JsonWriter& w, const std::optional<model::Decimal>& d) {
  d ? w.number(*d) : w.null();
}

void write_budget(JsonWriter& w, const std::optional<model::Budget>& budget) {
  if (!budget) return w.null();
  w.begin_object();
  w.key("initial");
  write_optional_value(w, budget->initial);
  w.key("full_year");
  write_optional_value(w, budget->full_year);
  w.key("executed");
  write_optional_value(w, budget->executed);
  w.key("execution_rate");
  write_optional_value(w, budget->execution_rate);
  w.key("weight");
  write_optional_decimal(w, budget->weight);
  w.key("score");
  write_optional_decimal(w, budget->score);
  w.end_object();
}

void write_tasks(JsonWriter& w, const std::vector<model::Task>& tasks) {
  w.begin_array();
  for (const auto& t : tasks) {
    w.begin_object();
    w.member("name", t.name);
    w.member("content", t.content);
    w.key("amount");
    write_optional_value(w, t.amount);
    w.member("line", t.line);
    w.end_object();
  }
  w.end_array();
}

void write_audit(JsonWriter& w, const std::vector<model::Check>& checks) {
  w.begin_array();
  for (const auto& check : checks) {
    w.begin_object();
    w.member("check", source::to_string(check.code));
    w.member("passed", check.passed);
    w.member("line", check.line);
    w.member("message", check.message);
    w.end_object();
  }
  w.end_array();
}

// The members every project has, in JSON and in JSON Lines; the caller
// opens and closes the object (JSON Lines adds members of its own).
void write_project_members(JsonWriter& w, const model::Project& p) {
  w.member("index", p.index);
  w.member("id", p.id);
  w.member("table_type", p.table_type);
  w.key("span");
  w.begin_object();
  w.member("first_line", p.first_line);
  w.member("last_line", p.last_line);
  w.end_object();
  w.member("title", p.title);
  w.key("year");
  p.year ? w.integer(*p.year) : w.null();
  w.member("name", p.name);
  w.member("department", p.department);
  w.member("implementer", p.implementer);
  w.member("attribute", p.attribute);
  w.member("period", p.period);
  w.key("amount");
  write_optional_value(w, p.amount);
  // (The amount in 元 where its unit says how: `amount.base` or the amount.)
  if (const auto yuan = model::amount_yuan(p)) w.member("amount_yuan", *yuan);
  w.key("funds");
  w.begin_object();
  write_funds(w, p.funds);
  if (!p.allocated.empty()) {
    w.key("allocated");
    w.begin_object();
    write_funds(w, p.allocated);
    w.end_object();
  }
  w.end_object();
  w.member("goal", p.goal);
  if (p.goal_allocated) w.member("goal_allocated", *p.goal_allocated);
  if (p.goal_actual) w.member("goal_actual", *p.goal_actual);
  if (p.budget || p.table_type == "self_evaluation") w.key("budget"), write_budget(w, p.budget);
  if (!p.tasks.empty() || p.table_type == "department") w.key("tasks"), write_tasks(w, p.tasks);
  w.key("fields");
  w.begin_object();
  for (const auto& [label, text] : p.fields) w.member(label, text);
  w.end_object();
  w.key("indicators");
  w.begin_array();
  for (const auto& ind : p.indicators) write_indicator(w, ind);
  w.end_array();
  if (!p.long_term_indicators.empty()) {
    w.key("long_term_indicators");
    w.begin_array();
    for (const auto& ind : p.long_term_indicators) write_indicator(w, ind);
    w.end_array();
  }
  w.key("source_lines");
  w.begin_object();
  for (const auto& [role, numbers] : p.source_lines) w.key(role), write_integers(w, numbers);
  w.end_object();
  if (!p.layout.empty()) w.member("layout", p.layout);
  w.key("audit");
  write_audit(w, p.audit);
}

void write_diagnostic(JsonWriter& w, const source::Diagnostic& d) {
  w.begin_object();
  w.member("severity", source::to_string(d.severity));
  w.member("code", source::to_string(d.code));
  w.member("line", d.line);
  if (d.last_line > d.line) w.member("last_line", d.last_line);
  w.member("column", d.column);
  w.member("message", d.message);
  w.member("text", d.text);
  w.end_object();
}

}  // namespace

// --- a document in pieces ----------------------------------------------------

// The arrays' elements sit at depth 2 (document → array → element).
constexpr int kElementDepth = 2;

void DocumentJson::element_start(std::string& out, bool first) const {
  if (!first) out += ',';
  if (options_.pretty) out += "\n    ";
}

std::string DocumentJson::head(const model::Document& document) const {
  std::string out;
  JsonWriter w(out, options_.pretty);
  w.begin_object();
  w.member("schema", "jixiao/v1");
  w.key("source");
  w.begin_object();
  w.member("path", document.path);
  w.member("sha256", document.sha256);
  w.member("lines", document.lines);
  w.member("encoding", document.encoding);
  if (document.pdf_pages > 0) w.member("pdf_pages", document.pdf_pages);
  w.end_object();
  w.member("grammar", document.grammar);
  w.key("projects");
  out += '[';
  return out;
}

void DocumentJson::append_project(std::string& out, const model::Project& project,
                                  bool first) const {
  element_start(out, first);
  JsonWriter w(out, options_.pretty, kElementDepth);
  w.begin_object();
  write_project_members(w, project);
  w.end_object();
}

void DocumentJson::append_diagnostic(std::string& out, const source::Diagnostic& diagnostic,
                                     bool first) const {
  element_start(out, first);
  JsonWriter w(out, options_.pretty, kElementDepth);
  write_diagnostic(w, diagnostic);
}

void DocumentJson::append_text(std::string& out, const model::TextLine& line, bool first) const {
  element_start(out, first);
  JsonWriter w(out, options_.pretty, kElementDepth);
  write_text_line(w, line);
}

std::string DocumentJson::next_array(bool previous_had_elements, const char* name) const {
  std::string out = options_.pretty && previous_had_elements ? "\n  ]" : "]";
  out += options_.pretty ? ",\n  \"" : ",\"";
  out += name;
  out += options_.pretty ? "\": [" : "\":[";
  return out;
}

std::string DocumentJson::after_projects(bool any) const { return next_array(any, "diagnostics"); }

std::string DocumentJson::after_diagnostics(bool any) const { return next_array(any, "text"); }

std::string DocumentJson::tail(bool any_text) const {
  std::string out = options_.pretty && any_text ? "\n  ]" : "]";
  out += options_.pretty ? "\n}" : "}";
  return out;
}

std::string document_json(const model::Document& document, const Options& options) {
  const DocumentJson parts(options);
  std::string out = parts.head(document);
  for (std::size_t i = 0; i < document.projects.size(); ++i)
    parts.append_project(out, document.projects[i], i == 0);
  out += parts.after_projects(!document.projects.empty());
  for (std::size_t i = 0; i < document.diagnostics.size(); ++i)
    parts.append_diagnostic(out, document.diagnostics[i], i == 0);
  out += parts.after_diagnostics(!document.diagnostics.empty());
  for (std::size_t i = 0; i < document.text.size(); ++i)
    parts.append_text(out, document.text[i], i == 0);
  out += parts.tail(!document.text.empty());
  return out;
}

std::string project_jsonl(const model::Project& project, std::string_view source_path) {
  std::string out;
  append_project_jsonl(out, project, source_path);
  return out;
}

void append_project_jsonl(std::string& out, const model::Project& project,
                          std::string_view source_path) {
  JsonWriter w(out, false);
  w.begin_object();
  write_project_members(w, project);
  w.key("source");
  w.begin_object();
  w.member("path", source_path);
  w.end_object();
  if (!project.preamble.empty()) w.key("preamble"), write_text_lines(w, project.preamble);
  w.end_object();
}

std::string value_json(const model::Value& value) {
  std::string out;
  JsonWriter w(out, false);
  write_value(w, value);
  return out;
}

std::string diagnostic_json(const source::Diagnostic& diagnostic) {
  std::string out;
  JsonWriter w(out, false);
  write_diagnostic(w, diagnostic);
  return out;
}

}  // namespace jixiao::emit
