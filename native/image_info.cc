// The SDK's result structs of image management and PCI as JavaScript, shaped
// by the literals below (shaped.h). Each writer writes the fields in the order
// its shape reads them; the structs are packed, so fields are passed by value.
#include "image_info.h"

#include <cstring>  // strnlen

#include "shaped.h"

namespace {

const ShapeId kResourceMap = RegisterShape("resourceMap", R"js(() => ({
  vendorId: num(),
  deviceId: num(),
  subsystemDeviceId: num(),
  subsystemVendorId: num(),
  domain: num(),
  bus: num(),
  dev: num(),
  func: num(),
  bars: list(() => ({ size: wide(), burstable: flag() })),
}))js");

void WriteResourceMap(ShapeWriter& out, const fpga_pci_resource_map& map) {
  out.Number(map.vendor_id);
  out.Number(map.device_id);
  out.Number(map.subsystem_device_id);
  out.Number(map.subsystem_vendor_id);
  out.Number(map.domain);
  out.Number(map.bus);
  out.Number(map.dev);
  out.Number(map.func);
  out.Count(FPGA_BAR_PER_PF_MAX);
  for (uint32_t i = 0; i < FPGA_BAR_PER_PF_MAX; i++) {
    out.Wide(map.resource_size[i]);
    out.Flag(map.resource_burstable[i]);
  }
}

const ShapeId kSlotSpec = RegisterShape("slotSpec", "() => ({ app: resourceMap(), mgmt: resourceMap() })");

void WriteSlotSpec(ShapeWriter& out, const fpga_slot_spec& spec) {
  WriteResourceMap(out, spec.map[FPGA_APP_PF]);
  WriteResourceMap(out, spec.map[FPGA_MGMT_PF]);
}

// f2_metrics_common; 64-bit fields become bigint. Read only within imageInfo.
[[maybe_unused]] const ShapeId kF2Metrics = RegisterShape("f2Metrics", R"js(() => ({
  intStatus: num(),
  pcimAxiProtocolErrorStatus: num(),
  pcimRangeErrorAddr: wide(),
  pcimRangeErrorCount: num(),
  pcimAxiProtocolErrorAddr: wide(),
  pcimAxiProtocolErrorCount: num(),
  pcimWriteCount: wide(),
  pcimReadCount: wide(),
  dmaPcisTimeoutAddr: wide(),
  dmaPcisTimeoutCount: num(),
  oclSlaveTimeoutAddr: num(),
  oclSlaveTimeoutCount: num(),
  sdaSlaveTimeoutAddr: wide(),
  sdaSlaveTimeoutCount: num(),
  virtualJtagSlaveTimeoutAddr: num(),
  virtualJtagSlaveTimeoutCount: num(),
  virtualJtagWriteCount: num(),
  virtualJtagReadCount: num(),
  ddrIfs: list(() => ({ writeCount: wide(), readCount: wide() })),
  clocks: list(() => list(wide)),
  powerMean: wide(),
  powerMax: wide(),
  power: wide(),
  cachedAgfis: list(wide),
  flags: wide(),
}))js");

void WriteF2Metrics(ShapeWriter& out, const f2_metrics_common& m) {
  out.Number(m.int_status);
  out.Number(m.pcim_axi_protocol_error_status);
  out.Wide(m.pcim_range_error_addr);
  out.Number(m.pcim_range_error_count);
  out.Wide(m.pcim_axi_protocol_error_addr);
  out.Number(m.pcim_axi_protocol_error_count);
  out.Wide(m.pcim_write_count);
  out.Wide(m.pcim_read_count);
  out.Wide(m.dma_pcis_timeout_addr);
  out.Number(m.dma_pcis_timeout_count);
  out.Number(m.ocl_slave_timeout_addr);
  out.Number(m.ocl_slave_timeout_count);
  out.Wide(m.sda_slave_timeout_addr);
  out.Number(m.sda_slave_timeout_count);
  out.Number(m.virtual_jtag_slave_timeout_addr);
  out.Number(m.virtual_jtag_slave_timeout_count);
  out.Number(m.virtual_jtag_write_count);
  out.Number(m.virtual_jtag_read_count);
  out.Count(F2_DDR_IFS_MAX);
  for (uint32_t i = 0; i < F2_DDR_IFS_MAX; i++) {
    out.Wide(m.ddr_ifs[i].write_count);
    out.Wide(m.ddr_ifs[i].read_count);
  }
  out.Count(FPGA_MMCM_GROUP_MAX);
  for (uint32_t group = 0; group < FPGA_MMCM_GROUP_MAX; group++) {
    out.Count(FPGA_MMCM_OUT_CLKS_MAX);
    for (uint32_t i = 0; i < FPGA_MMCM_OUT_CLKS_MAX; i++) out.Wide(m.clocks[group].frequency[i]);
  }
  out.Wide(m.power_mean);
  out.Wide(m.power_max);
  out.Wide(m.power);
  out.Count(FPGA_CACHED_AGFIS_MAX);
  for (uint32_t i = 0; i < FPGA_CACHED_AGFIS_MAX; i++) out.Wide(m.cached_agfis[i]);
  out.Wide(m.flags);
}

// The AFI id is the argument: the arrays carry no strings.
const ShapeId kImageInfo = RegisterShape("imageInfo", R"js((afiId) => ({
  status: num(),
  statusQ: num(),
  slotId: num(),
  afiId,
  afiDeviceIds: { vendorId: num(), deviceId: num(), subsystemVendorId: num(), subsystemDeviceId: num() },
  spec: slotSpec(),
  shVersion: num(),
  metrics: f2Metrics(),
}))js");

// The id up to its terminator, never past the field even if the SDK left none.
Napi::String AfiId(Napi::Env env, const char (&id)[AFI_ID_STR_MAX]) {
  return Napi::String::New(env, id, strnlen(id, AFI_ID_STR_MAX));
}

}  // namespace

Napi::Object ResourceMap(Napi::Env env, const fpga_pci_resource_map& map) {
  return ResultShapes::Build(env, kResourceMap, [&](ShapeWriter& out) { WriteResourceMap(out, map); }).As<Napi::Object>();
}

Napi::Object SlotSpec(Napi::Env env, const fpga_slot_spec& spec) {
  return ResultShapes::Build(env, kSlotSpec, [&](ShapeWriter& out) { WriteSlotSpec(out, spec); }).As<Napi::Object>();
}

Napi::Object ImageInfo(Napi::Env env, const fpga_mgmt_image_info& info) {
  auto write = [&](ShapeWriter& out) {
    out.Number(info.status);
    out.Number(info.status_q);
    out.Number(info.slot_id);
    const afi_device_ids ids = info.ids.afi_device_ids;
    out.Number(ids.vendor_id);
    out.Number(ids.device_id);
    out.Number(ids.svid);
    out.Number(ids.ssid);
    WriteSlotSpec(out, info.spec);
    out.Number(info.sh_version);
    WriteF2Metrics(out, info.metrics.f2_metrics);
  };
  return ResultShapes::Build(env, kImageInfo, write, AfiId(env, info.ids.afi_id)).As<Napi::Object>();
}
