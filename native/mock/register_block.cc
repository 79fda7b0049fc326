#include "cl_model.h"

namespace fpga_mock {

namespace {

// Calls fn(register offset, byte lanes of the access within it, bit position of
// the register relative to the access: negative when the access starts inside it).
template <typename Fn>
void for_each_register(uint64_t offset, unsigned width, Fn fn) {
  const uint64_t end = offset + width;
  for (uint64_t reg = offset & ~uint64_t{3}; reg < end; reg += 4) {
    uint32_t lanes = 0;
    for (unsigned b = 0; b < 4; b++) {
      if (reg + b >= offset && reg + b < end) lanes |= 0xffu << (8 * b);
    }
    fn(reg, lanes, reg >= offset ? 8 * static_cast<int>(reg - offset) : -8 * static_cast<int>(offset - reg));
  }
}

}  // namespace

bool RegisterBlock::read(int pf, int bar, uint64_t offset, unsigned width, uint64_t* value) {
  if (!claims(pf, bar, offset)) return false;
  uint64_t result = 0;
  for_each_register(offset, width, [&](uint64_t reg, uint32_t lanes, int shift) {
    const uint64_t bits = read32(reg) & lanes;
    result |= shift >= 0 ? bits << shift : bits >> -shift;
  });
  *value = result;
  return true;
}

bool RegisterBlock::write(int pf, int bar, uint64_t offset, unsigned width, uint64_t value) {
  if (!claims(pf, bar, offset)) return false;
  for_each_register(offset, width, [&](uint64_t reg, uint32_t lanes, int shift) {
    const uint32_t bits = static_cast<uint32_t>(shift >= 0 ? value >> shift : value << -shift) & lanes;
    write32(reg, lanes == 0xffffffffu ? bits : (read32(reg) & ~lanes) | bits);
  });
  return true;
}

}  // namespace fpga_mock
