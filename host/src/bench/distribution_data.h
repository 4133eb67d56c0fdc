#pragma once
// W1's data (../shared/workloads/README.md): sites A and B, 200 products (unit
// "each") W1-P0001.., one customer, and opening stock of 10,000 of every product
// at each site entered as a posted stock count. List prices come from the seed.
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "bench/bench_api.h"

namespace downstream::db {
class Database;
}

namespace downstream::host::bench {

struct DistributionData {
  std::vector<std::string> sites;        // "A", "B"
  std::vector<std::string> skus;
  std::vector<std::string> list_prices;  // per sku, "12.34" EUR
  std::string customer;
  std::int64_t opening = 10'000;
};

// Sites have no API (they come from site files): written with SQL, before any
// serve starts, as `config apply` would leave them. Does nothing if they exist.
void create_distribution_sites(db::Database& db);
// Products, customer and opening counts through the API unless the products are
// already there (a later run on the same database reuses them).
DistributionData prepare_distribution_data(const ApiCall& call, db::Database& db, std::uint64_t seed);

// On hand and reserved (raw millionths) of the W1 products, by (site, sku).
using StockFigures = std::map<std::pair<std::string, std::string>, std::pair<std::int64_t, std::int64_t>>;
StockFigures distribution_stock(db::Database& db);

// A site with one storage location (for W2's hot product too).
void create_bench_site(db::Database& db, const std::string& code);
// Enters `quantity` of `sku` at site's storage with a posted count.
void count_stock(const ApiCall& call, const std::string& site, const std::vector<std::string>& skus,
                 const std::string& quantity);
// PUT the bench customer (retail: single-site allocation by default).
void put_bench_customer(const ApiCall& call, const std::string& ref);

}  // namespace downstream::host::bench
