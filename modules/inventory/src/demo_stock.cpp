// `downstream inventory demo`: a small catalogue and stock at every active site,
// so a fresh `scripts/run` has something to show. The stock arrives as done
// moves from the supplier, like any receipt, so the ledger's invariants hold.
#include <ostream>

#include "catalogue_parts.h"
#include "products.h"

namespace downstream::inventory_module {

namespace {

struct DemoProduct {
  const char* sku;
  const char* name;
  const char* unit;
  const char* tracking;
  const char* weight_kg;
};

constexpr DemoProduct kProducts[] = {
    {"CHAIR-OAK", "Oak chair", "each", "none", "7.5"},
    {"TABLE-OAK", "Oak table, 180 cm", "each", "none", "32"},
    {"SCREW-M4", "M4 wood screws, box of 12", "box-12", "none", "0.06"},
    {"COFFEE-ARABICA", "Arabica coffee beans", "kg", "none", "1"},
    {"YOGURT-NATURAL", "Natural yogurt 500 g", "each", "lot", "0.5"},
};

struct DemoStock {
  const char* sku;
  const char* quantity;  // at the first site; later sites get less
  const char* lot;
  const char* expiry;
};

// Two yogurt lots with different expiry dates, so reservations show first-expiry-first-out.
constexpr DemoStock kStock[] = {
    {"CHAIR-OAK", "40", nullptr, nullptr},
    {"TABLE-OAK", "6", nullptr, nullptr},
    {"SCREW-M4", "150", nullptr, nullptr},
    {"COFFEE-ARABICA", "62.5", nullptr, nullptr},
    {"YOGURT-NATURAL", "24", "Y-2026-03", "2026-03-31"},
    {"YOGURT-NATURAL", "36", "Y-2026-04", "2026-04-30"},
};

// Where goods are put away: the site's first bin, else its storage location.
std::optional<std::string> put_away_location(db::Transaction& tx, const std::string& site) {
  auto row = tx.query_one(
      "SELECT code FROM inv_location WHERE site = ? AND physical = 1 AND active = 1 AND kind IN ('bin', 'storage') "
      "ORDER BY CASE kind WHEN 'bin' THEN 0 ELSE 1 END, code LIMIT 1",
      {site});
  if (!row) return std::nullopt;
  return site + "/" + row->get_text(0);
}

int load_demo(PluginContext& ctx, StockLedger& ledger, std::ostream& out, std::ostream& err) {
  int status = 0;
  std::string report;
  ctx.database().write([&](db::Transaction& tx) {
    status = 0;
    report.clear();
    if (tx.query_int("SELECT count(*) FROM inv_product") > 0) {
      report = "demo data not loaded: the catalogue already has products (the demo only fills an empty one)\n";
      return;
    }
    auto sites = tx.query("SELECT code FROM inv_site WHERE active = 1 ORDER BY code");
    if (sites.empty()) {
      report = "no active sites: declare them in config/sites.d and run `downstream config apply` first\n";
      status = 1;
      return;
    }
    auto now = ctx.clock().now();
    for (const auto& p : kProducts)
      write_product(tx, {p.sku, p.name, p.unit, p.tracking, Decimal::parse(p.weight_kg), true}, now);
    report += "created " + std::to_string(std::size(kProducts)) + " demo products\n";

    auto supplier = ledger.location(tx, "supplier");
    for (std::size_t i = 0; i < sites.size(); ++i) {
      auto site = sites[i].get_text(0);
      auto where = put_away_location(tx, site);
      if (!where) {
        report += "site " + site + " has no storage location or bin: no demo stock there\n";
        continue;
      }
      auto to = ledger.location(tx, *where);
      int line = 0;
      for (const auto& s : kStock) {
        auto product = *product_by_sku(tx, s.sku);
        // Later sites hold a third as much, so availability differs per site.
        auto quantity = Decimal::parse(s.quantity);
        if (i > 0) quantity = Decimal::from_raw(quantity.raw() / 3).round_to(Decimal::from_int(1));
        if (!quantity.is_positive()) continue;
        std::optional<std::string> lot;
        if (s.lot) lot = s.lot;
        std::optional<std::string> expiry;
        if (s.expiry) expiry = s.expiry;
        auto lot_id = ledger.lot_id(tx, product, lot, true, expiry);
        ledger.move_done(tx, product, lot_id, quantity, supplier, to, {"demo", "DEMO-" + site, std::to_string(++line)},
                         "demo stock");
      }
      report += "received demo stock at " + *where + "\n";
    }
  });
  (status == 0 ? out : err) << report;
  return status;
}

}  // namespace

void add_demo_command(ModuleParts& parts) {
  PluginContext* ctx = &parts.ctx;
  StockLedger* ledger = &parts.ledger;
  parts.ctx.commands().add({"inventory demo", "",
                            "Load demo products and stock at every active site (only into an empty catalogue)",
                            [ctx, ledger](const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
                              if (!args.empty()) {
                                err << "usage: downstream inventory demo\n";
                                return 64;
                              }
                              return load_demo(*ctx, *ledger, out, err);
                            }});
}

}  // namespace downstream::inventory_module
