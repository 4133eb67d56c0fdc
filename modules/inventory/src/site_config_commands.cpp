// `downstream config plan` shows what `config apply` would do to sites and
// locations, and refuses the same things apply would; apply does it in one unit
// of work, so a refused apply changes nothing.
#include <ostream>

#include "site_parts.h"
#include "site_plan.h"

namespace downstream::inventory_module {

namespace {

const char* sign(PlanChange::Action a) {
  switch (a) {
    case PlanChange::Action::create_site:
    case PlanChange::Action::create_location:
      return "+ ";
    case PlanChange::Action::change_site:
    case PlanChange::Action::change_location:
      return "~ ";
    default:
      return "- ";
  }
}

std::string count_of(std::size_t n, const char* what) { return std::to_string(n) + " " + what + (n == 1 ? "" : "s"); }

// The declared sites, or nullopt after reporting every problem in the files.
std::optional<std::vector<SiteSpec>> declared_sites(PluginContext& ctx, std::ostream& err) {
  auto docs = read_site_documents(ctx.site_documents(), ctx.config().get_string("default_timezone"));
  if (docs.problems.empty()) return std::move(docs.sites);
  for (const auto& p : docs.problems) err << p << "\n";
  err << count_of(docs.problems.size(), "problem") << " in the site files; nothing was planned or applied\n";
  return std::nullopt;
}

void print_refusals(const SitePlan& plan, std::ostream& err) {
  for (const auto& r : plan.refusals) err << "refused: " << r << "\n";
}

int run(PluginContext& ctx, bool apply, const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const char* name = apply ? "apply" : "plan";
  if (!args.empty()) {
    err << "usage: downstream config " << name << "\n";
    return 64;
  }
  auto sites = declared_sites(ctx, err);
  if (!sites) return 1;
  SitePlan plan;
  auto work = [&](db::Transaction& tx) {
    plan = plan_sites(tx, *sites);
    if (apply && plan.refusals.empty()) apply_plan(tx, plan);
  };
  if (apply)
    ctx.database().write(work);
  else
    ctx.database().read(work);

  for (const auto& c : plan.changes) out << sign(c.action) << c.text << "\n";
  if (!plan.refusals.empty()) {
    print_refusals(plan, err);
    err << (apply ? "nothing was applied: " : "apply would be refused: ") << count_of(plan.refusals.size(), "location")
        << " cannot be deactivated\n";
    return 1;
  }
  if (plan.changes.empty())
    out << "nothing to change: the database matches " << count_of(sites->size(), "site file") << "\n";
  else
    out << (apply ? "applied " : "apply would make ") << count_of(plan.changes.size(), "change") << "\n";
  return 0;
}

}  // namespace

void add_site_config_commands(ModuleParts& parts) {
  PluginContext* ctx = &parts.ctx;
  auto& commands = parts.ctx.commands();
  commands.add({"config plan", "", "Show what `config apply` would create, change or deactivate in sites and locations",
                [ctx](const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
                  return run(*ctx, false, args, out, err);
                }});
  commands.add({"config apply", "", "Make sites and locations match config/sites.d, in one unit of work",
                [ctx](const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
                  return run(*ctx, true, args, out, err);
                }});
}

}  // namespace downstream::inventory_module
