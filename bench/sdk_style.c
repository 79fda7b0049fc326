/* Bulk copies the way the SDK's fpga_pci_write_burst and fpga_pci_memset make
 * them: a loop of 32-bit stores through a plain uint32_t pointer. The SDK's
 * Makefiles build without optimisation, so c-baseline.ts compiles this file
 * at -O0, apart from the rest of the baseline. */
#include <stdint.h>

void sdk_style_write(uint32_t *to, const uint32_t *from, uint64_t dwords) {
  for (uint64_t i = 0; i < dwords; ++i) to[i] = from[i];
}

void sdk_style_fill(uint32_t *to, uint32_t value, uint64_t dwords) {
  for (uint64_t i = 0; i < dwords; ++i) to[i] = value;
}
