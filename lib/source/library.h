// Libraries opened when first needed (dlopen), not linked: their functions
// are looked up by name.
#pragma once

#include <dlfcn.h>

namespace jixiao::source {

// Sets `function` to the symbol `name` of an opened library; false where
// the library has no such symbol.
template <class Function>
bool look_up(void* library, const char* name, Function& function) {
  function = reinterpret_cast<Function>(::dlsym(library, name));
  return function != nullptr;
}

}  // namespace jixiao::source
