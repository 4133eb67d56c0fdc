// The plugin host against real libraries: the good set runs its lifecycle in
// dependency order, and each case of the broken catalogue (tests/plugins/) fails
// its plugin with an error that names the file and the cause.
#define BOOST_TEST_MODULE plugin_loading
#include <boost/test/unit_test.hpp>

#include <downstream/testing/build_paths.h>
#include <downstream/testing/temp_dir.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

#include "plugins/plugin_host.h"
#include "runtime/host_clock.h"
#include "runtime/plugin_context.h"

using namespace downstream::host;
using namespace downstream::testing;

namespace {

// A host pointed at one catalogue folder, with signatures required and the
// build's development key trusted; discover/verify/resolve/load have run.
std::unique_ptr<PluginHost> load_case(const std::string& folder) {
  PluginHostOptions options;
  options.plugin_dir = test_plugin_dir() / folder;
  options.require_signed = true;
  options.trusted_keys_dir = trusted_keys_dir();
  BOOST_TEST_REQUIRE(std::filesystem::is_directory(options.plugin_dir), options.plugin_dir << " was not built");
  auto host = std::make_unique<PluginHost>(options);
  host->discover();
  host->verify();
  host->resolve();
  host->load();
  return host;
}

std::vector<std::string> names(PluginHost& host) {
  std::vector<std::string> out;
  for (auto* p : host.plugins()) out.push_back(p->manifest.name);
  return out;
}

std::string describe(PluginHost& host) {
  std::string out;
  for (auto* p : host.plugins())
    out += p->manifest.name + " " + state_name(p->state) + (p->error.empty() ? "" : ": " + p->error) + "\n";
  return out;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The plugin must have failed, its error naming its library file and every
// part given; it must not have been created.
const PluginRecord& expect_failed(PluginHost& host, const std::string& name, const std::vector<std::string>& parts) {
  BOOST_TEST_INFO(describe(host));
  auto* p = host.find(name);
  BOOST_TEST_REQUIRE(p != nullptr, "no plugin named " << name);
  BOOST_TEST(state_name(p->state) == std::string("failed"));
  BOOST_TEST(contains(p->error, p->library.filename().string()), "error names the file: " << p->error);
  for (const auto& part : parts) BOOST_TEST(contains(p->error, part), "error '" << p->error << "' names " << part);
  BOOST_TEST(!p->instance);
  // And the host lists it among its problems.
  auto problems = host.problems();
  BOOST_TEST((std::find(problems.begin(), problems.end(), p->error) != problems.end()));
  return *p;
}

// Contexts as the runtime hands them out, without a database or configuration.
struct Contexts {
  ConfigStore config;
  HostParts parts;
  std::map<std::string, std::unique_ptr<HostContext>> made;
  Contexts() {
    parts.config = &config;
    parts.log = std::make_shared<LogSink>(downstream::LogLevel::error);
    parts.clock = std::make_unique<SystemClock>();
  }
  downstream::PluginContext& operator()(const PluginRecord& rec) {
    auto& c = made[rec.manifest.name];
    if (!c) c = std::make_unique<HostContext>(parts, rec.manifest.name);
    return *c;
  }
};

// Points the catalogue plugins' lifecycle log at a fresh file for one test.
class LifecycleLog {
public:
  LifecycleLog() : file_(dir_.path() / "lifecycle.log") {
    ::setenv("DOWNSTREAM_TEST_LIFECYCLE_LOG", file_.c_str(), 1);
  }
  ~LifecycleLog() { ::unsetenv("DOWNSTREAM_TEST_LIFECYCLE_LOG"); }
  std::vector<std::string> lines() const {
    std::vector<std::string> out;
    std::ifstream in(file_);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
  }

private:
  TempDir dir_;
  std::filesystem::path file_;
};

// Runs configure, migrate, register and start as the runtime does (without SQL).
void run_lifecycle(PluginHost& host, Contexts& ctx) {
  host.run_phase(Phase::configure, [&](PluginRecord& r) { r.instance->on_configure(ctx(r)); });
  host.run_phase(Phase::migrate, [&](PluginRecord& r) { r.instance->on_migrate(ctx(r)); });
  host.run_phase(Phase::register_, [&](PluginRecord& r) { r.instance->on_register(ctx(r)); });
  host.run_phase(Phase::start, [&](PluginRecord& r) { r.instance->on_start(ctx(r)); });
}

void stop(PluginHost& host, Contexts& ctx) {
  host.stop_all([&](PluginRecord& r) { r.instance->on_stop(ctx(r)); });
}

}  // namespace

BOOST_AUTO_TEST_CASE(good_signed_plugins_load_with_their_signer_and_no_problems) {
  auto host = load_case("good");
  BOOST_TEST_INFO(describe(*host));
  BOOST_TEST(host->ok());
  BOOST_TEST(host->plugins().size() == 3u);
  for (auto* p : host->plugins()) {
    BOOST_TEST(state_name(p->state) == std::string("loaded"), p->manifest.name);
    BOOST_TEST(p->signer == "dev");
    BOOST_TEST(p->error.empty());
    BOOST_TEST(p->instance != nullptr);
    BOOST_REQUIRE(p->descriptor != nullptr);
    BOOST_TEST(p->descriptor->name == p->manifest.name);  // each library's own descriptor
  }
  BOOST_TEST(host->find("alpha")->manifest.config_keys.size() == 1u);
}

BOOST_AUTO_TEST_CASE(load_order_puts_dependencies_first_and_ties_by_name_the_same_every_time) {
  // abacus sorts first by name but requires beta, which requires alpha.
  const std::vector<std::string> expected = {"alpha", "beta", "abacus"};
  for (int run = 0; run < 3; ++run) {
    auto host = load_case("good");
    BOOST_TEST(names(*host) == expected, boost::test_tools::per_element());
  }
}

BOOST_AUTO_TEST_CASE(the_lifecycle_runs_each_phase_in_dependency_order_and_stop_in_reverse) {
  LifecycleLog log;
  Contexts ctx;
  auto host = load_case("good");
  BOOST_TEST_REQUIRE(host->ok(), describe(*host));
  run_lifecycle(*host, ctx);
  for (auto* p : host->plugins()) BOOST_TEST(state_name(p->state) == std::string("started"), p->manifest.name);
  stop(*host, ctx);
  for (auto* p : host->plugins()) BOOST_TEST(state_name(p->state) == std::string("stopped"), p->manifest.name);

  std::vector<std::string> expected;
  for (const char* phase : {"configure", "migrate", "register", "start"})
    for (const char* name : {"alpha", "beta", "abacus"}) expected.push_back(std::string(name) + " " + phase);
  for (const char* name : {"abacus", "beta", "alpha"}) expected.push_back(std::string(name) + " stop");
  BOOST_TEST(log.lines() == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_library_without_the_entry_point_fails_naming_the_symbol) {
  auto host = load_case("missing_entry");
  expect_failed(*host, "no_entry", {"entry point", "downstream_plugin_entry"});
}

BOOST_AUTO_TEST_CASE(a_descriptor_built_for_another_abi_fails_naming_both_abi_numbers) {
  auto host = load_case("wrong_abi");
  auto other = std::to_string(DOWNSTREAM_PLUGIN_ABI + 1u), ours = std::to_string(DOWNSTREAM_PLUGIN_ABI);
  expect_failed(*host, "wrong_abi", {"ABI " + other, "ABI " + ours, "rebuild"});
}

BOOST_AUTO_TEST_CASE(a_manifest_with_another_build_tag_fails_before_loading_naming_both_tags) {
  auto host = load_case("wrong_build_tag");
  auto& p = expect_failed(*host, "old_compiler", {"build tag", "GNU-4.8/c++11/sdk-0.0", DOWNSTREAM_BUILD_TAG});
  BOOST_TEST(p.handle == nullptr);  // refused from the manifest alone
}

BOOST_AUTO_TEST_CASE(a_descriptor_that_disagrees_with_its_manifest_fails_naming_both_values) {
  auto host = load_case("manifest_mismatch");
  expect_failed(*host, "mismatch_name", {"does not match its manifest", "someone_else", "mismatch_name"});
  expect_failed(*host, "mismatch_version", {"does not match its manifest", "9.9.9", "1.0.0"});
}

BOOST_AUTO_TEST_CASE(a_missing_dependency_fails_naming_it_and_its_dependent_says_which_plugin_failed) {
  auto host = load_case("missing_dependency");
  expect_failed(*host, "orphan", {"'ghost'", "not installed"});
  auto& child = expect_failed(*host, "orphan_child", {"'orphan'", "failed", "ghost"});
  // The cause comes after the name of the dependency that failed.
  BOOST_TEST(child.error.find("'orphan'") < child.error.find("ghost"));
}

BOOST_AUTO_TEST_CASE(a_dependency_outside_the_required_range_fails_naming_range_and_version_found) {
  auto host = load_case("unmet_range");
  expect_failed(*host, "wants_alpha2", {"alpha >=2", "1.0.0"});
  BOOST_TEST(state_name(host->find("alpha")->state) == std::string("loaded"));
}

BOOST_AUTO_TEST_CASE(a_dependency_cycle_fails_every_member_naming_the_whole_chain_in_order) {
  auto host = load_case("cycle");
  const std::vector<std::string> ring = {"cycle_a", "cycle_b", "cycle_c"};
  for (const auto& name : ring) {
    auto& p = expect_failed(*host, name, {"cycle"});
    // The chain in requirement order, from whichever member it starts: a -> b -> c -> a.
    bool named = false;
    for (std::size_t start = 0; start < ring.size(); ++start) {
      std::string chain;
      for (std::size_t i = 0; i <= ring.size(); ++i) chain += (i ? " -> " : "") + ring[(start + i) % ring.size()];
      named = named || contains(p.error, chain);
    }
    BOOST_TEST(named, "'" << p.error << "' names the chain cycle_a -> cycle_b -> cycle_c -> cycle_a");
  }
}

BOOST_AUTO_TEST_CASE(two_libraries_with_the_same_plugin_name_fail_naming_both_files) {
  auto host = load_case("duplicate_name");
  BOOST_TEST_INFO(describe(*host));
  const PluginRecord* failed = nullptr;
  int named_dup = 0;
  for (auto* p : host->plugins()) {
    if (p->manifest.name != "dup") continue;
    ++named_dup;
    if (p->state == PluginState::failed) failed = p;
  }
  BOOST_TEST(named_dup == 2);
  BOOST_TEST_REQUIRE(failed != nullptr);
  BOOST_TEST(contains(failed->error, "duplicate"));
  BOOST_TEST(contains(failed->error, "'dup'"));
  BOOST_TEST(contains(failed->error, "libdup.so"));
  BOOST_TEST(contains(failed->error, "libdup_again.so"));
}

BOOST_AUTO_TEST_CASE(a_library_changed_after_signing_is_refused_and_never_opened) {
  auto host = load_case("bad_signature");
  auto& p = expect_failed(*host, "tampered", {"signature", "libtampered.so.sig"});
  BOOST_TEST(p.signer.empty());
  BOOST_TEST(p.handle == nullptr);  // its static constructors never ran
}

BOOST_AUTO_TEST_CASE(an_unsigned_plugin_is_refused_when_signatures_are_required) {
  auto host = load_case("unsigned");
  auto& p = expect_failed(*host, "unsigned_plugin", {"unsigned", "require_signed_plugins"});
  BOOST_TEST(p.handle == nullptr);
}

BOOST_AUTO_TEST_CASE(an_unsigned_plugin_loads_when_signatures_are_not_required) {
  PluginHostOptions options;
  options.plugin_dir = test_plugin_dir() / "unsigned";
  options.require_signed = false;
  options.trusted_keys_dir = trusted_keys_dir();
  PluginHost host(options);
  host.discover();
  host.verify();
  host.resolve();
  host.load();
  BOOST_TEST_INFO(describe(host));
  BOOST_TEST(host.ok());
  BOOST_TEST(state_name(host.find("unsigned_plugin")->state) == std::string("loaded"));
  BOOST_TEST(host.find("unsigned_plugin")->signer.empty());
}

BOOST_AUTO_TEST_CASE(an_exception_in_configure_fails_the_start_naming_plugin_and_phase_and_fails_its_dependents) {
  LifecycleLog log;
  Contexts ctx;
  auto host = load_case("throws_in_configure");
  BOOST_TEST_REQUIRE(host->ok(), describe(*host));
  BOOST_CHECK_EXCEPTION(run_lifecycle(*host, ctx), PluginStartError, [](const PluginStartError& e) {
    BOOST_TEST_INFO(e.what());
    return contains(e.what(), "cfg_thrower") && contains(e.what(), "configure") &&
           contains(e.what(), "the flux capacitor is not configured");
  });
  auto* thrower = host->find("cfg_thrower");
  BOOST_TEST(state_name(thrower->state) == std::string("failed"));
  BOOST_TEST(contains(thrower->error, "plugin 'cfg_thrower' failed in configure: the flux capacitor is not configured"));
  auto* dependent = host->find("cfg_dependent");
  BOOST_TEST(state_name(dependent->state) == std::string("failed"));
  BOOST_TEST(contains(dependent->error, "'cfg_thrower'"), dependent->error);
  BOOST_TEST(contains(dependent->error, "flux capacitor"), dependent->error);
  stop(*host, ctx);
  // The dependent was never configured, and nothing had started, so nothing stops.
  BOOST_TEST(log.lines() == std::vector<std::string>{"cfg_thrower configure"}, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(an_exception_in_start_fails_the_start_and_stops_what_had_started) {
  LifecycleLog log;
  Contexts ctx;
  auto host = load_case("throws_in_start");
  BOOST_TEST_REQUIRE(host->ok(), describe(*host));
  BOOST_CHECK_EXCEPTION(run_lifecycle(*host, ctx), PluginStartError, [](const PluginStartError& e) {
    BOOST_TEST_INFO(e.what());
    return contains(e.what(), "start_thrower") && contains(e.what(), "start") &&
           contains(e.what(), "port 0 is already in use");
  });
  BOOST_TEST(state_name(host->find("start_thrower")->state) == std::string("failed"));
  BOOST_TEST(contains(host->find("start_thrower")->error, "plugin 'start_thrower' failed in start: port 0 is already in use"));
  BOOST_TEST(state_name(host->find("start_ok")->state) == std::string("started"));
  stop(*host, ctx);
  BOOST_TEST(state_name(host->find("start_ok")->state) == std::string("stopped"));
  BOOST_TEST(state_name(host->find("start_thrower")->state) == std::string("failed"));
  // Each phase runs over every plugin before the next; only start_ok had started, so only it stops.
  const std::vector<std::string> expected = {
      "start_ok configure", "start_thrower configure", "start_ok migrate", "start_thrower migrate",
      "start_ok register",  "start_thrower register",  "start_ok start",   "start_thrower start",
      "start_ok stop"};
  BOOST_TEST(log.lines() == expected, boost::test_tools::per_element());
}
