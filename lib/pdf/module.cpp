// Loads the PDF module (jixiao-pdf.so, built from reader.cpp) on first use,
// so that converting text never pays for loading poppler.
#include <dlfcn.h>
#include <unistd.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "pdf/reader.h"

namespace jixiao::pdf {
namespace {

using ExtractFunction = void (*)(const char*, std::size_t, const Bounds*, Extraction*) noexcept;
using ReadPagesFunction = void (*)(const char*, std::size_t, const Bounds*, std::vector<Page>*,
                                   messages::Message*) noexcept;

struct Module {
  ExtractFunction extract = nullptr;
  ReadPagesFunction read_pages = nullptr;
  messages::Message error;  // why it could not be loaded
};

std::string program_folder() {
  std::string path(4096, '\0');
  const ssize_t n = ::readlink("/proc/self/exe", path.data(), path.size());
  if (n <= 0) return ".";
  path.resize(static_cast<std::size_t>(n));
  return path.substr(0, path.rfind('/'));
}

std::vector<std::string> places() {
  if (const char* given = std::getenv("JIXIAO_PDF_MODULE"); given && *given) return {given};
  const std::string folder = program_folder();
  return {folder + "/jixiao-pdf.so", folder + "/../lib/jixiao/jixiao-pdf.so",
          JIXIAO_PDF_MODULE_BUILT};
}

Module load() {
  Module module;
  for (const std::string& path : places()) {
    if (::access(path.c_str(), F_OK) != 0) continue;
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
      module.error = {"pdf-unreadable.module-load", {{"why", ::dlerror()}}};
      return module;
    }
    module.extract = reinterpret_cast<ExtractFunction>(::dlsym(handle, "jixiao_pdf_extract_v4"));
    module.read_pages =
        reinterpret_cast<ReadPagesFunction>(::dlsym(handle, "jixiao_pdf_read_pages_v4"));
    if (!module.extract || !module.read_pages) {
      module = Module{};
      module.error = {"pdf-unreadable.not-module", {{"path", path}}};
    }
    return module;
  }
  module.error = {"pdf-unreadable.no-module", {}};
  return module;
}

const Module& loaded_module() {
  static const Module loaded = load();  // once, thread-safe
  return loaded;
}

}  // namespace

Extraction extract(std::string_view bytes, const Bounds& bounds) {
  const Module& module = loaded_module();
  Extraction result;
  if (!module.extract) {
    result.error = module.error;
    return result;
  }
  module.extract(bytes.data(), bytes.size(), &bounds, &result);
  return result;
}

std::vector<Page> read_pages(std::string_view bytes, messages::Message& error,
                             const Bounds& bounds) {
  const Module& module = loaded_module();
  std::vector<Page> pages;
  if (!module.read_pages) {
    error = module.error;
    return pages;
  }
  module.read_pages(bytes.data(), bytes.size(), &bounds, &pages, &error);
  return pages;
}

}  // namespace jixiao::pdf
