#pragma once
// The exceptions the SDK throws and that plugins may throw to the host.
#include <stdexcept>
#include <string>

#include <downstream/export.h>

namespace downstream {

// Base of every error the SDK defines; what() is a sentence for a human.
class DOWNSTREAM_API Error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
  ~Error() override;
};

// A plugin's configuration is unusable: names the key and where it was set.
class DOWNSTREAM_API ConfigError : public Error {
public:
  using Error::Error;
  ~ConfigError() override;
};

// A value could not be parsed or is out of range (a quantity, an amount, a date).
class DOWNSTREAM_API InvalidValue : public Error {
public:
  using Error::Error;
  ~InvalidValue() override;
};

// A service or port that a plugin asked for is not provided by any enabled plugin.
class DOWNSTREAM_API ServiceMissing : public Error {
public:
  using Error::Error;
  ~ServiceMissing() override;
};

}  // namespace downstream
