// Stage 5, emit: writes the output model as JSON, following the output
// contract (schema `jixiao/v1`). The emitter sees only the model: no grammar,
// no regex engine, no text processing.
#pragma once

#include <string>
#include <string_view>

#include "model/model.h"

namespace jixiao::emit {

struct Options {
  bool pretty = false;  // indented, for people; compact otherwise
};

// The whole document: `{"schema": "jixiao/v1", "source": …, "projects": […], …}`.
std::string document_json(const model::Document& document, const Options& options);

// One project as one line of JSON Lines, with `source.path` added so the line
// stands on its own.
std::string project_jsonl(const model::Project& project, std::string_view source_path);

// One value as one line of compact JSON (`jixiao value`).
std::string value_json(const model::Value& value);

// One diagnostic as a JSON object (for `--format jsonl` logs and tests).
std::string diagnostic_json(const source::Diagnostic& diagnostic);

}  // namespace jixiao::emit
