#pragma once
// The stock area's routes, one file per resource; register_stock() adds them all.
#include <downstream/http.h>
#include <downstream/json.h>
#include <downstream/services/inventory.h>

#include <string>
#include <vector>

#include "module_parts.h"

namespace downstream::inventory_module {

// GET /api/v1/availability, GET /api/v1/sites/{site}/stock.
void add_availability_routes(ModuleParts& parts);
// GET /api/v1/moves (paged), POST /api/v1/moves (a done move: manual moves, adjustments).
void add_move_routes(ModuleParts& parts);
// POST /api/v1/reservations, POST /api/v1/reservations/release.
void add_reservation_routes(ModuleParts& parts);

// The sites a request may see: the one it asked for, else the key's sites (empty: all).
std::vector<std::string> visible_sites(const http::Request& request, const std::string& asked);

json::Object reservation_json(const inventory::Reservation& r);

}  // namespace downstream::inventory_module
