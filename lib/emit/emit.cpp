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
  w.key("raw");
  w.string(v.raw);
  w.key("kind");
  w.string(model::to_string(v.kind));
  switch (v.kind) {
    case model::ValueKind::quantity:
    case model::ValueKind::range:
      w.key("op");
      w.optional_string(v.op);
      if (v.number) w.key("number"), w.number(*v.number);
      if (v.min) w.key("min"), w.number(*v.min);
      if (v.max) w.key("max"), w.number(*v.max);
      w.key("unit");
      w.optional_string(v.unit);
      if (v.unit_inferred) w.key("unit_inferred"), w.string(*v.unit_inferred);
      if (v.base) {
        w.key("base");
        w.begin_object();
        w.key("number");
        w.number(v.base->number);
        w.key("unit");
        w.optional_string(v.base->unit);
        w.end_object();
      }
      if (!v.subject.empty()) w.key("subject"), w.string(v.subject);
      if (v.detail) w.key("detail"), write_value(w, *v.detail);
      break;
    case model::ValueKind::date:
      w.key("op");
      w.optional_string(v.op);
      w.key("date");
      w.string(v.date);
      break;
    case model::ValueKind::period:
      w.key("from");
      w.string(v.from);
      w.key("to");
      w.string(v.to);
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
  w.key("line");
  w.integer(line.line);
  w.key("text");
  w.string(line.text);
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
  w.key("level1");
  w.string(ind.level1);
  w.key("level2");
  w.optional_string(ind.level2);
  w.key("level2_label");
  w.string(ind.level2_label);
  w.key("name");
  w.string(ind.name);
  w.key("value");
  write_value(w, ind.value);
  w.key("line");
  w.integer(ind.line);
  if (ind.lines.size() > 1) w.key("lines"), write_integers(w, ind.lines);
  if (!ind.extra.empty()) {
    w.key("extra");
    w.begin_array();
    for (const auto& cell : ind.extra) w.string(cell);
    w.end_array();
  }
  if (ind.actual) w.key("actual"), write_value(w, *ind.actual);
  if (ind.weight) w.key("weight"), w.number(*ind.weight);
  if (ind.score) w.key("score"), w.number(*ind.score);
  const std::pair<const char*, const std::optional<std::string>*> texts[] = {
      {"deviation", &ind.deviation},     {"direction", &ind.direction},
      {"explanation", &ind.explanation}, {"scoring", &ind.scoring},
      {"remark", &ind.remark},           {"value_type", &ind.value_type}};
  for (const auto& [key, text] : texts) {
    if (*text) w.key(key), w.string(**text);
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
    w.key("name");
    w.string(t.name);
    w.key("content");
    w.string(t.content);
    w.key("amount");
    write_optional_value(w, t.amount);
    w.key("line");
    w.integer(t.line);
    w.end_object();
  }
  w.end_array();
}

void write_audit(JsonWriter& w, const std::vector<model::Check>& checks) {
  w.begin_array();
  for (const auto& check : checks) {
    w.begin_object();
    w.key("check");
    w.string(source::to_string(check.code));
    w.key("passed");
    w.boolean(check.passed);
    w.key("line");
    w.integer(check.line);
    w.key("message");
    w.string(check.message);
    w.end_object();
  }
  w.end_array();
}

// The members every project has, in JSON and in JSON Lines; the caller
// opens and closes the object (JSON Lines adds members of its own).
void write_project_members(JsonWriter& w, const model::Project& p) {
  w.key("index");
  w.integer(p.index);
  w.key("id");
  w.string(p.id);
  w.key("table_type");
  w.string(p.table_type);
  w.key("span");
  w.begin_object();
  w.key("first_line");
  w.integer(p.first_line);
  w.key("last_line");
  w.integer(p.last_line);
  w.end_object();
  w.key("title");
  w.optional_string(p.title);
  w.key("year");
  p.year ? w.integer(*p.year) : w.null();
  w.key("name");
  w.string(p.name);
  w.key("department");
  w.optional_string(p.department);
  w.key("implementer");
  w.optional_string(p.implementer);
  w.key("attribute");
  w.optional_string(p.attribute);
  w.key("period");
  w.optional_string(p.period);
  w.key("amount");
  write_optional_value(w, p.amount);
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
  w.key("goal");
  w.optional_string(p.goal);
  if (p.goal_allocated) w.key("goal_allocated"), w.string(*p.goal_allocated);
  if (p.goal_actual) w.key("goal_actual"), w.string(*p.goal_actual);
  if (p.budget || p.table_type == "self_evaluation") w.key("budget"), write_budget(w, p.budget);
  if (!p.tasks.empty() || p.table_type == "department") w.key("tasks"), write_tasks(w, p.tasks);
  w.key("fields");
  w.begin_object();
  for (const auto& [label, text] : p.fields) w.key(label), w.string(text);
  w.end_object();
  w.key("indicators");
  w.begin_array();
  for (const auto& ind : p.indicators) write_indicator(w, ind);
  w.end_array();
  w.key("source_lines");
  w.begin_object();
  for (const auto& [role, numbers] : p.source_lines) w.key(role), write_integers(w, numbers);
  w.end_object();
  if (!p.layout.empty()) w.key("layout"), w.string(p.layout);
  w.key("audit");
  write_audit(w, p.audit);
}

void write_diagnostic(JsonWriter& w, const source::Diagnostic& d) {
  w.begin_object();
  w.key("severity");
  w.string(source::to_string(d.severity));
  w.key("code");
  w.string(source::to_string(d.code));
  w.key("line");
  w.integer(d.line);
  w.key("column");
  w.integer(d.column);
  w.key("message");
  w.string(d.message);
  w.key("text");
  w.string(d.text);
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
  w.key("schema");
  w.string("jixiao/v1");
  w.key("source");
  w.begin_object();
  w.key("path");
  w.string(document.path);
  w.key("sha256");
  w.string(document.sha256);
  w.key("lines");
  w.integer(document.lines);
  w.key("encoding");
  w.string(document.encoding);
  if (document.pdf_pages > 0) w.key("pdf_pages"), w.integer(document.pdf_pages);
  w.end_object();
  w.key("grammar");
  w.string(document.grammar);
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
  w.key("path");
  w.string(source_path);
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
