// Routes for the API layer's tests. Each does one thing a real module does:
// write in the unit of work, refuse with a problem, read with a site in the path.
#include <downstream/host_context.h>
#include <downstream/http.h>
#include <downstream/json.h>
#include <downstream/plugin.h>
#include <downstream/ports/database.h>
#include <downstream/problem.h>

#include <chrono>
#include <stdexcept>
#include <thread>

namespace {

using namespace downstream;

http::Response json_answer(int status, const json::Value& v) {
  http::Response r;
  r.status = status;
  r.body = v.dump();
  return r;
}

std::string note_text(const http::Request& rq) {
  json::Value body;
  try {
    body = json::parse(rq.body);
  } catch (const json::ParseError& e) {
    throw http::Problem::bad_request(e.what());
  }
  const json::Value* text = body.is_object() ? body.as_object().find("text") : nullptr;
  if (!text || !text->is_string() || text->as_string().empty())
    throw http::Problem::validation({{"text", "is required and must be a non-empty string"}});
  return text->as_string();
}

class ApiProbe final : public Plugin {
public:
  void on_register(PluginContext& ctx) override {
    auto& routes = ctx.routes();
    routes.add({http::Method::post, "/api/v1/probe/notes", http::Role::operator_, "Write a note",
                R"({"type":"object","required":["text"],"properties":{"text":{"type":"string"}}})",
                R"({"type":"object"})", [](const http::Request& rq, db::Transaction& tx) {
                  auto text = note_text(rq);
                  tx.execute("INSERT INTO probe_note (text) VALUES (?)", {text});
                  auto id = tx.query_int("SELECT max(id) FROM probe_note");
                  return json_answer(201, json::Object{{"id", id}, {"text", text}});
                }});
    routes.add({http::Method::get, "/api/v1/probe/notes", http::Role::viewer, "Count notes", "",
                R"({"type":"object"})", [](const http::Request&, db::Transaction& tx) {
                  return json_answer(200, json::Object{{"count", tx.query_int("SELECT count(*) FROM probe_note")}});
                }});
    // Writes, then refuses: the write must not survive.
    routes.add({http::Method::post, "/api/v1/probe/refused-notes", http::Role::operator_, "Write, then refuse", "",
                "", [](const http::Request& rq, db::Transaction& tx) -> http::Response {
                  tx.execute("INSERT INTO probe_note (text) VALUES (?)", {note_text(rq)});
                  throw http::Problem::conflict("the probe refuses after writing");
                }});
    routes.add({http::Method::get, "/api/v1/sites/{site}/probe", http::Role::viewer, "Echo the site", "", "",
                [](const http::Request& rq, db::Transaction&) {
                  return json_answer(200, json::Object{{"site", rq.path_params.at("site")}});
                }});
    routes.add({http::Method::put, "/api/v1/probe/settings", http::Role::admin, "Admins only", "", "",
                [](const http::Request&, db::Transaction&) { return json_answer(200, json::Object{{"ok", true}}); }});
    routes.add({http::Method::get, "/api/v1/probe/boom", http::Role::viewer, "Throws", "", "",
                [](const http::Request&, db::Transaction&) -> http::Response {
                  throw std::runtime_error("the probe blew up on purpose");
                }});
    // Always loses to a concurrent writer: the unit of work is retried, then answered 503.
    routes.add({http::Method::post, "/api/v1/probe/always-busy", http::Role::operator_, "Always busy", "", "",
                [](const http::Request& rq, db::Transaction& tx) -> http::Response {
                  tx.execute("INSERT INTO probe_note (text) VALUES (?)", {note_text(rq)});
                  throw db::RetryableError("the probe pretends to lose a serialisation race");
                }});
    routes.add({http::Method::get, "/api/v1/probe/slow", http::Role::viewer, "Answers after ?ms=", "", "",
                [](const http::Request& rq, db::Transaction&) {
                  auto it = rq.query.find("ms");
                  int ms = it == rq.query.end() ? 500 : std::stoi(it->second);
                  std::this_thread::sleep_for(std::chrono::milliseconds(ms));
                  return json_answer(200, json::Object{{"slept_ms", ms}});
                }});
  }
};

}  // namespace

DOWNSTREAM_EXPORT_PLUGIN(ApiProbe)
