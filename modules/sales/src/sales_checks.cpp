// The sales module's invariants for `downstream check`: every unit of a line is
// accounted for by its shipments, and every open shipment holds exactly the
// reservations its unshipped lines need.
#include <map>
#include <tuple>

#include "sales_office.h"
#include "shipments.h"

namespace downstream::sales_module {

namespace {

std::string q(std::int64_t raw) { return Decimal::from_raw(raw).to_string(); }

std::vector<std::string> lines_match_shipments(db::Transaction& tx) {
  std::map<std::pair<std::int64_t, std::int64_t>, std::pair<std::int64_t, std::int64_t>> from_shipments;
  for (const auto& r : tx.query("SELECT s.order_id, sl.order_line, "
                                "SUM(CASE WHEN s.state IN ('reserved', 'picked', 'packed') THEN sl.quantity - sl.shipped ELSE 0 END), "
                                "SUM(CASE WHEN s.state = 'shipped' THEN sl.shipped ELSE 0 END) "
                                "FROM sal_shipment_line sl JOIN sal_shipment s ON s.id = sl.shipment_id "
                                "GROUP BY s.order_id, sl.order_line"))
    from_shipments[{r.get_int(0), r.get_int(1)}] = {r.get_int(2), r.get_int(3)};
  std::vector<std::string> out;
  for (const auto& r : tx.query("SELECT o.id, o.number, l.line, l.allocated, l.shipped, l.backordered, l.cancelled, "
                                "l.quantity FROM sal_order_line l JOIN sal_order o ON o.id = l.order_id ORDER BY o.id, l.line")) {
    auto [open, shipped] = from_shipments[{r.get_int(0), r.get_int(2)}];
    auto where = r.get_text(1) + " line " + std::to_string(r.get_int(2));
    if (r.get_int(3) != open)
      out.push_back(where + ": allocated " + q(r.get_int(3)) + " but its open shipments hold " + q(open));
    if (r.get_int(4) != shipped)
      out.push_back(where + ": shipped " + q(r.get_int(4)) + " but its shipments shipped " + q(shipped));
    auto parts = r.get_int(3) + r.get_int(4) + r.get_int(5) + r.get_int(6);
    if (parts > r.get_int(7) || r.get_int(3) < 0 || r.get_int(4) < 0 || r.get_int(5) < 0 || r.get_int(6) < 0)
      out.push_back(where + ": allocated, shipped, backordered and cancelled (" + q(parts) + ") exceed its quantity " +
                    q(r.get_int(7)) + " or one is negative");
  }
  return out;
}

std::vector<std::string> states_match_lines(db::Transaction& tx) {
  std::vector<std::string> out;
  for (const auto& r : tx.query("SELECT o.number, o.state, SUM(l.quantity), SUM(l.allocated), SUM(l.shipped), "
                                "SUM(l.backordered), SUM(l.cancelled) FROM sal_order o "
                                "JOIN sal_order_line l ON l.order_id = o.id GROUP BY o.id, o.number, o.state ORDER BY o.id")) {
    auto state = r.get_text(1);
    auto quantity = r.get_int(2), allocated = r.get_int(3), shipped = r.get_int(4), backordered = r.get_int(5),
         cancelled = r.get_int(6);
    bool ok = true;
    if (state == "draft") ok = allocated == 0 && shipped == 0 && backordered == 0 && cancelled == 0;
    else if (state == "confirmed") ok = shipped == 0;
    else if (state == "partially_shipped") ok = shipped > 0 && shipped + cancelled < quantity;
    else if (state == "shipped") ok = shipped > 0 && shipped + cancelled == quantity;
    else if (state == "cancelled") ok = shipped == 0 && cancelled == quantity;
    if (!ok)
      out.push_back(r.get_text(0) + " is " + state + " but its lines have allocated " + q(allocated) + ", shipped " +
                    q(shipped) + ", backordered " + q(backordered) + ", cancelled " + q(cancelled) + " of " + q(quantity));
  }
  return out;
}

std::vector<std::string> shipments_hold_their_reservations(SalesOffice& office, db::Transaction& tx) {
  std::vector<std::string> out;
  for (const auto& r : tx.query("SELECT s.id, s.number, s.state, sl.order_line, sl.quantity - sl.shipped "
                                "FROM sal_shipment s JOIN sal_shipment_line sl ON sl.shipment_id = s.id "
                                "ORDER BY s.id, sl.order_line")) {
    bool open = r.get_text(2) == "reserved" || r.get_text(2) == "picked" || r.get_text(2) == "packed";
    std::int64_t held = 0;
    for (const auto& piece : office.stock.reserved_for(tx, reservation_of(r.get_int(0), r.get_int(3))))
      held += piece.quantity.raw();
    auto want = open ? r.get_int(4) : 0;
    if (held != want)
      out.push_back("shipment " + r.get_text(1) + " (" + r.get_text(2) + ") line " + std::to_string(r.get_int(3)) +
                    ": " + q(held) + " is reserved for it in the inventory, " + q(want) + " should be");
  }
  return out;
}

}  // namespace

void add_sales_checks(CommandRegistry& commands, SalesOffice& office) {
  commands.add_check({"sales: each line's allocated and shipped quantities match its shipments", &lines_match_shipments});
  commands.add_check({"sales: each order's state matches its lines", &states_match_lines});
  commands.add_check({"sales: each open shipment holds exactly its unshipped quantity in reservations",
                      [&office](db::Transaction& tx) { return shipments_hold_their_reservations(office, tx); }});
}

}  // namespace downstream::sales_module
