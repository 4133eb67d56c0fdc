#include "responses.h"

namespace downstream::inventory_module {

void not_found(const std::string& what) { throw http::Problem::not_found(what); }

}  // namespace downstream::inventory_module
