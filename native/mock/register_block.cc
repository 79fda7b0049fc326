#include "cl_model.h"
#include "lanes.h"

namespace fpga_mock {

Answer RegisterBlock::read(int pf, int bar, uint64_t offset, unsigned width, uint64_t* value) {
  if (!claims(pf, bar, offset)) return Answer::kUnclaimed;
  uint64_t result = 0;
  for_each_register(offset, width, [&](uint64_t reg, uint32_t lanes, int shift) {
    result |= access_bits(read32(reg), lanes, shift);
  });
  *value = result;
  return Answer::kAnswered;
}

Answer RegisterBlock::write(int pf, int bar, uint64_t offset, unsigned width, uint64_t value) {
  if (!claims(pf, bar, offset)) return Answer::kUnclaimed;
  for_each_register(offset, width, [&](uint64_t reg, uint32_t lanes, int shift) {
    const uint32_t bits = register_bits(value, lanes, shift);
    write32(reg, lanes == 0xffffffffu ? bits : (read32(reg) & ~lanes) | bits);
  });
  return Answer::kAnswered;
}

}  // namespace fpga_mock
