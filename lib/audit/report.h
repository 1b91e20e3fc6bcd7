// The audit report: what `jixiao audit` prints — per project, every check
// with what holds or fails and the figures, the conversion's own warnings
// for that project, and a summary across the batch. An input that could
// not be read, or in which no table was found, is an error of the report:
// an audit never passes on nothing.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "messages/catalogue.h"
#include "model/model.h"

namespace jixiao::audit {

class Report {
 public:
  // Adds one converted document (its projects carry their audit).
  void add(const model::Document& document);
  // Adds an input that could not be read, and why (`cannot open: …`).
  void add_unreadable(const std::string& path, const std::string& error);

  // With `failed_only`, only the files in error and the projects with a
  // failed check, and of those only the failed checks; the summary is
  // still of the whole batch. The text is in `language` (the figures, codes,
  // paths and the input's words as they are); the JSON's messages are
  // always English, as in the output files.
  std::string text(bool failed_only = false,
                   messages::Language language = messages::Language::en) const;  // for people
  std::string json(bool failed_only = false) const;                              // for scripts
  bool any_failed() const { return failing_projects_ > 0 || files_in_error_ > 0; }

 private:
  struct ProjectEntry {
    int index = 0;
    std::string name;
    int first_line = 0, last_line = 0;
    std::vector<model::Check> checks;
    std::vector<source::Diagnostic> warnings;  // the conversion's, inside the project's lines
    bool failed = false;
  };
  struct FileEntry {
    std::string path;
    std::string error;  // why it was not audited: unreadable, or no table
    // The diagnostic that `error` is the English message of (no table), to
    // say it in another language; none for an unreadable file.
    std::optional<source::Diagnostic> error_diagnostic;
    bool unreadable = false;  // `error` is why it could not be read, as given
    std::vector<ProjectEntry> projects;
    std::vector<source::Diagnostic> errors;  // about the whole file
    bool failed = false;                     // in error, or a project failed
  };
  static std::string file_text(const FileEntry& file, bool failed_only,
                               messages::Language language);
  static std::string project_text(const ProjectEntry& project, bool failed_only,
                                  messages::Language language);
  std::string summary_text(messages::Language language) const;
  std::vector<FileEntry> files_;
  int projects_ = 0, failing_projects_ = 0, files_in_error_ = 0;
  std::map<std::string, int> failures_by_check_;  // projects failing each check
};

}  // namespace jixiao::audit
