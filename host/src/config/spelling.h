#pragma once
// "Did you mean": how far apart two names are, for the guesses that config and
// manifest errors offer for a misspelt key.
#include <cstddef>
#include <string_view>

namespace downstream::host {

// Levenshtein distance: insertions, deletions and substitutions of one character.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace downstream::host
