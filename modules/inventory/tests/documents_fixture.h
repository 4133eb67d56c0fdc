#pragma once
// What the tests of counts, transfers and periods share: stock put in place
// through the ledger, figures read back, refusals caught, and the ledger's
// invariants proved after each scenario.
#include <downstream/problem.h>

#include <functional>
#include <optional>
#include <ostream>
#include <string>

#include "ledger_check.h"
#include "ledger_fixture.h"

namespace downstream {
// So a failed comparison of quantities prints them.
inline std::ostream& boost_test_print_type(std::ostream& out, const Decimal& d) { return out << d.to_string(); }
}  // namespace downstream

namespace downstream::inventory_module::testing {

struct DocumentsFixture : LedgerFixture {
  // A done move of an untracked product between two labelled locations.
  std::int64_t move(const std::string& sku, const std::string& quantity, const std::string& from,
                    const std::string& to, const std::string& doc_id = "T-1") {
    return db->write_value([&](db::Transaction& tx) {
      return ledger.move_done(tx, ledger.product(tx, sku), 0, Decimal::parse(quantity), ledger.location(tx, from),
                              ledger.location(tx, to), {"test", doc_id, "1"});
    });
  }
  void receive(const std::string& sku, const std::string& quantity, const std::string& at) {
    move(sku, quantity, "supplier", at);
  }

  Decimal on_hand(const std::string& location, const std::string& sku) {
    return db->read_value([&](db::Transaction& tx) {
      return ledger.on_hand(tx, ledger.location(tx, location).id, ledger.product(tx, sku).id, 0);
    });
  }
  std::int64_t count_rows(const std::string& sql, const db::Params& params = {}) {
    return db->read_value([&](db::Transaction& tx) { return tx.query_int(sql, params); });
  }
  // Balances of a product summed over locations: all of them, or physical ones only.
  Decimal total(const std::string& sku, bool physical_only) {
    return Decimal::from_raw(count_rows(std::string("SELECT COALESCE(CAST(SUM(b.on_hand) AS BIGINT), 0) FROM inv_balance b "
                                                    "JOIN inv_product p ON p.id = b.product_id WHERE p.sku = ?") +
                                            (physical_only ? " AND b.physical = 1" : ""),
                                        {sku}));
  }
  // The site summary's figure (on_hand, reserved, incoming, outgoing); 0 without a row.
  Decimal site_figure(const std::string& site, const std::string& sku, const std::string& column) {
    return Decimal::from_raw(count_rows("SELECT COALESCE(MAX(s." + column +
                                            "), 0) FROM inv_stock s JOIN inv_product p ON p.id = s.product_id "
                                            "WHERE s.site = ? AND p.sku = ?",
                                        {site, sku}));
  }

  // The refusal a unit of work ended with, if it was refused; it rolled back.
  std::optional<http::Problem> refusal(const std::function<void(db::Transaction&)>& work) {
    try {
      db->write(work);
    } catch (const http::Problem& p) {
      return p;
    }
    return std::nullopt;
  }

  void check_invariants() {
    db->read([&](db::Transaction& tx) {
      for (const auto& check : ledger_invariants()) {
        auto violations = check.run(tx);
        BOOST_TEST_INFO(check.name);
        BOOST_TEST(violations.empty(), (violations.empty() ? std::string() : violations.front()));
      }
    });
  }
};

inline bool mentions(const http::Problem& p, const std::string& text) {
  return p.detail().find(text) != std::string::npos;
}

inline bool names_field(const http::Problem& p, const std::string& field) {
  for (const auto& e : p.errors())
    if (e.field == field) return true;
  return false;
}

}  // namespace downstream::inventory_module::testing
