// The controls of CL models (control.h): declaring one for an AFI, and the
// CL's own side of its slot (registers, vLEDs, vDIP, memory).
#include <cerrno>
#include <cstring>
#include <string>

#include "catalog.h"
#include "slot_access.h"

using fpga_mock::DeclaredCl;
using fpga_mock::Slot;

namespace {

// Runs fn(model) on the declared model the slot runs; -ENOENT without one.
template <typename Fn>
int with_declared(int slot_id, Fn fn) {
  return fpga_mock::with_cl_slot(slot_id, [&](Slot& slot) {
    DeclaredCl* declared = slot.cl ? slot.cl->declared() : nullptr;
    return declared != nullptr && fn(*declared) ? 0 : -ENOENT;
  });
}

bool cl_bar(int pf, int bar) { return (pf == FPGA_APP_PF && (bar == 0 || bar == 4)) || (pf == FPGA_MGMT_PF && bar == 4); }

}  // namespace

extern "C" {

int aws_fpga_mock_set_cl_model(const char* afi_id, const aws_fpga_mock_cl_model* model) {
  if (const int rc = fpga_mock::refuse_in_hook()) return rc;
  if (afi_id == nullptr) return -EINVAL;
  const std::string id(afi_id, strnlen(afi_id, AFI_ID_STR_MAX));
  std::shared_ptr<const fpga_mock::DeclaredModel> declared;
  if (model != nullptr) {
    const int rc = fpga_mock::DeclaredModel::create(*model, &declared);
    if (rc != 0) return rc;
  }
  const int rc = fpga_mock::Catalog::get().set_model(id, declared);
  if (rc != 0 && declared) declared->disown_context();
  return rc;
}

int aws_fpga_mock_cl_get_register(int slot_id, int pf, int bar, uint64_t offset, uint32_t* value) {
  if (value == nullptr) return -EINVAL;
  return with_declared(slot_id, [&](DeclaredCl& cl) { return cl.get(pf, bar, offset, value); });
}

int aws_fpga_mock_cl_set_register(int slot_id, int pf, int bar, uint64_t offset, uint32_t value) {
  return with_declared(slot_id, [&](DeclaredCl& cl) { return cl.set(pf, bar, offset, value); });
}

int aws_fpga_mock_cl_set_leds(int slot_id, uint16_t value) {
  return fpga_mock::with_cl_slot(slot_id, [&](Slot& slot) {
    slot.set_leds(value);
    return 0;
  });
}

int aws_fpga_mock_cl_get_vdip(int slot_id, uint16_t* value) {
  if (value == nullptr) return -EINVAL;
  return fpga_mock::with_cl_slot(slot_id, [&](Slot& slot) {
    uint64_t reg;
    slot.read_memory(FPGA_MGMT_PF, 0, fpga_mock::kVirtualDipReg, 4, &reg);
    *value = static_cast<uint16_t>(reg);
    return 0;
  });
}

// Plain memory, which needs no lock (BAR memory is mapped for the life of the process).
int aws_fpga_mock_cl_memory(int slot_id, int pf, int bar, uint64_t offset, uint64_t length, void** memory) {
  if (memory == nullptr || !cl_bar(pf, bar) || slot_id < 0 || slot_id >= FPGA_SLOT_MAX) return -EINVAL;
  Slot* slot = fpga_mock::Device::get().slot(slot_id);
  if (slot == nullptr) return -ENOENT;
  fpga_mock::BarMemory& bar_memory = slot->bars[pf][bar];
  if (offset > bar_memory.size() || length > bar_memory.size() - offset) return -EINVAL;
  uint8_t* base = bar_memory.base();
  if (base == nullptr) return -ENOMEM;
  *memory = base + offset;
  return 0;
}

}  // extern "C"
