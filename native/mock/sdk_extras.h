// SDK symbols the binding does not call but the simulated device still
// exports, so that C programs written against the SDK link against it.
#pragma once

#include "../sdk_abi.h"

extern "C" {
int fpga_mgmt_load_local_image_sync(int slot_id, char* afi_id, uint32_t timeout, uint32_t delay_msec,
                                    struct fpga_mgmt_image_info* info);
}
