#include "plugins/plugin_host.h"

#include <dlfcn.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace downstream::host {

const char* state_name(PluginState s) {
  switch (s) {
    case PluginState::found: return "found";
    case PluginState::verified: return "verified";
    case PluginState::resolved: return "resolved";
    case PluginState::loaded: return "loaded";
    case PluginState::configured: return "configured";
    case PluginState::migrated: return "migrated";
    case PluginState::registered: return "registered";
    case PluginState::started: return "started";
    case PluginState::stopped: return "stopped";
    case PluginState::failed: return "failed";
    case PluginState::disabled: return "disabled";
  }
  return "?";
}

const char* phase_name(Phase p) {
  switch (p) {
    case Phase::configure: return "configure";
    case Phase::migrate: return "migrate";
    case Phase::register_: return "register";
    case Phase::start: return "start";
  }
  return "?";
}

namespace {

std::string read_bytes(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::filesystem::path manifest_path(const std::filesystem::path& lib) { return lib.string() + ".manifest"; }
std::filesystem::path signature_path(const std::filesystem::path& lib) { return lib.string() + ".sig"; }

// "libsales.so" -> "sales", for naming a plugin whose manifest could not be read.
std::string name_from_library(const std::filesystem::path& lib) {
  auto n = lib.filename().string();
  if (n.starts_with("lib")) n = n.substr(3);
  if (n.ends_with(".so")) n = n.substr(0, n.size() - 3);
  return n;
}

bool is_usable(const PluginRecord& r) { return r.state != PluginState::failed && r.state != PluginState::disabled; }

PluginState state_after(Phase p) {
  switch (p) {
    case Phase::configure: return PluginState::configured;
    case Phase::migrate: return PluginState::migrated;
    case Phase::register_: return PluginState::registered;
    case Phase::start: return PluginState::started;
  }
  return PluginState::failed;
}

}  // namespace

struct PluginHost::Impl {
  PluginHostOptions options;
  std::vector<std::unique_ptr<PluginRecord>> records;  // discovery order (by file name)
  std::vector<PluginRecord*> order;                    // resolved, dependencies first
  std::map<const PluginRecord*, std::string> verified_bytes;  // the library bytes whose signature was checked
  std::vector<std::string> general_problems;                  // not tied to one plugin
  std::vector<crypto::PublicKey> trusted;

  void fail(PluginRecord& r, const std::string& why) {
    r.state = PluginState::failed;
    r.error = why;
  }
  std::string who(const PluginRecord& r) const {
    return "plugin '" + r.manifest.name + "' (" + r.library.string() + ")";
  }

  PluginRecord* by_name(const std::string& name) {
    for (auto& r : records)
      if (r->manifest.name == name) return r.get();
    return nullptr;
  }

  // Plugins that r must come after: what it requires, and the providers of the ports it uses.
  std::vector<PluginRecord*> dependencies_of(const PluginRecord& r) {
    std::vector<PluginRecord*> deps;
    for (const auto& req : r.manifest.requires_plugins)
      if (auto* d = by_name(req.name); d && d != &r) deps.push_back(d);
    for (const auto& port : r.manifest.uses)
      for (auto& other : records)
        if (other.get() != &r && other->state != PluginState::disabled &&
            std::find(other->manifest.provides.begin(), other->manifest.provides.end(), port) !=
                other->manifest.provides.end())
          deps.push_back(other.get());
    std::sort(deps.begin(), deps.end());
    deps.erase(std::unique(deps.begin(), deps.end()), deps.end());
    return deps;
  }

  // Marks every usable plugin that (transitively) depends on a failed one as failed, naming it.
  void propagate_failures() {
    bool changed = true;
    while (changed) {
      changed = false;
      for (auto& r : records) {
        if (!is_usable(*r)) continue;
        for (auto* d : dependencies_of(*r)) {
          if (d->state == PluginState::failed) {
            fail(*r, who(*r) + ": depends on '" + d->manifest.name + "', which failed: " + d->error);
            changed = true;
            break;
          }
        }
      }
    }
  }

  void find_cycles() {
    enum Mark { white, grey, black };
    std::map<PluginRecord*, Mark> mark;
    std::vector<PluginRecord*> stack;
    std::vector<std::vector<PluginRecord*>> cycles;
    std::function<void(PluginRecord*)> visit = [&](PluginRecord* r) {
      mark[r] = grey;
      stack.push_back(r);
      auto deps = dependencies_of(*r);
      std::sort(deps.begin(), deps.end(),
                [](auto* a, auto* b) { return a->manifest.name < b->manifest.name; });
      for (auto* d : deps) {
        if (!is_usable(*d)) continue;
        if (mark[d] == grey) {
          auto from = std::find(stack.begin(), stack.end(), d);
          cycles.emplace_back(from, stack.end());
        } else if (mark[d] == white) {
          visit(d);
        }
      }
      stack.pop_back();
      mark[r] = black;
    };
    std::vector<PluginRecord*> sorted;
    for (auto& r : records)
      if (is_usable(*r)) sorted.push_back(r.get());
    std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->manifest.name < b->manifest.name; });
    for (auto* r : sorted)
      if (mark[r] == white) visit(r);
    for (const auto& cycle : cycles) {
      std::string chain;
      for (auto* r : cycle) chain += r->manifest.name + " -> ";
      chain += cycle.front()->manifest.name;
      for (auto* r : cycle)
        if (is_usable(*r))
          fail(*r, who(*r) + ": dependency cycle " + chain + ": remove one of these requirements");
    }
  }
};

PluginHost::PluginHost(PluginHostOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
}

PluginHost::~PluginHost() = default;

void PluginHost::discover() {
  auto& d = *impl_;
  d.records.clear();
  d.order.clear();
  d.general_problems.clear();
  std::error_code ec;
  const auto& dir = d.options.plugin_dir;
  if (!std::filesystem::is_directory(dir, ec)) {
    d.general_problems.push_back("host.plugin_dir " + dir.string() +
                                 " is not a folder: set host.plugin_dir to where the plugins were installed");
    return;
  }
  std::vector<std::filesystem::path> libraries;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    auto name = e.path().filename().string();
    if (name.starts_with("lib") && name.ends_with(".so") && e.is_regular_file()) libraries.push_back(e.path());
  }
  std::sort(libraries.begin(), libraries.end());
  std::map<std::string, PluginRecord*> seen;
  for (const auto& lib : libraries) {
    auto rec = std::make_unique<PluginRecord>();
    rec->library = lib;
    rec->manifest.name = name_from_library(lib);
    auto mf = manifest_path(lib);
    if (!std::filesystem::exists(mf, ec)) {
      d.fail(*rec, d.who(*rec) + ": no manifest " + mf.filename().string() +
                       " beside the library: build it with downstream_add_plugin(), which writes one");
    } else {
      std::vector<std::string> problems;
      auto manifest = read_manifest(mf, problems);
      if (!manifest) {
        std::string all;
        for (const auto& p : problems) all += (all.empty() ? "" : "; ") + p;
        d.fail(*rec, d.who(*rec) + ": the manifest is invalid: " + all);
      } else {
        rec->manifest = std::move(*manifest);
        if (rec->manifest.name == "host") {
          d.fail(*rec, d.who(*rec) + ": 'host' is reserved for the host itself: rename the plugin");
        } else if (auto it = seen.find(rec->manifest.name); it != seen.end()) {
          d.fail(*rec, d.who(*rec) + ": duplicate plugin name '" + rec->manifest.name + "', also in " +
                           it->second->library.string() + ": remove one of the two libraries");
        } else {
          seen[rec->manifest.name] = rec.get();
          if (std::find(d.options.disabled.begin(), d.options.disabled.end(), rec->manifest.name) !=
              d.options.disabled.end())
            rec->state = PluginState::disabled;
        }
      }
    }
    d.records.push_back(std::move(rec));
  }
}

void PluginHost::verify() {
  auto& d = *impl_;
  std::vector<std::string> key_problems;
  d.trusted = crypto::load_trusted_keys(d.options.trusted_keys_dir, key_problems);
  for (const auto& p : key_problems) d.general_problems.push_back("trusted key " + p);
  for (auto& rp : d.records) {
    auto& r = *rp;
    if (r.state != PluginState::found) continue;
    try {
      auto manifest_bytes = read_bytes(manifest_path(r.library));
      auto library_bytes = read_bytes(r.library);
      auto sig = signature_path(r.library);
      std::error_code ec;
      if (std::filesystem::exists(sig, ec)) {
        std::string error;
        auto signer = crypto::verify_plugin(manifest_bytes, library_bytes, read_bytes(sig), d.trusted, error);
        if (!signer) {
          d.fail(r, d.who(r) + ": signature " + sig.filename().string() + " rejected: " + error +
                        ": re-sign it with `downstream plugins sign`, or trust its key in " +
                        d.options.trusted_keys_dir.string());
          continue;
        }
        r.signer = *signer;
      } else if (d.options.require_signed) {
        d.fail(r, d.who(r) + ": unsigned (no " + sig.filename().string() +
                      ") while security.require_signed_plugins = true: sign it with `downstream plugins sign`");
        continue;
      }
      d.verified_bytes[&r] = std::move(library_bytes);
      r.state = PluginState::verified;
    } catch (const std::exception& e) {
      d.fail(r, d.who(r) + ": " + e.what());
    }
  }
}

void PluginHost::resolve() {
  auto& d = *impl_;
  auto host_version = SemVer::parse(d.options.host_version).value_or(SemVer{});
  for (auto& rp : d.records) {
    auto& r = *rp;
    if (r.state != PluginState::verified) continue;
    const auto& m = r.manifest;
    if (m.abi != DOWNSTREAM_PLUGIN_ABI) {
      d.fail(r, d.who(r) + ": built for plugin ABI " + std::to_string(m.abi) + ", this host loads ABI " +
                    std::to_string(DOWNSTREAM_PLUGIN_ABI) + ": rebuild it against this host's SDK");
      continue;
    }
    if (m.build_tag != DOWNSTREAM_BUILD_TAG) {
      d.fail(r, d.who(r) + ": build tag '" + m.build_tag + "' differs from the host's '" + DOWNSTREAM_BUILD_TAG +
                    "': rebuild it with the same compiler, standard and SDK as the host");
      continue;
    }
    for (const auto& req : m.requires_plugins) {
      if (req.name == "host") {
        if (!req.range.contains(host_version)) {
          d.fail(r, d.who(r) + ": requires host " + req.range.text + ", this host is " + host_version.to_string() +
                        ": install a version of the plugin made for this host");
          break;
        }
        continue;
      }
      auto* dep = d.by_name(req.name);
      if (!dep) {
        d.fail(r, d.who(r) + ": requires '" + req.name + "', which is not installed in " +
                      d.options.plugin_dir.string() + ": install it or remove the plugin");
        break;
      }
      if (dep->state == PluginState::disabled) {
        d.fail(r, d.who(r) + ": requires '" + req.name + "', which is disabled: enable it or disable this plugin too");
        break;
      }
      if (!req.range.contains(dep->manifest.version)) {
        d.fail(r, d.who(r) + ": requires " + req.name + " " + req.range.text + ", found " + req.name + " " +
                      dep->manifest.version_text + ": install a matching version of either plugin");
        break;
      }
    }
    if (r.state == PluginState::failed) continue;
    for (const auto& port : m.uses) {
      bool provided = std::any_of(d.records.begin(), d.records.end(), [&](const auto& o) {
        return o.get() != &r && o->state != PluginState::disabled &&
               std::find(o->manifest.provides.begin(), o->manifest.provides.end(), port) != o->manifest.provides.end();
      });
      if (!provided) {
        d.fail(r, d.who(r) + ": uses the '" + port + "' port, which no installed plugin provides: install an adapter for it");
        break;
      }
    }
  }
  d.find_cycles();
  d.propagate_failures();

  // Dependencies first; among plugins ready at the same time, by name.
  d.order.clear();
  std::set<PluginRecord*> placed;
  std::vector<PluginRecord*> pending;
  for (auto& r : d.records)
    if (r->state == PluginState::verified) pending.push_back(r.get());
  std::sort(pending.begin(), pending.end(), [](auto* a, auto* b) { return a->manifest.name < b->manifest.name; });
  while (!pending.empty()) {
    auto ready = std::find_if(pending.begin(), pending.end(), [&](PluginRecord* r) {
      auto deps = d.dependencies_of(*r);
      return std::all_of(deps.begin(), deps.end(), [&](PluginRecord* dep) { return placed.count(dep) != 0; });
    });
    if (ready == pending.end()) break;  // cannot happen after find_cycles; kept as a guard
    (*ready)->state = PluginState::resolved;
    placed.insert(*ready);
    d.order.push_back(*ready);
    pending.erase(ready);
  }
  for (auto* r : pending) d.fail(*r, d.who(*r) + ": could not be ordered after its dependencies");
}

void PluginHost::load() {
  auto& d = *impl_;
  for (auto* rp : d.order) {
    auto& r = *rp;
    if (r.state != PluginState::resolved) continue;
    bool dependency_failed = false;
    for (auto* dep : d.dependencies_of(r))
      if (dep->state == PluginState::failed) {
        d.fail(r, d.who(r) + ": depends on '" + dep->manifest.name + "', which failed: " + dep->error);
        dependency_failed = true;
        break;
      }
    if (dependency_failed) continue;

    // Open the bytes that were verified, from memory, so the file cannot be swapped in between.
    const auto& bytes = d.verified_bytes[&r];
    int fd = ::memfd_create(r.manifest.name.c_str(), MFD_CLOEXEC);
    if (fd < 0) {
      d.fail(r, d.who(r) + ": memfd_create failed");
      continue;
    }
    size_t written = 0;
    while (written < bytes.size()) {
      auto n = ::write(fd, bytes.data() + written, bytes.size() - written);
      if (n <= 0) break;
      written += static_cast<size_t>(n);
    }
    void* handle = nullptr;
    if (written == bytes.size()) {
      auto path = "/proc/self/fd/" + std::to_string(fd);
      handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    }
    std::string dl_error = handle ? "" : (::dlerror() ? std::string(::dlerror()) : "could not write it to memory");
    // The descriptor stays open for the life of the process, like the library: the
    // loader knows the library by the name "/proc/self/fd/N", and would hand back
    // this library for a later dlopen of a reused N.
    if (!handle) ::close(fd);
    if (!handle) {
      d.fail(r, d.who(r) + ": cannot be opened: " + dl_error);
      continue;
    }
    r.handle = handle;
    d.verified_bytes.erase(&r);
    auto entry = reinterpret_cast<downstream_plugin_entry_fn>(::dlsym(handle, DOWNSTREAM_PLUGIN_ENTRY_SYMBOL));
    if (!entry) {
      d.fail(r, d.who(r) + ": has no entry point '" DOWNSTREAM_PLUGIN_ENTRY_SYMBOL
                    "': export one with DOWNSTREAM_EXPORT_PLUGIN(YourPlugin)");
      continue;
    }
    const auto* desc = entry();
    constexpr auto needed = offsetof(downstream_plugin_descriptor, migration_count) + sizeof(std::uint32_t);
    if (!desc || desc->struct_size < needed) {
      d.fail(r, d.who(r) + ": its descriptor is missing or truncated: rebuild it against this host's SDK");
      continue;
    }
    auto text = [](const char* s) { return std::string(s ? s : ""); };
    if (desc->abi != DOWNSTREAM_PLUGIN_ABI) {
      d.fail(r, d.who(r) + ": the library was built for plugin ABI " + std::to_string(desc->abi) +
                    ", this host loads ABI " + std::to_string(DOWNSTREAM_PLUGIN_ABI) +
                    " (its manifest says " + std::to_string(r.manifest.abi) + "): rebuild it against this host's SDK");
      continue;
    }
    if (text(desc->build_tag) != DOWNSTREAM_BUILD_TAG) {
      d.fail(r, d.who(r) + ": the library's build tag '" + text(desc->build_tag) + "' differs from the host's '" +
                    DOWNSTREAM_BUILD_TAG + "': rebuild it with the host's compiler and SDK");
      continue;
    }
    std::string mismatch;
    if (text(desc->name) != r.manifest.name) mismatch = "name '" + text(desc->name) + "' vs '" + r.manifest.name + "'";
    else if (text(desc->version) != r.manifest.version_text)
      mismatch = "version '" + text(desc->version) + "' vs '" + r.manifest.version_text + "'";
    else if (text(desc->kind) != r.manifest.kind)
      mismatch = "kind '" + text(desc->kind) + "' vs '" + r.manifest.kind + "'";
    if (!mismatch.empty()) {
      d.fail(r, d.who(r) + ": the library's descriptor does not match its manifest (" + mismatch +
                    "): rebuild both with downstream_add_plugin()");
      continue;
    }
    r.descriptor = desc;
    Plugin* instance = desc->create ? desc->create() : nullptr;
    if (!instance) {
      d.fail(r, d.who(r) + ": its constructor failed");
      continue;
    }
    r.instance.reset(instance);
    r.state = PluginState::loaded;
  }
}

void PluginHost::run_phase(Phase phase, const std::function<void(PluginRecord&)>& call) {
  auto& d = *impl_;
  for (auto* rp : d.order) {
    auto& r = *rp;
    if (!is_usable(r) || !r.instance) continue;
    auto t0 = std::chrono::steady_clock::now();
    try {
      call(r);
    } catch (const std::exception& e) {
      d.fail(r, "plugin '" + r.manifest.name + "' failed in " + phase_name(phase) + ": " + e.what());
    } catch (...) {
      d.fail(r, "plugin '" + r.manifest.name + "' failed in " + phase_name(phase) + ": an unknown exception");
    }
    r.phase_ms[static_cast<int>(phase)] =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (r.state == PluginState::failed) {
      d.propagate_failures();
      throw PluginStartError(r.error);
    }
    r.state = state_after(phase);
  }
}

void PluginHost::stop_all(const std::function<void(PluginRecord&)>& call) {
  auto& d = *impl_;
  for (auto it = d.order.rbegin(); it != d.order.rend(); ++it) {
    auto& r = **it;
    if (r.state != PluginState::started || !r.instance) continue;
    try {
      call(r);
    } catch (...) {
      // on_stop must not throw; stopping the others matters more than reporting it here.
    }
    r.state = PluginState::stopped;
  }
}

std::vector<PluginRecord*> PluginHost::plugins() {
  auto& d = *impl_;
  std::vector<PluginRecord*> out = d.order;
  std::vector<PluginRecord*> rest;
  for (auto& r : d.records)
    if (std::find(out.begin(), out.end(), r.get()) == out.end()) rest.push_back(r.get());
  std::stable_sort(rest.begin(), rest.end(), [](auto* a, auto* b) { return a->manifest.name < b->manifest.name; });
  out.insert(out.end(), rest.begin(), rest.end());
  return out;
}

PluginRecord* PluginHost::find(const std::string& name) { return impl_->by_name(name); }

std::vector<std::string> PluginHost::problems() const {
  std::vector<std::string> out = impl_->general_problems;
  std::vector<PluginRecord*> failed;
  for (auto& r : impl_->records)
    if (r->state == PluginState::failed) failed.push_back(r.get());
  std::stable_sort(failed.begin(), failed.end(), [](auto* a, auto* b) { return a->manifest.name < b->manifest.name; });
  for (auto* r : failed) out.push_back(r->error);
  return out;
}

}  // namespace downstream::host
