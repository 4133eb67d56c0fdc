#pragma once
// Product master data, as the host ERP pushes it (PUT /api/v1/products/{sku},
// `downstream import products`): one set of rules for both ways in.
#include <downstream/clock.h>
#include <downstream/ports/database.h>
#include <downstream/problem.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "stock_ledger.h"

namespace downstream::inventory_module {

// What a client sends for one product. Fields already known to be malformed
// (a weight that is not a decimal) are reported by the reader of the format.
struct ProductInput {
  std::string sku;
  std::string name;
  std::string unit;
  std::string tracking = "none";
  Decimal weight_kg;
  bool active = true;
};

// True for a SKU of letters, digits, '.', '_' and '-' (it travels in URL paths).
bool valid_sku(std::string_view sku);

// Every rule a product breaks, as field errors named sku, name, unit, tracking,
// weight_kg. Reads the units; writes nothing.
std::vector<http::FieldError> product_errors(db::Transaction& tx, const ProductInput& input);

// Why `input` may not replace the stored product, or nullopt: its unit or
// tracking changes while it has stock, which would change what that stock means.
std::optional<std::string> product_change_conflict(db::Transaction& tx, const Product& stored,
                                                   const ProductInput& input);

enum class Upserted { created, updated };

// Creates or replaces the product. Throws Problem 422 (every field error) or 409
// (product_change_conflict), having written nothing.
Upserted upsert_product(db::Transaction& tx, const ProductInput& input, TimePoint now);
// The same without the checks, for a caller that made them all already.
Upserted write_product(db::Transaction& tx, const ProductInput& input, TimePoint now);

std::optional<Product> product_by_sku(db::Transaction& tx, std::string_view sku);
// Products by SKU, after `after` (exclusive; "" from the start), at most `limit`.
std::vector<Product> list_products(db::Transaction& tx, std::string_view after, std::int64_t limit);

}  // namespace downstream::inventory_module
