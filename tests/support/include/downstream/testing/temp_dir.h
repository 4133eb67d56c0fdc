#pragma once
// A temporary folder removed with everything in it when the test ends.
#include <filesystem>
#include <string>

namespace downstream::testing {

class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  // Writes `content` to path()/relative (creating folders) and returns the full path.
  std::filesystem::path write(const std::string& relative, const std::string& content) const;

private:
  std::filesystem::path path_;
};

// Reads a whole file; throws std::runtime_error if it cannot.
std::string read_file(const std::filesystem::path& p);

}  // namespace downstream::testing
