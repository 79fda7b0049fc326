#include "image.h"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "device.h"

namespace fpga_mock {

namespace {

// A slot's AFI cache holds this many AFIs, like cached_agfis.
constexpr size_t kCacheSize = FPGA_CACHED_AGFIS_MAX;

uint64_t hz(double mhz) { return static_cast<uint64_t>(mhz * 1e6 + 0.5); }

// The FPGA is being reprogrammed or cleared: its CL and what it held go away.
void remove_cl(Slot& slot, uint64_t now_ms) {
  slot.cl.reset();
  slot.clocks_gated = false;
  slot.image.running.reset();
  slot.metrics.set_power(now_ms, 0, true);
  slot.bars[FPGA_APP_PF][0].zero();
  slot.bars[FPGA_APP_PF][4].zero();
  slot.bars[FPGA_MGMT_PF][4].zero();
  slot.set_leds(0);
}

void install_cl(Slot& slot, uint64_t now_ms, const AfiEntry& afi) {
  slot.cl = std::make_unique<LoadedCl>(afi, Device::get().clock(), slot);
  slot.image.running = afi;
  slot.metrics.set_power(now_ms, afi.power_watts, true);
  slot.set_leds(slot.cl->leds());
}

void add_to_cache(Image& image, const std::string& afi_id) {
  uint64_t number;
  if (!afi_id_number(afi_id, &number)) return;
  for (uint64_t cached : image.cached) {
    if (cached == number) return;
  }
  if (image.cached.size() == kCacheSize) image.cached.pop_front();
  image.cached.push_back(number);
}

void complete(Slot& slot) {
  Image& image = slot.image;
  const uint64_t at = image.op_done_ms;
  const Image::Op op = image.op;
  image.op = Image::Op::kNone;
  const afi_device_ids ids = image.op_afi ? image.op_afi->ids : default_app_pf_ids();
  if (op == Image::Op::kClear) {
    image.report = {FPGA_STATUS_CLEARED, FPGA_ERR_OK, "", default_app_pf_ids()};
  } else if (image.op_fails_with != FPGA_ERR_OK) {
    remove_cl(slot, at);  // a failed prefetch ends like a failed load
    image.report = {FPGA_STATUS_LOAD_FAILED, image.op_fails_with, image.op_afi_id, ids};
  } else {
    add_to_cache(image, image.op_afi_id);
    if (op == Image::Op::kLoad) {
      install_cl(slot, at, *image.op_afi);
      image.report = {FPGA_STATUS_LOADED, FPGA_ERR_OK, image.op_afi_id, ids};
    } else {
      image.report = image.before_prefetch;
    }
  }
  if (image.forced_outcome) {
    image.report.status = image.forced_outcome->status;
    image.report.status_q = image.forced_outcome->status_q;
    if (image.forced_outcome->afi_id) image.report.afi_id = *image.forced_outcome->afi_id;
    image.forced_outcome.reset();
  }
}

}  // namespace

void reset_image(Slot& slot) {
  slot.image = Image();
  slot.image.report.ids = default_app_pf_ids();
}

void settle(Slot& slot, uint64_t now_ms) {
  if (slot.image.op != Image::Op::kNone && now_ms >= slot.image.op_done_ms) complete(slot);
}

int begin_load(Slot& slot, uint64_t now_ms, const std::string& afi_id, uint32_t flags, uint32_t load_ms) {
  Image& image = slot.image;
  if (image.busy()) return FPGA_ERR_AFI_CMD_BUSY;
  if (!well_formed_afi_id(afi_id)) return FPGA_ERR_AFI_ID_INVALID;
  image.op_afi = Catalog::get().find(afi_id);
  image.op_afi_id = afi_id;
  image.op_done_ms = now_ms + load_ms;
  if (!image.op_afi) {
    image.op_fails_with = FPGA_ERR_AFI_ID_INVALID;
  } else if (image.op_afi->load_fails_with != 0) {
    image.op_fails_with = image.op_afi->load_fails_with;
  } else if (image.op_afi->sh_version != kShellVersion) {
    image.op_fails_with = FPGA_ERR_SHELL_MISMATCH;
  } else {
    image.op_fails_with = FPGA_ERR_OK;
  }
  if (flags & FPGA_CMD_PREFETCH) {
    image.op = Image::Op::kPrefetch;
    image.before_prefetch = image.report;
    image.report.status = FPGA_STATUS_BUSY;
    image.report.status_q = FPGA_ERR_OK;
  } else {
    image.op = Image::Op::kLoad;
    remove_cl(slot, now_ms);
    image.report = {FPGA_STATUS_BUSY, FPGA_ERR_OK, afi_id, image.op_afi ? image.op_afi->ids : default_app_pf_ids()};
  }
  return 0;
}

int begin_clear(Slot& slot, uint64_t now_ms, uint32_t clear_ms) {
  Image& image = slot.image;
  if (image.busy()) return FPGA_ERR_AFI_CMD_BUSY;
  remove_cl(slot, now_ms);
  image.op = Image::Op::kClear;
  image.op_done_ms = now_ms + clear_ms;
  image.report.status = FPGA_STATUS_BUSY;
  image.report.status_q = FPGA_ERR_OK;
  return 0;
}

void describe(Slot& slot, uint64_t now_ms, uint32_t flags, fpga_mgmt_image_info* info) {
  const Image& image = slot.image;
  std::memset(info, 0, sizeof(*info));
  info->status = image.held_busy ? FPGA_STATUS_BUSY : image.report.status;
  info->status_q = image.held_busy ? FPGA_ERR_OK : image.report.status_q;
  info->slot_id = slot.index;
  std::snprintf(info->ids.afi_id, sizeof(info->ids.afi_id), "%s",
                image.report.afi_id.empty() ? "none" : image.report.afi_id.c_str());
  info->ids.afi_device_ids = image.report.ids;

  if (flags & (FPGA_CMD_GET_HW_METRICS | FPGA_CMD_CLEAR_HW_METRICS | FPGA_CMD_CLEAR_AFI_CACHE)) {
    f2_metrics_common m{};
    slot.metrics.report(now_ms, slot.clocks_gated, &m);
    // Gated clocks do not run; without a CL only the shell's clk_main_a0 does.
    const ClockOutputs c = slot.clocks_gated ? ClockOutputs() : slot.cl ? slot.cl->clocks() : shell_clock_outputs();
    const double group_a[] = {c.mhz[ClockOutputs::kMainA0], c.mhz[ClockOutputs::kA1], c.mhz[ClockOutputs::kA2],
                              c.mhz[ClockOutputs::kA3]};
    for (int i = 0; i < 4; i++) m.clocks[0].frequency[i] = hz(group_a[i]);
    m.clocks[1].frequency[0] = hz(c.mhz[ClockOutputs::kB0]);
    m.clocks[1].frequency[1] = hz(c.mhz[ClockOutputs::kB1]);
    m.clocks[2].frequency[0] = hz(c.mhz[ClockOutputs::kC0]);
    m.clocks[2].frequency[1] = hz(c.mhz[ClockOutputs::kC1]);
    for (size_t i = 0; i < image.cached.size(); i++) m.cached_agfis[i] = image.cached[i];
    info->metrics.f2_metrics = m;
  }
  if (flags & FPGA_CMD_CLEAR_HW_METRICS) slot.metrics.clear(now_ms);
  if (flags & FPGA_CMD_CLEAR_AFI_CACHE) slot.image.cached.clear();
}

int power_violation(Slot& slot, uint64_t now_ms) {
  Image& image = slot.image;
  if (image.op != Image::Op::kNone) return -EBUSY;
  if (!image.running || image.report.status != FPGA_STATUS_LOADED) return -EINVAL;
  slot.clocks_gated = true;
  slot.metrics.set_power(now_ms, 0, false);  // the CL no longer switches
  image.report.status = FPGA_STATUS_LOAD_FAILED;
  image.report.status_q = FPGA_ERR_POWER_VIOLATION;
  return 0;
}

void force_report(Slot& slot, const ForcedReport& forced) { slot.image.forced_outcome = forced; }

afi_device_ids app_pf_ids(const Slot& slot) {
  return slot.image.running ? slot.image.running->ids : default_app_pf_ids();
}

}  // namespace fpga_mock
