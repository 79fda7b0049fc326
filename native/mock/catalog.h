// The AFIs the simulated service knows, and the AGFI id format.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "../sdk_abi.h"
#include "declared_cl.h"

namespace fpga_mock {

// The F2 shell the simulated instance runs (hdk/common/shell_stable).
constexpr uint32_t kShellVersion = 0x10212415;

// The CL logic a simulated AFI carries beyond plain BAR memory.
enum class ClDesign { kPlain, kMemPerf };

struct AfiEntry {
  std::string id;
  afi_device_ids ids{};  // the app PF's ids once loaded
  uint32_t sh_version = kShellVersion;
  uint32_t power_watts = 0;  // Vccint draw while loaded
  bool has_clkgen = false;   // carries AWS_CLK_GEN
  ClDesign design = ClDesign::kPlain;
  int load_fails_with = 0;  // non-zero: every load ends load-failed with this status_q
  std::shared_ptr<const DeclaredModel> model;  // registers declared for the CL, if any
};

// "agfi-" followed by 17 lowercase hex digits.
bool well_formed_afi_id(const std::string& id);
// The id as cached_agfis holds it (its hex digits as a number), when it fits 64 bits.
bool afi_id_number(const std::string& id, uint64_t* number);

class Catalog {
 public:
  static Catalog& get();
  std::optional<AfiEntry> find(const std::string& id) const;
  // Adds or replaces an AFI; -EINVAL unless its id is well formed and fits cached_agfis.
  int add(const AfiEntry& afi);
  // Gives a known AFI its model (null: none); -ENOENT for an id the catalog lacks.
  int set_model(const std::string& id, std::shared_ptr<const DeclaredModel> model);
  // Back to the built-in AFIs only.
  void reset();

 private:
  Catalog();
  mutable std::mutex mutex_;
  std::map<std::string, AfiEntry> afis_;
};

}  // namespace fpga_mock
