#pragma once
// Typed ids: a ProductId is not a LocationId, even though both are database
// integers. Construct explicitly from the row id; compare and hash like integers.
#include <compare>
#include <cstdint>
#include <functional>

namespace downstream {

template <class Tag>
class Id {
public:
  constexpr Id() = default;
  constexpr explicit Id(std::int64_t value) : value_(value) {}
  constexpr std::int64_t value() const { return value_; }
  constexpr bool valid() const { return value_ > 0; }
  constexpr auto operator<=>(const Id&) const = default;

private:
  std::int64_t value_ = 0;
};

using SiteId = Id<struct SiteTag>;
using LocationId = Id<struct LocationTag>;
using ProductId = Id<struct ProductTag>;
using LotId = Id<struct LotTag>;
using MoveId = Id<struct MoveTag>;

}  // namespace downstream

template <class Tag>
struct std::hash<downstream::Id<Tag>> {
  std::size_t operator()(const downstream::Id<Tag>& id) const noexcept {
    return std::hash<std::int64_t>{}(id.value());
  }
};
