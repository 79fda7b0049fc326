#include "catalog.h"

#include <cerrno>

namespace fpga_mock {

namespace {

constexpr size_t kPrefixLength = 5;  // "agfi-"
constexpr size_t kHexDigits = 17;

// Ids from the HDK examples' cl_id_defines.vh and READMEs; the power draws are
// this simulation's choice of typical values.
std::map<std::string, AfiEntry> builtin_afis() {
  AfiEntry sde;  // the Streaming Data Engine example, cl_sde
  sde.id = "agfi-0925b211f5a81b071";
  sde.ids = {0x1d0f, 0xf002, 0xfedc, 0x1d51};
  sde.power_watts = 24;

  AfiEntry mem_perf;  // CL_MEM_PERF, with AWS_CLK_GEN
  mem_perf.id = "agfi-080817d089f3cd2ed";
  mem_perf.ids = {0x1d0f, 0xf004, 0xfedc, 0x1d51};
  mem_perf.power_watts = 37;
  mem_perf.has_clkgen = true;
  mem_perf.design = ClDesign::kMemPerf;

  return {{sde.id, sde}, {mem_perf.id, mem_perf}};
}

}  // namespace

bool well_formed_afi_id(const std::string& id) {
  if (id.size() != kPrefixLength + kHexDigits || id.compare(0, kPrefixLength, "agfi-") != 0) return false;
  for (size_t i = kPrefixLength; i < id.size(); i++) {
    const char c = id[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool afi_id_number(const std::string& id, uint64_t* number) {
  // 17 digits fit 64 bits only with a leading zero, as every AGFI id has.
  if (!well_formed_afi_id(id) || id[kPrefixLength] != '0') return false;
  *number = std::stoull(id.substr(kPrefixLength), nullptr, 16);
  return true;
}

Catalog& Catalog::get() {
  static Catalog catalog;
  return catalog;
}

Catalog::Catalog() : afis_(builtin_afis()) {}

std::optional<AfiEntry> Catalog::find(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = afis_.find(id);
  if (found == afis_.end()) return std::nullopt;
  return found->second;
}

int Catalog::add(const AfiEntry& afi) {
  uint64_t number;
  if (!afi_id_number(afi.id, &number)) return -EINVAL;
  std::lock_guard<std::mutex> lock(mutex_);
  afis_[afi.id] = afi;
  return 0;
}

int Catalog::set_model(const std::string& id, std::shared_ptr<const DeclaredModel> model) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto found = afis_.find(id);
  if (found == afis_.end()) return -ENOENT;
  found->second.model = std::move(model);
  return 0;
}

void Catalog::reset() {
  std::lock_guard<std::mutex> lock(mutex_);
  afis_ = builtin_afis();
}

}  // namespace fpga_mock
