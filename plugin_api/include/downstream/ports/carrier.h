#pragma once
// The carrier port: books a shipment with a carrier and returns its tracking
// number. The sales module calls it when a shipment ships; `ports.carrier` in the
// configuration names the adapter that fills it (the sales module's built-in
// `manual` carrier takes the tracking number from the request instead).
//
// A vendor's adapter provides it in on_configure:
//   ctx.services().provide<ports::Carrier>(std::make_shared<AcmeCarrier>(...));
#include <string>
#include <string_view>
#include <vector>

#include <downstream/domain/decimal.h>
#include <downstream/export.h>

namespace downstream::ports {

// What a carrier needs to know to take a shipment.
struct CarrierShipment {
  std::string shipment;                 // our shipment number: "SH-NORTH-000012"
  std::string from_site;                // the site it leaves from
  std::string to_country;               // ISO 3166-1 alpha-2
  std::string to_region;                // as the customer's address names it
  std::vector<Decimal> package_weights_kg;
};

// The carrier's answer: its own reference for the booking and the tracking number.
struct CarrierBooking {
  std::string carrier;          // the adapter's name
  std::string reference;        // the carrier's booking reference
  std::string tracking_number;
};

class DOWNSTREAM_API Carrier {
public:
  static constexpr std::string_view kServiceName = "downstream.port.carrier";
  virtual ~Carrier();
  // Books the shipment. Throws downstream::Error with a message for the user when
  // the carrier refuses it (the shipment then stays packed, nothing is written).
  virtual CarrierBooking book(const CarrierShipment& shipment) = 0;
};

}  // namespace downstream::ports
