// Products and units in-process, on SQLite and PostgreSQL: the rules PUT
// /api/v1/products and `import products` share.
#define BOOST_TEST_MODULE inventory_catalogue
#include "ledger_fixture.h"

#include <downstream/error.h>
#include <downstream/problem.h>

#include <set>

#include "products.h"
#include "units.h"

using namespace downstream;
using namespace downstream::inventory_module;
using downstream::inventory_module::testing::LedgerFixture;

namespace {

ProductInput chair() { return {"CHAIR-1", "Oak chair", "each", "none", Decimal::parse("7.5"), true}; }

std::set<std::string> fields_of(const http::Problem& p) {
  std::set<std::string> out;
  for (const auto& e : p.errors()) out.insert(e.field);
  return out;
}

struct CatalogueFixture : LedgerFixture {
  Upserted upsert(const ProductInput& in) {
    return db->write_value([&](db::Transaction& tx) { return upsert_product(tx, in, clock.now()); });
  }
  std::optional<Product> product(const std::string& sku) {
    return db->read_value([&](db::Transaction& tx) { return product_by_sku(tx, sku); });
  }
  std::int64_t product_count() {
    return db->read_value([](db::Transaction& tx) { return tx.query_int("SELECT count(*) FROM inv_product"); });
  }
  // Stock arrives as a done move from the supplier, as a receipt would book it.
  void receive(const std::string& sku, const std::string& quantity, const std::string& at = "NORTH/storage") {
    db->write([&](db::Transaction& tx) {
      auto p = *product_by_sku(tx, sku);
      ledger.move_done(tx, p, 0, Decimal::parse(quantity), ledger.location(tx, "supplier"), ledger.location(tx, at),
                       {"test", "receipt", "1"});
    });
  }
  void ship(const std::string& sku, const std::string& quantity, const std::string& from = "NORTH/storage") {
    db->write([&](db::Transaction& tx) {
      auto p = *product_by_sku(tx, sku);
      ledger.move_done(tx, p, 0, Decimal::parse(quantity), ledger.location(tx, from), ledger.location(tx, "customer"),
                       {"test", "shipment", "1"});
    });
  }
};

}  // namespace

BOOST_FIXTURE_TEST_SUITE(products, CatalogueFixture)

BOOST_AUTO_TEST_CASE(a_new_sku_is_created_and_the_same_sku_again_replaces_it) {
  BOOST_TEST((upsert(chair()) == Upserted::created));
  auto in = chair();
  in.name = "Oak chair, dark";
  in.weight_kg = Decimal::parse("7.25");
  in.active = false;
  BOOST_TEST((upsert(in) == Upserted::updated));
  auto p = product("CHAIR-1");
  BOOST_TEST_REQUIRE(p.has_value());
  BOOST_TEST(p->name == "Oak chair, dark");
  BOOST_TEST(p->unit == "each");
  BOOST_TEST(p->weight_kg.to_string() == "7.25");
  BOOST_TEST(!p->active);
  BOOST_TEST(product_count() == 1);
}

BOOST_AUTO_TEST_CASE(every_invalid_field_is_reported_at_once_and_nothing_is_written) {
  ProductInput bad{"bad sku!", "", "kgs", "batch", Decimal::parse("-1"), true};
  try {
    upsert(bad);
    BOOST_FAIL("an invalid product was accepted");
  } catch (const http::Problem& p) {
    BOOST_TEST(p.status() == 422);
    BOOST_TEST((fields_of(p) == std::set<std::string>{"sku", "name", "unit", "tracking", "weight_kg"}));
  }
  BOOST_TEST(product_count() == 0);
}

BOOST_AUTO_TEST_CASE(an_unknown_unit_is_refused_naming_the_unit_field_and_the_known_units) {
  auto in = chair();
  in.unit = "pallet";
  try {
    upsert(in);
    BOOST_FAIL("an unknown unit was accepted");
  } catch (const http::Problem& p) {
    BOOST_TEST_REQUIRE(p.errors().size() == 1u);
    BOOST_TEST(p.errors()[0].field == "unit");
    BOOST_TEST(p.errors()[0].message.find("pallet") != std::string::npos);
    BOOST_TEST(p.errors()[0].message.find("box-12") != std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(a_sku_takes_letters_digits_dots_underscores_and_dashes_only) {
  BOOST_TEST(valid_sku("A-1_b.2"));
  BOOST_TEST(!valid_sku(""));
  BOOST_TEST(!valid_sku("A/1"));  // it travels in URL paths
  BOOST_TEST(!valid_sku("A 1"));
  BOOST_TEST(!valid_sku(std::string(65, 'A')));
}

BOOST_AUTO_TEST_CASE(changing_the_unit_of_a_product_with_stock_is_a_conflict_naming_it_and_changes_nothing) {
  add_site("NORTH");
  upsert(chair());
  receive("CHAIR-1", "5");
  auto in = chair();
  in.unit = "kg";
  in.name = "renamed";
  try {
    upsert(in);
    BOOST_FAIL("the unit changed under stock");
  } catch (const http::Problem& p) {
    BOOST_TEST(p.status() == 409);
    BOOST_TEST(p.detail().find("CHAIR-1") != std::string::npos);
    BOOST_TEST(p.detail().find("NORTH/storage") != std::string::npos);
  }
  BOOST_TEST(product("CHAIR-1")->unit == "each");
  BOOST_TEST(product("CHAIR-1")->name == "Oak chair");
}

BOOST_AUTO_TEST_CASE(changing_the_tracking_of_a_product_with_stock_is_a_conflict) {
  add_site("NORTH");
  upsert(chair());
  receive("CHAIR-1", "5");
  auto in = chair();
  in.tracking = "lot";
  BOOST_CHECK_EXCEPTION(upsert(in), http::Problem, [](const http::Problem& p) { return p.status() == 409; });
  BOOST_TEST(product("CHAIR-1")->tracking == "none");
}

BOOST_AUTO_TEST_CASE(the_unit_may_change_once_the_stock_is_gone_and_other_fields_change_any_time) {
  add_site("NORTH");
  upsert(chair());
  receive("CHAIR-1", "5");
  auto renamed = chair();
  renamed.name = "Oak chair II";
  BOOST_TEST((upsert(renamed) == Upserted::updated));  // stock does not freeze the name
  ship("CHAIR-1", "5");
  auto in = chair();
  in.unit = "box-12";
  BOOST_TEST((upsert(in) == Upserted::updated));
  BOOST_TEST(product("CHAIR-1")->unit == "box-12");
}

BOOST_AUTO_TEST_CASE(products_are_listed_by_sku_a_page_at_a_time) {
  for (const char* sku : {"C-3", "A-1", "B-2"}) {
    auto in = chair();
    in.sku = sku;
    upsert(in);
  }
  auto page = db->read_value([](db::Transaction& tx) { return list_products(tx, "", 2); });
  BOOST_TEST_REQUIRE(page.size() == 2u);
  BOOST_TEST(page[0].sku == "A-1");
  BOOST_TEST(page[1].sku == "B-2");
  auto next = db->read_value([&](db::Transaction& tx) { return list_products(tx, page[1].sku, 2); });
  BOOST_TEST_REQUIRE(next.size() == 1u);
  BOOST_TEST(next[0].sku == "C-3");
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(units, LedgerFixture)

BOOST_AUTO_TEST_CASE(every_installation_has_each_box_12_kg_and_g_and_seeding_again_changes_nothing) {
  db->write([](db::Transaction& tx) { seed_units(tx); });
  auto units = db->read_value([](db::Transaction& tx) { return list_units(tx); });
  BOOST_TEST_REQUIRE(units.size() == 4u);
  std::map<std::string, Unit> by_code;
  for (const auto& u : units) by_code[u.code] = u;
  BOOST_TEST(by_code.at("box-12").category == by_code.at("each").category);
  BOOST_TEST(by_code.at("box-12").factor.to_string() == "12");
  BOOST_TEST(by_code.at("g").category == by_code.at("kg").category);
  BOOST_TEST(by_code.at("g").factor.to_string() == "0.001");
  BOOST_TEST(by_code.at("kg").rounding.to_string() == "0.001");
}

BOOST_AUTO_TEST_CASE(a_quantity_converts_to_a_unit_of_its_category_and_not_to_another) {
  db->read([](db::Transaction& tx) {
    BOOST_TEST(to_unit(tx, Quantity(Decimal::parse("2"), "box-12"), "each").to_string() == "24");
    BOOST_TEST(to_unit(tx, Quantity(Decimal::parse("250"), "g"), "kg").to_string() == "0.25");
    BOOST_CHECK_THROW(to_unit(tx, Quantity(Decimal::parse("1"), "kg"), "each"), InvalidValue);
    BOOST_CHECK_THROW(to_unit(tx, Quantity(Decimal::parse("1"), "pallet"), "each"), InvalidValue);
  });
}

BOOST_AUTO_TEST_SUITE_END()
