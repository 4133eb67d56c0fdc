#include "bench/bench_options.h"

#include <stdexcept>

namespace downstream::host::bench {

const char* const kBenchUsage = R"(usage:
  downstream bench generate --sites N --products N --moves N [--seed 42] [--batch 2000]
                            [--close-every-days 91] [--append] [--db URL]
  downstream bench --workload NAME [--form in-process|http] [--repeat 3] [--calls 1000]
                   [--starts 5] [--seed 42] [--json FILE] [--url http://HOST:PORT --key KEY] [--db URL]
                   [--orders 200] [--clients N] [--processes 1] [--units 100 --attempts 50]
workloads: ledger-at-scale (W3, on generated data), start (W6),
           order-to-ship and stock-read (W1, with --orders; order-to-ship also takes --clients
           (default 1), --processes for --form http, and --form floor: the modules in-process
           and, interleaved, the same SQL statements replayed through the database port),
           hot-product (W2, in-process or over http, with
           --units --clients --attempts --processes); purchase-receive and return need the
           purchasing and returns modules
)";

namespace {

std::int64_t whole_number(const std::string& option, const std::string& text, std::int64_t least) {
  std::size_t used = 0;
  long long n = 0;
  try {
    n = std::stoll(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || text.empty() || n < least)
    throw std::invalid_argument(option + " expects a whole number of at least " + std::to_string(least) + ", not '" +
                                text + "'");
  return n;
}

}  // namespace

BenchOptions parse_bench_options(const std::vector<std::string>& args) {
  BenchOptions o;
  std::size_t i = 0;
  if (!args.empty() && args[0] == "generate") {
    o.generate = true;
    i = 1;
  }
  auto value = [&](const std::string& option) -> std::string {
    if (i + 1 >= args.size()) throw std::invalid_argument(option + " needs a value");
    return args[++i];
  };
  for (; i < args.size(); ++i) {
    const auto& a = args[i];
    if (a == "--seed") o.seed = static_cast<std::uint64_t>(whole_number(a, value(a), 0));
    else if (a == "--db") o.db = value(a);
    else if (a == "--sites" && o.generate) o.gen.sites = whole_number(a, value(a), 1);
    else if (a == "--products" && o.generate) o.gen.products = whole_number(a, value(a), 1);
    else if (a == "--moves" && o.generate) o.gen.moves = whole_number(a, value(a), 0);
    else if (a == "--batch" && o.generate) o.gen.batch = whole_number(a, value(a), 1);
    else if (a == "--close-every-days" && o.generate) o.gen.close_every_days = whole_number(a, value(a), 0);
    else if (a == "--append" && o.generate) o.gen.append = true;
    else if (a == "--workload" && !o.generate) o.work.workload = value(a);
    else if (a == "--form" && !o.generate) {
      o.work.form = value(a);
      if (o.work.form != "in-process" && o.work.form != "http" && o.work.form != "floor")
        throw std::invalid_argument("--form is in-process, http or floor (order-to-ship), not '" + o.work.form + "'");
    } else if (a == "--repeat" && !o.generate) o.work.repeat = static_cast<int>(whole_number(a, value(a), 1));
    else if (a == "--calls" && !o.generate) {
      o.work.calls = whole_number(a, value(a), 1);
      o.work.calls_given = true;
    } else if (a == "--orders" && !o.generate) o.work.orders = whole_number(a, value(a), 1);
    else if (a == "--clients" && !o.generate) o.work.clients = static_cast<int>(whole_number(a, value(a), 1));
    else if (a == "--processes" && !o.generate) o.work.processes = static_cast<int>(whole_number(a, value(a), 1));
    else if (a == "--attempts" && !o.generate) o.work.attempts = whole_number(a, value(a), 1);
    else if (a == "--units" && !o.generate) o.work.units = whole_number(a, value(a), 1);
    else if (a == "--starts" && !o.generate) o.work.starts = static_cast<int>(whole_number(a, value(a), 1));
    else if (a == "--url" && !o.generate) o.work.url = value(a);
    else if (a == "--key" && !o.generate) o.work.key = value(a);
    else if (a == "--json") o.work.json_file = value(a);
    else throw std::invalid_argument("unknown argument '" + a + "'");
  }
  if (!o.generate && o.work.workload.empty()) throw std::invalid_argument("give `generate` or --workload NAME");
  if (o.work.url.empty() != o.work.key.empty()) throw std::invalid_argument("--url and --key go together");
  if (o.work.form == "floor" && o.work.workload != "order-to-ship")
    throw std::invalid_argument("--form floor is a variant of order-to-ship only");
  if (o.work.form == "floor" && o.work.clients > 1)
    throw std::invalid_argument("--form floor runs one client stream (it replays each request's statements in turn)");
  return o;
}

}  // namespace downstream::host::bench
