#pragma once
// The soci adapter and the api_probe test module, for the API layer's tests.
#include <downstream/testing/http_client.h>
#include <downstream/testing/installation.h>

namespace downstream::testing {

class ApiInstallation : public Installation {
public:
  explicit ApiInstallation(const std::string& extra_config = "")
      : Installation({.plugins = {"soci"}, .test_plugins = {"api_probe"}, .site_files = {}, .extra_config = extra_config}) {}
};

}  // namespace downstream::testing
