// aws_clkgen_* of the simulated device.
// PLACEHOLDER: every call answers software-problem until the clock generator lands.
#include "device.h"

extern "C" {

int aws_clkgen_get_dynamic(int, fpga_clkgen_info*) { return FPGA_ERR_SOFTWARE_PROBLEM; }
int aws_clkgen_set_recipe(int, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t) { return FPGA_ERR_SOFTWARE_PROBLEM; }
int aws_clkgen_set_dynamic(int, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t) { return FPGA_ERR_SOFTWARE_PROBLEM; }

}  // extern "C"
