#include "customers.h"

namespace downstream::sales_module {

namespace {

constexpr const char* kSelect =
    "SELECT id, ref, name, channel, country, region, addresses, updated_at FROM sal_customer ";

Customer from_row(const db::Row& r) {
  return {r.get_int(0),  r.get_text(1), r.get_text(2), r.get_text(3),
          r.get_text(4), r.get_text(5), r.get_text(6), r.get_text(7)};
}

}  // namespace

std::optional<Customer> find_customer(db::Transaction& tx, std::string_view ref) {
  auto row = tx.query_one(std::string(kSelect) + "WHERE ref = ?", {ref});
  if (!row) return std::nullopt;
  return from_row(*row);
}

Customer customer_by_id(db::Transaction& tx, std::int64_t id) {
  auto row = tx.query_one(std::string(kSelect) + "WHERE id = ?", {id});
  if (!row) throw db::DatabaseError("customer " + std::to_string(id) + " is missing");
  return from_row(*row);
}

db::Statement customer_of_order_statement(std::string_view order_number) {
  return {std::string(kSelect) + "WHERE id = (SELECT customer_id FROM sal_order WHERE number = ?)", {order_number}};
}

std::optional<Customer> customer_from(const db::Rows& rows) {
  if (rows.empty()) return std::nullopt;
  return from_row(rows.front());
}

bool upsert_customer(db::Transaction& tx, const Customer& c) {
  auto existed = tx.query_one("SELECT id FROM sal_customer WHERE ref = ?" + std::string(tx.for_update()), {c.ref});
  tx.execute(db::Transaction::upsert("sal_customer",
                                     {"ref", "name", "channel", "country", "region", "addresses", "updated_at"}, {"ref"},
                                     {"name", "channel", "country", "region", "addresses", "updated_at"}),
             {c.ref, c.name, c.channel, c.country, c.region, c.addresses_json, c.updated_at});
  return !existed;
}

}  // namespace downstream::sales_module
