// The audit report: what `jixiao audit` prints — per project, every check
// with what holds or fails and the figures, the conversion's own warnings
// for that project, and a summary across the batch.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "model/model.h"

namespace jixiao::audit {

class Report {
 public:
  // Adds one converted document (its projects carry their audit).
  void add(const model::Document& document);

  std::string text() const;  // for people
  std::string json() const;  // for scripts
  bool any_failed() const { return failing_projects_ > 0; }

 private:
  struct ProjectEntry {
    int index = 0;
    std::string name;
    int first_line = 0, last_line = 0;
    std::vector<model::Check> checks;
    std::vector<source::Diagnostic> warnings;  // the conversion's, inside the project's lines
  };
  struct FileEntry {
    std::string path;
    std::vector<ProjectEntry> projects;
    std::vector<source::Diagnostic> errors;  // about the whole file
  };
  std::vector<FileEntry> files_;
  int projects_ = 0, failing_projects_ = 0;
  std::map<std::string, int> failures_by_check_;  // projects failing each check
};

}  // namespace jixiao::audit
