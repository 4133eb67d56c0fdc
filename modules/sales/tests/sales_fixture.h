#pragma once
// An in-process sales office over a real inventory ledger, for the module's
// tests: a fresh database on the test's backend with the inventory's and the
// sales module's migrations, sites NORTH and SOUTH, a few products, and an event
// bus that runs subscribers (the receipt event allocates backorders) and keeps
// what was published.
#include <boost/test/unit_test.hpp>

#include <downstream/commands.h>
#include <downstream/domain/money.h>
#include <downstream/json.h>
#include <downstream/problem.h>

#include <ostream>

#include <sstream>

#include "ledger_fixture.h"
#include "customers.h"
#include "order_actions.h"
#include "order_status.h"
#include "sales_office.h"
#include "sales_orders.h"
#include "shipments.h"

namespace downstream {
inline std::ostream& operator<<(std::ostream& os, Decimal d) { return os << d.to_string(); }
}  // namespace downstream

namespace downstream::sales_module::testing {

using inventory_module::testing::TestClock;

class DispatchingEvents final : public EventBus {
public:
  void publish(db::Transaction& tx, const Event& e) override {
    std::vector<EventHandler> run;
    {
      std::lock_guard lock(mutex_);
      for (const auto& [type, h] : handlers_)
        if (type == e.type) run.push_back(h);
    }
    for (const auto& h : run) h(tx, e);
    std::lock_guard lock(mutex_);
    pending_[&tx].push_back(e);
  }
  void subscribe(std::string type, EventHandler handler) override {
    std::lock_guard lock(mutex_);
    handlers_.emplace_back(std::move(type), std::move(handler));
  }
  // Events count once their unit of work commits, as the outbox does.
  void committed(db::Transaction& tx) {
    std::lock_guard lock(mutex_);
    for (auto& e : pending_[&tx]) events_.push_back(std::move(e));
    pending_.erase(&tx);
  }
  void rolled_back(db::Transaction& tx) {
    std::lock_guard lock(mutex_);
    pending_.erase(&tx);
  }
  std::vector<Event> of_type(const std::string& type) const {
    std::lock_guard lock(mutex_);
    std::vector<Event> out;
    for (const auto& e : events_)
      if (e.type == type) out.push_back(e);
    return out;
  }

private:
  mutable std::mutex mutex_;
  std::vector<std::pair<std::string, EventHandler>> handlers_;
  std::map<db::Transaction*, std::vector<Event>> pending_;
  std::vector<Event> events_;
};

class CollectedChecks final : public CommandRegistry {
public:
  void add(Command) override {}
  void add_check(InvariantCheck check) override { checks.push_back(std::move(check)); }
  std::vector<InvariantCheck> checks;
};

struct SalesFixture {
  downstream::testing::TestDatabase test_db;
  std::unique_ptr<db::Database> db;
  TestClock clock;
  DispatchingEvents events;
  inventory_module::StockLedger ledger{clock, events};
  std::shared_ptr<inventory::InventoryService> stock = inventory_module::make_inventory_service(ledger);
  SalesOffice office{*stock, events, clock, {}, nullptr};
  CollectedChecks checks;

  SalesFixture() {
    db::DatabaseSettings s;
    s.url = test_db.url();
    s.pool_size = 6;
    db = soci_adapter::make_driver()->open(s);
    write([&](db::Transaction& tx) {
      for (const char* module : {"inventory", "sales"}) migrate(tx, module);
      inventory_module::seed_units(tx);
    });
    add_site("NORTH");
    add_site("SOUTH");
    for (const char* sku : {"CHAIR", "TABLE", "LAMP"}) add_product(sku);
    events.subscribe("inventory.received",
                     [this](db::Transaction& tx, const Event& e) { on_inventory_received(office, tx, e); });
    add_sales_checks(checks, office);
  }

  void migrate(db::Transaction& tx, const std::string& module) {
    auto dialect = db->dialect() == db::Dialect::sqlite ? ".sqlite.sql" : ".postgresql.sql";
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(downstream::testing::source_dir() / "modules" / module /
                                                             "migrations")) {
      auto name = e.path().filename().string();
      if (name.ends_with(dialect) || (name.ends_with(".sql") && name.find('.') == name.size() - 4))
        files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) tx.execute_script(downstream::testing::read_file(f));
  }

  // A unit of work whose events count only when it commits.
  template <class F>
  void write(F&& work) {
    db->write([&](db::Transaction& tx) {
      try {
        work(tx);
      } catch (...) {
        events.rolled_back(tx);
        throw;
      }
      events.committed(tx);
    });
  }

  void add_site(const std::string& code) {
    write([&](db::Transaction& tx) {
      tx.execute("INSERT INTO inv_site (code, name, kind, timezone) VALUES (?, ?, 'warehouse', 'UTC')",
                 {code, code + " warehouse"});
      for (const char* kind : {"storage", "input", "output"})
        tx.execute("INSERT INTO inv_location (site, code, name, kind, parent_id, physical) VALUES (?, ?, ?, ?, NULL, 1)",
                   {code, kind, kind, kind});
    });
  }

  void add_product(const std::string& sku) {
    write([&](db::Transaction& tx) {
      tx.execute("INSERT INTO inv_product (sku, name, unit, tracking, updated_at) VALUES (?, ?, 'each', 'none', ?)",
                 {sku, sku + " (test)", format_timestamp(clock.now())});
    });
  }

  // Stock put away at the site's storage, as a done move from the supplier.
  void put_stock(const std::string& site, const std::string& sku, const std::string& quantity) {
    write([&](db::Transaction& tx) {
      stock->move(tx, {sku, Decimal::parse(quantity), "supplier", site + "/storage", {"test", "stock", ""}, {}, ""});
    });
  }

  // A receipt straight into storage: publishes inventory.received.
  void receive(const std::string& site, const std::string& sku, const std::string& quantity) {
    write([&](db::Transaction& tx) {
      stock->receive(tx, {.site = site,
                          .sku = sku,
                          .quantity = Decimal::parse(quantity),
                          .document = {"purchase_order", "PO-1", "1"},
                          .from = "supplier",
                          .location = "storage",
                          .lot = std::nullopt,
                          .lot_expiry = std::nullopt});
    });
  }

  Decimal available(const std::string& site, const std::string& sku) {
    return db->read_value([&](db::Transaction& tx) { return stock->availability(tx, sku, {site}).at(0).stock.available; });
  }

  void policy(const std::string& channel, ChannelPolicy p) { office.policies.set(channel, std::move(p)); }

  void customer(const std::string& ref, const std::string& channel, const std::string& region = "") {
    write([&](db::Transaction& tx) {
      upsert_customer(tx, {0, ref, ref + " Ltd", channel, "DE", region, "[]", format_timestamp(clock.now())});
    });
  }

  struct Line {
    std::string sku;
    std::string quantity;
    std::string price = "10.00";
  };

  // A draft order in EUR; returns its number.
  std::string order(const std::string& customer_ref, const std::string& site, const std::vector<Line>& lines,
                    std::optional<std::string> quote_valid_until = std::nullopt) {
    std::string number;
    write([&](db::Transaction& tx) {
      auto c = find_customer(tx, customer_ref);
      NewOrder o{site, c->id, c->channel, "EUR", quote_valid_until, "", {}};
      std::int64_t n = 0;
      for (const auto& l : lines) {
        OrderLine ol;
        ol.line = ++n;
        ol.sku = l.sku;
        ol.quantity = ol.ordered_quantity = Decimal::parse(l.quantity).raw();
        ol.ordered_unit = "each";
        ol.unit_price_minor = Money::parse(l.price, Currency::of("EUR")).minor_units();
        ol.line_total_minor = *line_amount(ol.unit_price_minor, ol.quantity);
        o.lines.push_back(ol);
      }
      number = create_order(office, tx, o).number;
    });
    return number;
  }

  // Runs an order action in its own unit of work.
  void act(const std::string& number,
           void (*action)(SalesOffice&, db::Transaction&, SalesOrder&, std::vector<OrderLine>&)) {
    write([&](db::Transaction& tx) {
      auto [o, lines] = lock_order_with_lines(tx, number);
      action(office, tx, o, lines);
    });
  }
  void confirm(const std::string& number) { act(number, &confirm_order); }

  json::Object status(const std::string& number) {
    return db->read_value([&](db::Transaction& tx) { return order_status(office, tx, *find_order(tx, number)); });
  }
  OrderLine line(const std::string& number, std::int64_t n) {
    return db->read_value([&](db::Transaction& tx) {
      auto lines = order_lines(tx, find_order(tx, number)->id);
      return line_of(lines, n);
    });
  }
  std::string state(const std::string& number) {
    return db->read_value([&](db::Transaction& tx) { return find_order(tx, number)->state; });
  }
  std::vector<Shipment> shipments(const std::string& number) {
    return db->read_value([&](db::Transaction& tx) { return order_shipments(tx, find_order(tx, number)->id); });
  }

  // Runs a shipment action with the order locked, as the routes do.
  template <class F>
  void on_shipment(const std::string& shipment_number, F&& action) {
    write([&](db::Transaction& tx) {
      auto s = find_shipment(tx, shipment_number);
      auto o = lock_order(tx, s->order_id);
      auto locked = shipment_by_id(tx, s->id);
      auto lines = order_lines(tx, o.id);
      action(tx, o, lines, locked);
    });
  }
  void pick(const std::string& shipment, std::map<std::int64_t, std::int64_t> quantities = {}) {
    on_shipment(shipment, [&](db::Transaction& tx, SalesOrder& o, std::vector<OrderLine>& l, Shipment& s) { pick_shipment(office, tx, o, l, s, quantities); });
  }
  void pack(const std::string& shipment) {
    on_shipment(shipment, [&](db::Transaction& tx, SalesOrder&, std::vector<OrderLine>&, Shipment& s) {
      pack_shipment(office, tx, s, {Decimal::parse("12.5").raw()});
    });
  }
  void ship(const std::string& shipment, std::map<std::int64_t, std::int64_t> quantities = {}) {
    on_shipment(shipment, [&](db::Transaction& tx, SalesOrder& o, std::vector<OrderLine>& l, Shipment& s) {
      ship_shipment(office, tx, o, l, s, quantities, std::string("TRACK-") + shipment);
    });
  }
  void cancel_shipment(const std::string& shipment) {
    on_shipment(shipment, [&](db::Transaction& tx, SalesOrder& o, std::vector<OrderLine>& l, Shipment& s) { sales_module::cancel_shipment(office, tx, o, l, s); });
  }

  // Every sales invariant, plus the reservations read straight from the
  // inventory's table as a second witness.
  void expect_no_violations() {
    auto found = violations();
    std::string all;
    for (const auto& v : found) all += "\n  " + v;
    BOOST_TEST(found.empty(), "invariants broken:" << all);
  }

  std::vector<std::string> violations() {
    std::vector<std::string> out;
    db->read([&](db::Transaction& tx) {
      out.clear();
      for (const auto& c : checks.checks) {
        for (auto& v : c.run(tx)) out.push_back(c.name + ": " + v);
      }
      // The reservation check again, through the inventory's own table.
      for (const auto& r : tx.query(
               "SELECT s.id, sl.order_line, sl.quantity - sl.shipped, s.state, (SELECT COALESCE(SUM(quantity), 0) "
               "FROM inv_reservation WHERE doc_type = 'shipment' AND doc_id = CAST(s.id AS TEXT) AND doc_line = "
               "CAST(sl.order_line AS TEXT) AND state = 'open') FROM sal_shipment s JOIN sal_shipment_line sl ON "
               "sl.shipment_id = s.id")) {
        bool open = r.get_text(3) == "reserved" || r.get_text(3) == "picked" || r.get_text(3) == "packed";
        if (r.get_int(4) != (open ? r.get_int(2) : 0))
          out.push_back("shipment " + std::to_string(r.get_int(0)) + " line " + std::to_string(r.get_int(1)) +
                        " holds " + std::to_string(r.get_int(4)) + " in reservations");
      }
    });
    return out;
  }

  // What the inventory holds for a shipment line, read from its table (test only).
  Decimal reserved_for(std::int64_t shipment_id, std::int64_t line) {
    return db->read_value([&](db::Transaction& tx) {
      return Decimal::from_raw(tx.query_int(
          "SELECT COALESCE(SUM(quantity), 0) FROM inv_reservation WHERE doc_type = 'shipment' AND doc_id = ? "
          "AND doc_line = ? AND state = 'open'",
          {std::to_string(shipment_id), std::to_string(line)}));
    });
  }
};

inline std::int64_t raw(const char* text) { return Decimal::parse(text).raw(); }

}  // namespace downstream::sales_module::testing
