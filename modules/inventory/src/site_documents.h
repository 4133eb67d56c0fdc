#pragma once
// Sites as the admin declares them in config/sites.d/<site>.ini:
//
//   [site]
//   code = NORTH
//   name = North warehouse
//   kind = warehouse                 ; warehouse | store | distribution_centre
//   timezone = Europe/Berlin         ; default: inventory.default_timezone
//   address = Hafenstrasse 1, Hamburg
//
//   [location.storage]               ; a location's path; dots nest it
//   kind = storage                   ; storage | bin | input | output | quality | scrap
//   name = Main storage
//   [location.storage.a-01]          ; "storage/a-01", a bin under storage
//   kind = bin
//
// Section names are lower-case (the host's INI rules), so location paths are too.
#include <downstream/config.h>

#include <string>
#include <vector>

namespace downstream::inventory_module {

struct LocationSpec {
  std::string code;    // "storage/a-01"
  std::string parent;  // "storage", or "" at the top
  std::string kind;
  std::string name;
  std::string where;  // "file:line" of its section
};

struct SiteSpec {
  std::string code;
  std::string name;
  std::string kind;
  std::string timezone;
  std::string address;
  std::string where;
  std::vector<LocationSpec> locations;  // parents before children
};

struct SiteDocuments {
  std::vector<SiteSpec> sites;
  std::vector<std::string> problems;  // "file:line: message", every one found
};

// "[location.storage.a-01]" for the location "storage/a-01": how a file declares it.
std::string location_section(std::string code);

SiteDocuments read_site_documents(const std::vector<ConfigDocument>& documents, const std::string& default_timezone);

}  // namespace downstream::inventory_module
