#include "bench/ledger_generator.h"

#include <downstream/domain/decimal.h>
#include <downstream/ports/database.h>
#include <downstream/services/inventory.h>

#include <chrono>
#include <sstream>
#include <stdexcept>

#include "bench/bench_names.h"
#include "bench/bench_random.h"
#include "bench/inventory_access.h"
#include "runtime/host_clock.h"
#include "runtime/runtime.h"

namespace downstream::host::bench {

namespace {

using Clock = std::chrono::steady_clock;
constexpr const char* kDocType = "bench";

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

std::string day_text(std::chrono::sys_days d) {
  std::chrono::year_month_day ymd{d};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

// One move of the plan: from and to are labels ("S001/storage", "supplier", "customer").
struct PlannedMove {
  std::int64_t product;
  std::int64_t quantity;
  std::string from, to;
  TimePoint at;
};

// The generator's picture of on-hand per (site, product), so no move is refused.
class StockModel {
public:
  StockModel(std::int64_t sites, std::int64_t products)
      : products_(products), cells_(static_cast<std::size_t>(sites * products), 0) {}
  std::int64_t& at(std::int64_t site, std::int64_t product) {
    return cells_[static_cast<std::size_t>(site * products_ + product)];
  }

private:
  std::int64_t products_;
  std::vector<std::int64_t> cells_;
};

// 40% receipts from suppliers, 45% shipments to customers, 15% moves between
// sites; an empty cell always receives.
PlannedMove plan_move(SeededRandom& rnd, StockModel& stock, std::int64_t sites, std::int64_t products) {
  auto site = rnd.below(sites), product = rnd.below(products);
  auto& here = stock.at(site, product);
  auto roll = rnd.below(100);
  auto storage = [](std::int64_t s) { return site_code(s) + "/storage"; };
  PlannedMove m{product, 0, "", "", {}};
  if (here == 0 || roll < 40) {
    m.quantity = rnd.between(1, 50);
    m.from = "supplier";
    m.to = storage(site);
    here += m.quantity;
  } else if (roll < 85 || sites == 1) {
    m.quantity = rnd.between(1, std::min<std::int64_t>(here, 20));
    m.from = storage(site);
    m.to = "customer";
    here -= m.quantity;
  } else {
    auto other = (site + 1 + rnd.below(sites - 1)) % sites;
    m.quantity = rnd.between(1, std::min<std::int64_t>(here, 20));
    m.from = storage(site);
    m.to = storage(other);
    here -= m.quantity;
    stock.at(other, product) += m.quantity;
  }
  return m;
}

void create_master_data(db::Database& db, const GenerateOptions& g, const std::string& now, std::ostream& out) {
  db.write([&](db::Transaction& tx) {
    for (std::int64_t s = 0; s < g.sites; ++s) {
      auto code = site_code(s);
      tx.execute("INSERT INTO inv_site (code, name, kind, timezone, address, active) VALUES (?, ?, 'warehouse', 'UTC', "
                 "'', 1) ON CONFLICT (code) DO NOTHING",
                 {code, "Bench site " + code});
      tx.execute("INSERT INTO inv_location (site, code, name, kind, parent_id, physical, active) "
                 "VALUES (?, 'storage', 'Storage', 'storage', NULL, 1, 1) ON CONFLICT (site, code) DO NOTHING",
                 {code});
    }
  });
  for (std::int64_t first = 0; first < g.products; first += 5'000) {
    db.write([&](db::Transaction& tx) {
      for (auto p = first; p < std::min(first + 5'000, g.products); ++p)
        tx.execute("INSERT INTO inv_product (sku, name, unit, tracking, weight, active, updated_at) "
                   "VALUES (?, ?, 'each', 'none', 0, 1, ?) ON CONFLICT (sku) DO NOTHING",
                   {product_sku(p), "Bench product " + std::to_string(p + 1), now});
    });
  }
  out << "master data: " << g.sites << " sites (one storage location each), " << g.products << " products\n";
}

// On append, the model starts from the storage balances already there.
void load_stock(db::Database& db, StockModel& stock, const GenerateOptions& g) {
  db.read([&](db::Transaction& tx) {
    for (const auto& row : tx.query("SELECT l.site, p.sku, b.on_hand FROM inv_balance b "
                                    "JOIN inv_location l ON l.id = b.location_id JOIN inv_product p ON p.id = b.product_id "
                                    "WHERE l.code = 'storage' AND b.physical = 1 AND b.lot_id = 0")) {
      auto site = std::stoll(row.get_text(0).substr(1)) - 1;
      auto product = std::stoll(row.get_text(1).substr(1)) - 1;
      if (site >= 0 && site < g.sites && product >= 0 && product < g.products)
        stock.at(site, product) = row.get_int(2) / Decimal::kScale;
    }
  });
}

}  // namespace

GeneratedLedger generate_ledger(Runtime& rt, const GenerateOptions& g, std::uint64_t seed, std::ostream& out) {
  auto t0 = Clock::now();
  auto& db = rt.database();
  auto& stock_service = inventory_service(rt);
  auto products_before = db.read_value([](db::Transaction& tx) { return tx.query_int("SELECT COUNT(*) FROM inv_product"); });
  if (products_before > 0 && !g.append)
    throw std::runtime_error("the database already has " + std::to_string(products_before) +
                             " products; generate into an empty one, or give --append to add moves");
  if (g.append && db.read_value([](db::Transaction& tx) { return tx.query_int("SELECT COUNT(*) FROM inv_period"); }) > 0)
    throw std::runtime_error("--append cannot add moves before periods that are already closed");

  // Moves are dated by the runtime clock: the generator runs on a fixed clock
  // (host.clock) that it moves along two years, one step per move.
  auto* fixed = const_cast<FixedClock*>(dynamic_cast<const FixedClock*>(&rt.clock()));
  auto real_now = std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
  auto today = std::chrono::floor<std::chrono::days>(real_now);
  auto first_day = today - std::chrono::days{730};
  if (fixed) fixed->set(TimePoint{first_day.time_since_epoch()});
  else out << "note: no fixed clock, every move is dated now\n";

  create_master_data(db, g, format_timestamp(real_now), out);
  StockModel stock(g.sites, g.products);
  if (g.append) load_stock(db, stock, g);

  SeededRandom rnd(seed);
  auto span = std::chrono::duration_cast<std::chrono::microseconds>(today - first_day);
  auto step = g.moves > 0 ? span / g.moves : span;
  auto report_every = std::max<std::int64_t>(g.moves / 20, g.batch);
  std::int64_t done = 0, next_report = report_every, batch_no = 0;
  while (done < g.moves) {
    std::vector<PlannedMove> plan;
    auto n = std::min(g.batch, g.moves - done);
    for (std::int64_t i = 0; i < n; ++i) {
      plan.push_back(plan_move(rnd, stock, g.sites, g.products));
      plan.back().at = TimePoint{first_day.time_since_epoch()} + step * (done + i);
    }
    ++batch_no;
    // The plan is fixed before the unit of work, so a retried unit books the same moves.
    db.write([&](db::Transaction& tx) {
      std::int64_t line = 0;
      for (const auto& m : plan) {
        if (fixed) fixed->set(m.at);
        stock_service.move(tx, {.sku = product_sku(m.product),
                                .quantity = Decimal::from_int(m.quantity),
                                .from = m.from,
                                .to = m.to,
                                .document = {kDocType, "GEN-" + std::to_string(batch_no), std::to_string(++line)},
                                .lot = std::nullopt,
                                .reason = ""});
      }
    });
    done += n;
    if (done >= next_report || done == g.moves) {
      auto s = seconds_since(t0);
      out << "moves " << done << "/" << g.moves << " (" << (100 * done / std::max<std::int64_t>(g.moves, 1)) << "%), "
          << static_cast<std::int64_t>(s) << " s, " << static_cast<std::int64_t>(static_cast<double>(done) / s)
          << " moves/s" << std::endl;
      next_report += report_every;
    }
  }

  GeneratedLedger r;
  if (fixed) fixed->set(real_now);
  if (g.close_every_days > 0 && g.moves > 0 && !g.append) {
    auto close = rt.commands().find({"inventory", "close-period"});
    if (!close) throw std::runtime_error("the inventory plugin offers no `inventory close-period`");
    for (auto day = first_day + std::chrono::days{g.close_every_days - 1}; day < today;
         day += std::chrono::days{g.close_every_days}) {
      auto tc = Clock::now();
      std::ostringstream said, err;
      if (close->first.command.run({day_text(day)}, said, err) != 0)
        throw std::runtime_error("closing " + day_text(day) + " failed: " + err.str());
      out << said.str().substr(0, said.str().find('\n')) << " (" << static_cast<std::int64_t>(seconds_since(tc))
          << " s)\n";
      ++r.periods;
    }
  }
  db.read([&](db::Transaction& tx) {
    r.sites = tx.query_int("SELECT COUNT(*) FROM inv_site WHERE code LIKE 'S%'");
    r.products = tx.query_int("SELECT COUNT(*) FROM inv_product");
    r.moves = tx.query_int("SELECT COUNT(*) FROM inv_move WHERE doc_type = ? AND state = 'done'", {kDocType});
    r.periods = tx.query_int("SELECT COUNT(*) FROM inv_period");
  });
  r.seconds = seconds_since(t0);
  return r;
}

}  // namespace downstream::host::bench
