// The PCI queries the simulated SDK makes of itself (describe reads the slot
// spec, the sync calls rescan), without the entry checks of the public calls:
// an injected fault fails the call it was aimed at, not one made inside another.
#pragma once

#include "../sdk_abi.h"

namespace fpga_mock {

int slot_spec(int slot_id, fpga_slot_spec* spec);
int resource_map(int slot_id, int pf_id, fpga_pci_resource_map* map);
int rescan_app_pfs(int slot_id);

}  // namespace fpga_mock
