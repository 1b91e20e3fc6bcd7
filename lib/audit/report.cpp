#include "audit/report.h"

#include <nlohmann/json.hpp>
#include <set>

#include "audit/audit.h"
#include "source/input.h"

namespace jixiao::audit {

void Report::add(const model::Document& document) {
  FileEntry file;
  file.path = document.path;
  for (const auto& d : document.diagnostics) {
    if (d.line == 0 && d.severity != source::Severity::info) file.errors.push_back(d);
  }
  for (const auto& p : document.projects) {
    ProjectEntry entry{p.index, p.name, p.first_line, p.last_line, p.audit, {}};
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
    if (!failed.empty()) ++failing_projects_;
    for (const auto& code : failed) ++failures_by_check_[code];
    file.projects.push_back(std::move(entry));
  }
  files_.push_back(std::move(file));
}

std::string Report::text() const {
  std::string out;
  for (const auto& file : files_) {
    out += source::escape_controls(file.path) + "\n";  // (a name may hold ESC)
    for (const auto& e : file.errors)
      out += "  " + std::string(source::to_string(e.severity)) + ": " + e.message + "\n";
    for (const auto& p : file.projects) {
      out += "  [" + std::to_string(p.index) + "] " + p.name + " (lines " +
             std::to_string(p.first_line) + "–" + std::to_string(p.last_line) + ")\n";
      for (const auto& check : p.checks) {
        out += check.passed ? "    ok    " : "    FAIL  ";
        out += std::string(source::to_string(check.code)) + ": " + check.message;
        if (!check.passed) out += " (line " + std::to_string(check.line) + ")";
        out += "\n";
      }
      for (const auto& w : p.warnings) {
        out += "    note  " + std::string(source::to_string(w.code)) + ": " + w.message +
               " (line " + std::to_string(w.line) + ")\n";
      }
    }
  }
  out += "audit: " + std::to_string(projects_) + " project" + (projects_ == 1 ? "" : "s") + ", " +
         std::to_string(failing_projects_) + " with failed checks\n";
  for (const auto& [code, count] : failures_by_check_) {
    std::string name = code;
    name.resize(std::max<std::size_t>(name.size(), 22), ' ');
    out += "  " + name + std::to_string(count) + " project" + (count == 1 ? "" : "s") + "\n";
  }
  return out;
}

std::string Report::json() const {
  using nlohmann::ordered_json;
  auto check_json = [](const model::Check& c) {
    return ordered_json{{"check", source::to_string(c.code)},
                        {"passed", c.passed},
                        {"line", c.line},
                        {"message", c.message}};
  };
  ordered_json files = ordered_json::array();
  for (const auto& file : files_) {
    ordered_json projects = ordered_json::array();
    for (const auto& p : file.projects) {
      ordered_json checks = ordered_json::array(), warnings = ordered_json::array();
      bool passed = true;
      for (const auto& c : p.checks) {
        checks.push_back(check_json(c));
        passed = passed && c.passed;
      }
      for (const auto& w : p.warnings) {
        warnings.push_back(ordered_json{
            {"code", source::to_string(w.code)}, {"line", w.line}, {"message", w.message}});
      }
      projects.push_back(
          ordered_json{{"index", p.index},
                       {"name", p.name},
                       {"span", {{"first_line", p.first_line}, {"last_line", p.last_line}}},
                       {"passed", passed},
                       {"checks", checks},
                       {"warnings", warnings}});
    }
    files.push_back(ordered_json{{"path", file.path}, {"projects", projects}});
  }
  ordered_json by_check = ordered_json::object();
  for (const auto& [code, count] : failures_by_check_) by_check[code] = count;
  ordered_json out{
      {"files", files},
      {"summary",
       {{"projects", projects_}, {"failing", failing_projects_}, {"by_check", by_check}}}};
  return out.dump(2, ' ', false, ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace jixiao::audit
