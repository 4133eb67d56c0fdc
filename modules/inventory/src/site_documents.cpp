#include "site_documents.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>

namespace downstream::inventory_module {

namespace {

const std::vector<std::string> kSiteKinds = {"warehouse", "store", "distribution_centre"};
const std::vector<std::string> kLocationKinds = {"storage", "bin", "input", "output", "quality", "scrap"};

bool one_of(const std::string& v, const std::vector<std::string>& allowed) {
  return std::find(allowed.begin(), allowed.end(), v) != allowed.end();
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

bool valid_code(const std::string& code) {
  if (code.empty() || code.size() > 32) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

// An IANA zone name: checked against the system's zone files where it has them,
// by its shape where it does not (a container without tzdata).
bool valid_timezone(const std::string& tz) {
  if (tz == "UTC") return true;
  if (tz.empty() || tz.front() == '/' || tz.find("..") != std::string::npos) return false;
  bool shape = std::all_of(tz.begin(), tz.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '+' || c == '/';
  });
  if (!shape) return false;
  std::error_code ec;
  const std::filesystem::path zones = "/usr/share/zoneinfo";
  if (std::filesystem::is_directory(zones / "Europe", ec)) return std::filesystem::is_regular_file(zones / tz, ec);
  return tz.find('/') != std::string::npos;
}

struct Reader {
  const ConfigDocument& doc;
  std::vector<std::string>& problems;

  std::string where(int line) const { return doc.file + ":" + std::to_string(line); }
  void problem(int line, const std::string& message) { problems.push_back(where(line) + ": " + message); }

  // The section's keys; any other key is reported.
  std::map<std::string, const ConfigDocument::Entry*> entries(const ConfigDocument::Section& s,
                                                              const std::vector<std::string>& keys) {
    std::map<std::string, const ConfigDocument::Entry*> out;
    for (const auto& e : s.entries) {
      if (one_of(e.key, keys))
        out[e.key] = &e;
      else
        problem(e.line, "unknown key '" + e.key + "' in [" + s.name + "] (its keys: " + joined(keys) + ")");
    }
    return out;
  }

  SiteSpec site(const ConfigDocument::Section& s, const std::string& default_timezone) {
    auto e = entries(s, {"code", "name", "kind", "timezone", "address"});
    auto value = [&](const char* key) { return e.count(key) ? e[key]->value : std::string(); };
    auto line = [&](const char* key) { return e.count(key) ? e[key]->line : s.line; };
    SiteSpec site;
    site.where = where(s.line);
    site.code = value("code");
    site.name = value("name");
    site.kind = value("kind");
    site.timezone = e.count("timezone") ? value("timezone") : default_timezone;
    site.address = value("address");
    if (site.code.empty())
      problem(line("code"), "[site] needs a code (letters, digits, '_' and '-', such as NORTH)");
    else if (!valid_code(site.code))
      problem(line("code"), "site code '" + site.code + "' may only have letters, digits, '_' and '-' (at most 32)");
    if (site.name.empty()) problem(line("name"), "[site] needs a name");
    if (site.kind.empty())
      problem(line("kind"), "[site] needs a kind: one of " + joined(kSiteKinds));
    else if (!one_of(site.kind, kSiteKinds))
      problem(line("kind"), "site kind '" + site.kind + "' is unknown: one of " + joined(kSiteKinds));
    if (!valid_timezone(site.timezone))
      problem(line("timezone"),
              "timezone '" + site.timezone + "' is not an IANA time zone (such as Europe/Berlin or UTC)");
    return site;
  }

  // [location.storage.a-01]: the location "storage/a-01" under "storage".
  std::optional<LocationSpec> location(const ConfigDocument::Section& s) {
    std::vector<std::string> segments;
    std::string path = s.name.substr(std::string_view("location.").size());
    for (std::size_t start = 0;;) {
      auto dot = path.find('.', start);
      segments.push_back(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    if (std::any_of(segments.begin(), segments.end(), [](const std::string& x) { return x.empty(); })) {
      problem(s.line, "[" + s.name + "] is not a location path: name it [location.storage] or [location.storage.a-01]");
      return std::nullopt;
    }
    LocationSpec loc;
    for (std::size_t i = 0; i < segments.size(); ++i) {
      loc.code += (i ? "/" : "") + segments[i];
      if (i + 1 < segments.size()) loc.parent = loc.code;
    }
    loc.where = where(s.line);
    auto e = entries(s, {"kind", "name"});
    loc.name = e.count("name") ? e["name"]->value : segments.back();
    // Without a kind: [location.input] is an input, and anything nested is a bin.
    if (e.count("kind"))
      loc.kind = e["kind"]->value;
    else if (segments.size() == 1 && one_of(segments[0], kLocationKinds))
      loc.kind = segments[0];
    else if (segments.size() > 1)
      loc.kind = "bin";
    if (loc.kind.empty())
      problem(s.line, "location '" + loc.code + "' needs a kind: one of " + joined(kLocationKinds));
    else if (!one_of(loc.kind, kLocationKinds))
      problem(e.count("kind") ? e["kind"]->line : s.line,
              "location kind '" + loc.kind + "' is unknown: one of " + joined(kLocationKinds));
    return loc;
  }
};

}  // namespace

std::string location_section(std::string code) {
  std::replace(code.begin(), code.end(), '/', '.');
  return "[location." + code + "]";
}

SiteDocuments read_site_documents(const std::vector<ConfigDocument>& documents, const std::string& default_timezone) {
  SiteDocuments out;
  std::map<std::string, std::string> site_where;  // code -> file:line
  for (const auto& doc : documents) {
    Reader r{doc, out.problems};
    std::optional<SiteSpec> site;
    int site_line = 0;
    std::map<std::string, LocationSpec> locations;
    std::map<std::string, int> location_line;
    std::vector<std::string> order;  // as declared

    for (const auto& s : doc.sections) {
      if (s.name == "site") {
        if (site) {
          r.problem(s.line, "a second [site] section (the first is at line " + std::to_string(site_line) +
                                "): one file declares one site");
          continue;
        }
        site = r.site(s, default_timezone);
        site_line = s.line;
      } else if (s.name.starts_with("location.")) {
        auto loc = r.location(s);
        if (!loc) continue;
        if (location_line.count(loc->code)) {
          r.problem(s.line, "location '" + loc->code + "' is declared twice (first at line " +
                                std::to_string(location_line[loc->code]) + ")");
          continue;
        }
        location_line[loc->code] = s.line;
        order.push_back(loc->code);
        locations[loc->code] = std::move(*loc);
      } else {
        r.problem(s.line, "unknown section [" + s.name + "]: a site file has [site] and [location.<path>] sections");
      }
    }

    if (!site) {
      r.problem(1, "no [site] section: a site file declares one site with code, name, kind and timezone");
      continue;
    }
    for (const auto& code : order) {
      const auto& parent = locations[code].parent;
      if (!parent.empty() && !locations.count(parent))
        r.problem(location_line[code],
                  "the parent of location '" + code + "' is not declared: add " + location_section(parent));
    }
    if (!site->code.empty()) {
      auto [it, fresh] = site_where.emplace(site->code, site->where);
      if (!fresh) r.problem(site_line, "site '" + site->code + "' is already declared at " + it->second);
    }
    // Parents first, so applying creates them before their children.
    std::stable_sort(order.begin(), order.end(), [](const std::string& a, const std::string& b) {
      return std::count(a.begin(), a.end(), '/') < std::count(b.begin(), b.end(), '/');
    });
    for (const auto& code : order) site->locations.push_back(locations[code]);
    out.sites.push_back(std::move(*site));
  }
  return out;
}

}  // namespace downstream::inventory_module
