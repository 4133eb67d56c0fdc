// A sample carrier adapter, as a vendor writes one: it includes only SDK headers,
// provides the carrier port in on_configure, and reads its own config section.
#include <downstream/host_context.h>
#include <downstream/plugin.h>
#include <downstream/ports/carrier.h>

#include <atomic>
#include <memory>
#include <string>

namespace {

class SampleCarrier final : public downstream::ports::Carrier {
public:
  explicit SampleCarrier(std::string prefix) : prefix_(std::move(prefix)) {}
  downstream::ports::CarrierBooking book(const downstream::ports::CarrierShipment& shipment) override {
    auto n = std::to_string(++booked_);
    return {"sample_carrier", "BOOK-" + n, prefix_ + "-" + shipment.from_site + "-" + n};
  }

private:
  std::string prefix_;
  std::atomic<long> booked_{0};
};

class SampleCarrierPlugin final : public downstream::Plugin {
public:
  void on_configure(downstream::PluginContext& ctx) override {
    ctx.services().provide<downstream::ports::Carrier>(
        std::make_shared<SampleCarrier>(ctx.config().get_string("prefix")));
    ctx.log().write(downstream::LogLevel::info, "sample carrier ready");
  }
};

}  // namespace

DOWNSTREAM_EXPORT_PLUGIN(SampleCarrierPlugin)
