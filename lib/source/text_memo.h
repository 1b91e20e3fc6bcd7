// A bounded memo from short texts to what was worked out about them, for the
// answers a thread keeps about the cells it has read: a table's labels and
// values recur on every page and under every project, so a question asked
// again costs one probe instead of the work.
//
// Open addressing in a power-of-two table of hashes, the keys in one buffer
// and the values in one array: a lookup touches one or two cache lines and
// allocates nothing, where a node-based map chased a pointer per entry and
// divided by a prime. At its capacity (entries or key bytes) it keeps only the
// texts that came back, so memory does not grow with the input (past the
// bound by one text at most: a text longer than it is kept alone, until the
// next is added).
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jixiao::source {

// Eight bytes a step, multiplied and folded: cells are a few dozen bytes, on
// which the library's byte hash cost three times as much.
inline std::uint64_t hash_text(std::string_view text) {
  constexpr std::uint64_t kMultiplier = 0x9E3779B97F4A7C15ULL;
  std::uint64_t h = (text.size() + 1) * kMultiplier;
  const auto mix = [&](std::uint64_t word) {
    h = (h ^ word) * kMultiplier;
    h ^= h >> 29;
  };
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    mix(word);
  }
  if (i < text.size()) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + i, text.size() - i);
    mix(word);
  }
  return h ^ (h >> 32);
}

template <class Value>
class TextMemo {
 public:
  // Keeps up to `max_entries` texts of `max_key_bytes` in all. The table
  // grows as texts are added, so a small file touches little memory (each
  // page touched is a page fault, which start-up pays for).
  TextMemo(std::size_t max_entries, std::size_t max_key_bytes)
      : max_entries_(max_entries), max_key_bytes_(max_key_bytes) {}

  // What is kept for `text`, or null. The pointer holds until the next `add`
  // or `clear`.
  Value* find(std::string_view text) {
    // A cell is asked several questions in a row: comparing it with the
    // entry last found is cheaper than hashing it again.
    if (last_ < entries_.size() && key_of(entries_[last_]) == text) return found(last_);
    if (slots_.empty()) return nullptr;
    // The same cell's text is asked about from the same bytes: the entry
    // last found from where `text` lies is tried next (its key compared,
    // for those bytes may hold another text by now).
    std::uint32_t& seen = by_place_[place_of(text)];
    if (seen < entries_.size() && key_of(entries_[seen]) == text) {
      last_ = seen;
      return found(last_);
    }
    const std::uint64_t hash = hash_text(text);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.entry == 0) return nullptr;
      if (slot.hash == hash && key_of(entries_[slot.entry - 1]) == text) {
        last_ = slot.entry - 1;
        seen = static_cast<std::uint32_t>(last_);
        return found(last_);
      }
    }
  }

  // Keeps `value` for `text`, which `find` did not have, making room first
  // if the memo is full. The reference holds as `find`'s pointer does.
  Value& add(std::string_view text, Value value = Value{}) {
    if (entries_.size() >= max_entries_ || keys_.size() + text.size() > max_key_bytes_) make_room();
    if (2 * (entries_.size() + 1) > slots_.size()) grow();  // at most half full
    // Room for every entry at once: growing by doubling would hold the old
    // array and the new together. (Pages untouched cost nothing.)
    if (entries_.capacity() == 0) entries_.reserve(max_entries_);
    const std::uint64_t hash = hash_text(text);
    entries_.push_back({keys_.size(), text.size(), hash, adds_++, false, std::move(value)});
    keys_.append(text);
    place(entries_.size() - 1);
    last_ = entries_.size() - 1;
    return entries_.back().value;
  }

  void clear() {
    if (entries_.empty()) return;
    entries_.clear();
    keys_.clear();
    std::fill(slots_.begin(), slots_.end(), Slot{});
    last_ = kNone;
  }

  std::size_t size() const { return entries_.size(); }

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  static constexpr std::size_t kFirstSlots = 64;
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t entry = 0;  // 1-based index into entries_; 0 for a free slot
  };
  struct Entry {
    std::size_t offset;  // of the key in keys_
    std::size_t length;
    std::uint64_t hash;
    std::uint64_t born;  // adds_ when it was added or last kept
    bool recurs;         // found again well after that
    Value value;
  };
  // A text found after this many others were added has come back (a label
  // of the next project), not merely been asked again about the same row.
  static constexpr std::uint64_t kRecurAfterAdds = 64;
  Value* found(std::size_t entry) {
    Entry& e = entries_[entry];
    if (adds_ - e.born > kRecurAfterAdds) e.recurs = true;
    return &e.value;
  }
  // Room for more when the memo is full: the texts that came back since
  // they were added or last kept stay (a table's labels, its recurring
  // values: working them out again after each fill cost more than all the
  // lookups), the rest go. All go if those kept would fill half of it.
  void make_room() {
    std::size_t kept = 0, kept_bytes = 0;
    for (const Entry& e : entries_) {
      if (!e.recurs) continue;
      ++kept;
      kept_bytes += e.length;
    }
    if (2 * kept > max_entries_ || 2 * kept_bytes > max_key_bytes_ || kept == 0) {
      clear();
      return;
    }
    // In place, entries and keys moved down in order (a second copy of the
    // memo would double its peak memory).
    std::size_t write = 0, key_write = 0;
    for (std::size_t read = 0; read < entries_.size(); ++read) {
      Entry& e = entries_[read];
      if (!e.recurs) continue;
      std::memmove(keys_.data() + key_write, keys_.data() + e.offset, e.length);
      e.offset = key_write;
      key_write += e.length;
      e.born = adds_;
      e.recurs = false;
      if (write != read) entries_[write] = std::move(e);
      ++write;
    }
    entries_.erase(entries_.begin() + static_cast<std::ptrdiff_t>(write), entries_.end());
    keys_.resize(key_write);
    std::fill(slots_.begin(), slots_.end(), Slot{});
    for (std::size_t e = 0; e < entries_.size(); ++e) place(e);
    last_ = kNone;
  }
  // A table twice the size, the entries placed again by their hashes.
  void grow() {
    slots_.assign(std::max<std::size_t>(kFirstSlots, 2 * slots_.size()), Slot{});
    for (std::size_t e = 0; e < entries_.size(); ++e) place(e);
  }
  void place(std::size_t entry) {
    const std::uint64_t hash = entries_[entry].hash;
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = hash & mask;
    while (slots_[i].entry != 0) i = (i + 1) & mask;
    slots_[i] = {hash, static_cast<std::uint32_t>(entry + 1)};
  }
  std::string_view key_of(const Entry& entry) const {
    return std::string_view(keys_).substr(entry.offset, entry.length);
  }

  // Where a text's bytes lie, folded to an index of by_place_.
  static constexpr std::size_t kPlaces = 64;
  static std::size_t place_of(std::string_view text) {
    const auto at = reinterpret_cast<std::uintptr_t>(text.data());
    return ((at >> 4) ^ (at >> 10) ^ text.size()) % kPlaces;
  }
  static std::array<std::uint32_t, kPlaces> none_placed() {
    std::array<std::uint32_t, kPlaces> none;
    none.fill(static_cast<std::uint32_t>(-1));
    return none;
  }

  std::size_t max_entries_;
  std::size_t max_key_bytes_;
  std::vector<Slot> slots_;
  std::vector<Entry> entries_;
  std::string keys_;
  std::size_t last_ = kNone;  // the entry last found
  std::uint64_t adds_ = 0;    // texts added, ever
  // The entry last found from each place (a guess: its key is compared).
  std::array<std::uint32_t, kPlaces> by_place_ = none_placed();
};

}  // namespace jixiao::source
