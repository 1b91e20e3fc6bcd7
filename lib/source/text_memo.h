// A bounded memo from short texts to what was worked out about them, for the
// answers a thread keeps about the cells it has read: a table's labels and
// values recur on every page and under every project, so a question asked
// again costs one probe instead of the work.
//
// Open addressing in a power-of-two table of hashes, the keys in one buffer
// and the values in one array: a lookup touches one or two cache lines and
// allocates nothing, where a node-based map chased a pointer per entry and
// divided by a prime. Past its capacity (entries or key bytes) the memo starts
// again, so memory does not grow with the input.
#pragma once

#include <algorithm>
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
  // Keeps up to `max_entries` texts of `max_key_bytes` in all. The table is
  // made at the first `add`, so a memo never used costs nothing.
  TextMemo(std::size_t max_entries, std::size_t max_key_bytes)
      : max_entries_(max_entries), max_key_bytes_(max_key_bytes) {
    std::size_t slots = 16;
    while (slots < 2 * max_entries) slots *= 2;  // at most half full
    slot_count_ = slots;
  }

  // What is kept for `text`, or null. The pointer holds until the next `add`
  // or `clear`.
  Value* find(std::string_view text) {
    // A cell is asked several questions in a row: comparing it with the
    // entry last found is cheaper than hashing it again.
    if (last_ < entries_.size() && key_of(entries_[last_]) == text) return &entries_[last_].value;
    if (slots_.empty()) return nullptr;
    const std::uint64_t hash = hash_text(text);
    for (std::size_t i = hash & (slot_count_ - 1);; i = (i + 1) & (slot_count_ - 1)) {
      const Slot& slot = slots_[i];
      if (slot.entry == 0) return nullptr;
      if (slot.hash == hash && key_of(entries_[slot.entry - 1]) == text) {
        last_ = slot.entry - 1;
        return &entries_[last_].value;
      }
    }
  }

  // Keeps `value` for `text`, which `find` did not have, starting again
  // first if the memo is full. The reference holds as `find`'s pointer does.
  Value& add(std::string_view text, Value value = Value{}) {
    if (entries_.size() >= max_entries_ || keys_.size() + text.size() > max_key_bytes_) clear();
    if (slots_.empty()) slots_.resize(slot_count_);
    const std::uint64_t hash = hash_text(text);
    std::size_t i = hash & (slot_count_ - 1);
    while (slots_[i].entry != 0) i = (i + 1) & (slot_count_ - 1);
    entries_.push_back({keys_.size(), text.size(), std::move(value)});
    keys_.append(text);
    slots_[i] = {hash, static_cast<std::uint32_t>(entries_.size())};
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
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t entry = 0;  // 1-based index into entries_; 0 for a free slot
  };
  struct Entry {
    std::size_t offset;  // of the key in keys_
    std::size_t length;
    Value value;
  };
  std::string_view key_of(const Entry& entry) const {
    return std::string_view(keys_).substr(entry.offset, entry.length);
  }

  std::size_t max_entries_;
  std::size_t max_key_bytes_;
  std::size_t slot_count_;
  std::vector<Slot> slots_;
  std::vector<Entry> entries_;
  std::string keys_;
  std::size_t last_ = kNone;
};

}  // namespace jixiao::source
