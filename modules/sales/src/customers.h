#pragma once
// Customers, kept by the host ERP's own reference and upserted by it.
#include <downstream/ports/database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace downstream::sales_module {

struct Customer {
  std::int64_t id = 0;
  std::string ref;
  std::string name;
  std::string channel;  // web | retail | wholesale | marketplace
  std::string country;
  std::string region;
  std::string addresses_json = "[]";
  std::string updated_at;
};

std::optional<Customer> find_customer(db::Transaction& tx, std::string_view ref);
Customer customer_by_id(db::Transaction& tx, std::int64_t id);
// The customer of an order, as a statement to send with others, and its row read.
db::Statement customer_of_order_statement(std::string_view order_number);
std::optional<Customer> customer_from(const db::Rows& rows);
// Inserts or updates by ref; returns true when the customer is new.
bool upsert_customer(db::Transaction& tx, const Customer& customer);

}  // namespace downstream::sales_module
