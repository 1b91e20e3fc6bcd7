#include "audit/report.h"

#include <nlohmann/json.hpp>
#include <set>

#include "audit/audit.h"
#include "messages/messages.h"
#include "source/input.h"

namespace jixiao::audit {

namespace {

using messages::Language;

// The error that stands for a document without projects: the first error
// about the whole file (no-tables, pdf-unreadable, empty-input), taken out of
// `errors` so that it is said once; none when there is no such error.
std::optional<source::Diagnostic> take_file_error(std::vector<source::Diagnostic>& errors) {
  for (auto it = errors.begin(); it != errors.end(); ++it) {
    if (it->severity != source::Severity::error) continue;
    source::Diagnostic error = std::move(*it);
    errors.erase(it);
    return error;
  }
  return std::nullopt;
}

// What a finding says, in `language` (its English `message` as it is).
std::string said(const model::Check& check, Language language) {
  source::Diagnostic d;
  d.code = check.code;
  d.line = check.line;
  d.message = check.message;
  d.message_id = check.message_id;
  d.args = check.args;
  return messages::details(d, language);
}

}  // namespace

void Report::add(const model::Document& document) {
  FileEntry file;
  file.path = document.path;
  for (const auto& d : document.diagnostics) {
    if (d.line == 0 && d.severity != source::Severity::info) file.errors.push_back(d);
  }
  for (const auto& p : document.projects) {
    ProjectEntry entry{p.index, p.name, p.first_line, p.last_line, p.audit, {}, false};
    std::set<std::string> failed;
    for (const auto& check : p.audit) {
      if (!check.passed) failed.insert(std::string(source::to_string(check.code)));
    }
    // Warnings of the conversion itself (a doubled 万, an unknown unit),
    // unless an audit finding already says it.
    for (const auto& d : document.diagnostics) {
      if (d.severity == source::Severity::info || d.line < p.first_line || d.line > p.last_line)
        continue;
      if (failed.count(std::string(source::to_string(d.code)))) continue;
      entry.warnings.push_back(d);
    }
    ++projects_;
    entry.failed = !failed.empty();
    file.failed = file.failed || entry.failed;
    if (entry.failed) ++failing_projects_;
    for (const auto& code : failed) ++failures_by_check_[code];
    file.projects.push_back(std::move(entry));
  }
  // Nothing audited is no pass.
  if (document.projects.empty()) {
    file.error_diagnostic = take_file_error(file.errors);
    file.error = file.error_diagnostic ? file.error_diagnostic->message
                                       : messages::text(Language::en, "audit-no-table");
    file.failed = true;
    ++files_in_error_;
  }
  files_.push_back(std::move(file));
}

void Report::add_unreadable(const std::string& path, const std::string& error) {
  FileEntry file;
  file.path = path;
  file.error = error;
  file.unreadable = true;
  file.failed = true;
  ++files_in_error_;
  files_.push_back(std::move(file));
}

std::string Report::project_text(const ProjectEntry& p, bool failed_only, Language language) {
  std::string out = "  " +
                    messages::text(language, "audit-project",
                                   {{"index", std::to_string(p.index)},
                                    {"name", p.name},
                                    {"first", std::to_string(p.first_line)},
                                    {"last", std::to_string(p.last_line)}}) +
                    "\n";
  for (const auto& check : p.checks) {
    if (failed_only && check.passed) continue;
    out += "    " + messages::text(language, check.passed ? "audit-ok" : "audit-fail");
    out += std::string(source::to_string(check.code)) + ": " + said(check, language);
    if (!check.passed)
      out += messages::text(language, "audit-at-line", {{"line", std::to_string(check.line)}});
    out += "\n";
  }
  for (const auto& w : p.warnings) {
    out += "    " + messages::text(language, "audit-note") +
           std::string(source::to_string(w.code)) + ": " + messages::details(w, language) +
           messages::text(language, "audit-at-line", {{"line", std::to_string(w.line)}}) + "\n";
  }
  return out;
}

std::string Report::file_text(const FileEntry& file, bool failed_only, Language language) {
  std::string out = source::escape_controls(file.path) + "\n";  // (a name may hold ESC)
  if (!file.error.empty()) {
    // An unreadable file's reason is as it was given (`cannot open: …`).
    const std::string error = file.unreadable ? file.error
                              : file.error_diagnostic
                                  ? messages::details(*file.error_diagnostic, language)
                                  : messages::text(language, "audit-no-table");
    out += "  " +
           messages::text(language, "audit-error", {{"error", source::escape_controls(error)}}) +
           "\n";
  }
  for (const auto& e : file.errors) {
    out += "  " +
           (language == Language::en ? std::string(source::to_string(e.severity))
                                     : messages::severity_word(e.severity, language)) +
           (language == Language::en ? ": " : "：") + messages::details(e, language) + "\n";
  }
  for (const auto& p : file.projects) {
    if (!failed_only || p.failed) out += project_text(p, failed_only, language);
  }
  return out;
}

std::string Report::summary_text(Language language) const {
  std::string out = messages::text(
      language, "audit-summary",
      {{"projects", std::to_string(projects_)}, {"failing", std::to_string(failing_projects_)}});
  if (files_in_error_ > 0) {
    out += messages::text(language, "audit-summary-in-error",
                          {{"n", std::to_string(files_in_error_)}});
  }
  out += "\n";
  for (const auto& [code, count] : failures_by_check_) {
    std::string name = code;
    name.resize(std::max<std::size_t>(name.size(), 22), ' ');
    out += "  " + name +
           messages::text(language, "audit-by-check", {{"n", std::to_string(count)}}) + "\n";
  }
  return out;
}

std::string Report::text(bool failed_only, Language language) const {
  std::string out;
  for (const auto& file : files_) {
    if (!failed_only || file.failed) out += file_text(file, failed_only, language);
  }
  return out + summary_text(language);
}

namespace {

using nlohmann::ordered_json;

ordered_json check_json(const model::Check& c) {
  return ordered_json{{"check", source::to_string(c.code)},
                      {"passed", c.passed},
                      {"line", c.line},
                      {"message", c.message}};
}

ordered_json warning_json(const source::Diagnostic& w) {
  return ordered_json{
      {"code", source::to_string(w.code)}, {"line", w.line}, {"message", w.message}};
}

}  // namespace

std::string Report::json(bool failed_only) const {
  ordered_json files = ordered_json::array();
  for (const auto& file : files_) {
    if (failed_only && !file.failed) continue;
    ordered_json projects = ordered_json::array();
    for (const auto& p : file.projects) {
      if (failed_only && !p.failed) continue;
      ordered_json checks = ordered_json::array(), warnings = ordered_json::array();
      for (const auto& c : p.checks) {
        if (!failed_only || !c.passed) checks.push_back(check_json(c));
      }
      for (const auto& w : p.warnings) warnings.push_back(warning_json(w));
      projects.push_back(
          ordered_json{{"index", p.index},
                       {"name", p.name},
                       {"span", {{"first_line", p.first_line}, {"last_line", p.last_line}}},
                       {"passed", !p.failed},
                       {"checks", checks},
                       {"warnings", warnings}});
    }
    files.push_back(
        ordered_json{{"path", file.path},
                     {"error", file.error.empty() ? ordered_json() : ordered_json(file.error)},
                     {"projects", projects}});
  }
  ordered_json by_check = ordered_json::object();
  for (const auto& [code, count] : failures_by_check_) by_check[code] = count;
  ordered_json out{{"files", files},
                   {"summary",
                    {{"projects", projects_},
                     {"failing", failing_projects_},
                     {"files", files_.size()},
                     {"files_in_error", files_in_error_},
                     {"by_check", by_check}}}};
  return out.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace jixiao::audit
