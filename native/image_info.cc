#include "image_info.h"

#include <cstring>  // strnlen

namespace {

// The SDK's structs are packed: fields are passed by value, never bound to references.
Napi::Value U32(Napi::Env env, uint32_t value) { return Napi::Number::New(env, value); }
Napi::Value U64(Napi::Env env, uint64_t value) { return Napi::BigInt::New(env, value); }

// `count` 64-bit values read by `at(i)` (by value: packed arrays give no aligned pointer).
template <typename At>
Napi::Array U64Array(Napi::Env env, uint32_t count, At at) {
  Napi::Array result = Napi::Array::New(env, count);
  for (uint32_t i = 0; i < count; i++) result.Set(i, U64(env, at(i)));
  return result;
}

// The id up to its terminator, never past the field even if the SDK left none.
Napi::String AfiId(Napi::Env env, const char (&id)[AFI_ID_STR_MAX]) {
  return Napi::String::New(env, id, strnlen(id, AFI_ID_STR_MAX));
}

Napi::Object AfiDeviceIds(Napi::Env env, const afi_device_ids& ids) {
  Napi::Object result = Napi::Object::New(env);
  result.Set("vendorId", U32(env, ids.vendor_id));
  result.Set("deviceId", U32(env, ids.device_id));
  result.Set("subsystemVendorId", U32(env, ids.svid));
  result.Set("subsystemDeviceId", U32(env, ids.ssid));
  return result;
}

Napi::Object F2Metrics(Napi::Env env, const f2_metrics_common& m) {
  Napi::Object result = Napi::Object::New(env);
  result.Set("intStatus", U32(env, m.int_status));
  result.Set("pcimAxiProtocolErrorStatus", U32(env, m.pcim_axi_protocol_error_status));
  result.Set("pcimRangeErrorAddr", U64(env, m.pcim_range_error_addr));
  result.Set("pcimRangeErrorCount", U32(env, m.pcim_range_error_count));
  result.Set("pcimAxiProtocolErrorAddr", U64(env, m.pcim_axi_protocol_error_addr));
  result.Set("pcimAxiProtocolErrorCount", U32(env, m.pcim_axi_protocol_error_count));
  result.Set("pcimWriteCount", U64(env, m.pcim_write_count));
  result.Set("pcimReadCount", U64(env, m.pcim_read_count));
  result.Set("dmaPcisTimeoutAddr", U64(env, m.dma_pcis_timeout_addr));
  result.Set("dmaPcisTimeoutCount", U32(env, m.dma_pcis_timeout_count));
  result.Set("oclSlaveTimeoutAddr", U32(env, m.ocl_slave_timeout_addr));
  result.Set("oclSlaveTimeoutCount", U32(env, m.ocl_slave_timeout_count));
  result.Set("sdaSlaveTimeoutAddr", U64(env, m.sda_slave_timeout_addr));
  result.Set("sdaSlaveTimeoutCount", U32(env, m.sda_slave_timeout_count));
  result.Set("virtualJtagSlaveTimeoutAddr", U32(env, m.virtual_jtag_slave_timeout_addr));
  result.Set("virtualJtagSlaveTimeoutCount", U32(env, m.virtual_jtag_slave_timeout_count));
  result.Set("virtualJtagWriteCount", U32(env, m.virtual_jtag_write_count));
  result.Set("virtualJtagReadCount", U32(env, m.virtual_jtag_read_count));

  Napi::Array ddr = Napi::Array::New(env, F2_DDR_IFS_MAX);
  for (uint32_t i = 0; i < F2_DDR_IFS_MAX; i++) {
    Napi::Object counters = Napi::Object::New(env);
    counters.Set("writeCount", U64(env, m.ddr_ifs[i].write_count));
    counters.Set("readCount", U64(env, m.ddr_ifs[i].read_count));
    ddr.Set(i, counters);
  }
  result.Set("ddrIfs", ddr);

  Napi::Array clocks = Napi::Array::New(env, FPGA_MMCM_GROUP_MAX);
  for (uint32_t group = 0; group < FPGA_MMCM_GROUP_MAX; group++)
    clocks.Set(group, U64Array(env, FPGA_MMCM_OUT_CLKS_MAX, [&](uint32_t i) { return m.clocks[group].frequency[i]; }));
  result.Set("clocks", clocks);

  result.Set("powerMean", U64(env, m.power_mean));
  result.Set("powerMax", U64(env, m.power_max));
  result.Set("power", U64(env, m.power));
  result.Set("cachedAgfis", U64Array(env, FPGA_CACHED_AGFIS_MAX, [&](uint32_t i) { return m.cached_agfis[i]; }));
  result.Set("flags", U64(env, m.flags));
  return result;
}

}  // namespace

Napi::Object ImageInfo(Napi::Env env, const fpga_mgmt_image_info& info) {
  Napi::Object result = Napi::Object::New(env);
  result.Set("status", Napi::Number::New(env, info.status));
  result.Set("statusQ", Napi::Number::New(env, info.status_q));
  result.Set("slotId", Napi::Number::New(env, info.slot_id));
  result.Set("afiId", AfiId(env, info.ids.afi_id));
  result.Set("afiDeviceIds", AfiDeviceIds(env, info.ids.afi_device_ids));
  result.Set("spec", SlotSpec(env, info.spec));
  result.Set("shVersion", U32(env, info.sh_version));
  result.Set("metrics", F2Metrics(env, info.metrics.f2_metrics));
  return result;
}
