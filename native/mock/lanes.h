// How an access of 1, 2, 4 or 8 bytes maps onto the 32-bit registers it
// touches: shared by every model of 32-bit registers.
#pragma once

#include <cstdint>

namespace fpga_mock {

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

// The register's lanes of an access value, in register position.
inline uint32_t register_bits(uint64_t access_value, uint32_t lanes, int shift) {
  return static_cast<uint32_t>(shift >= 0 ? access_value >> shift : access_value << -shift) & lanes;
}

// The register's lanes placed at their position in the access value.
inline uint64_t access_bits(uint32_t register_value, uint32_t lanes, int shift) {
  const uint64_t bits = register_value & lanes;
  return shift >= 0 ? bits << shift : bits >> -shift;
}

inline uint64_t all_ones(unsigned width) { return width >= 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * width)) - 1; }

}  // namespace fpga_mock
