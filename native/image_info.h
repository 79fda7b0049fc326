// fpga_mgmt_image_info as JavaScript, field by field (with SlotSpec and
// ResourceMap of addon.h). The layout stays here; the names of statuses and
// the meaning of bits live in lib/describe.ts.
#pragma once

#include "addon.h"

// { status, statusQ, slotId, afiId, afiDeviceIds, spec, shVersion, metrics }:
// metrics are the F2 ones; 64-bit fields become bigint.
Napi::Object ImageInfo(Napi::Env env, const fpga_mgmt_image_info& info);
