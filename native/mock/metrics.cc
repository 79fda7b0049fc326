#include "metrics.h"

namespace fpga_mock {

namespace {

void saturating_add(uint64_t* counter, uint64_t n) { *counter = n > UINT64_MAX - *counter ? UINT64_MAX : *counter + n; }

}  // namespace

void Metrics::record_timeout(int pf, int bar, uint64_t offset) {
  // OCL is app PF BAR0, PCIS (dma-pcis) app PF BAR4, SDA mgmt PF BAR4.
  const bool ocl = pf == FPGA_APP_PF && bar == 0;
  Timeouts& t = ocl ? ocl_ : pf == FPGA_APP_PF ? pcis_ : sda_;
  int_status_ |= ocl                  ? FPGA_INT_STATUS_PCI_SLAVE_OCL_TIMEOUT
                 : pf == FPGA_APP_PF ? FPGA_INT_STATUS_PCI_SLAVE_TIMEOUT
                                     : FPGA_INT_STATUS_PCI_SLAVE_SDA_TIMEOUT;
  t.addr = offset;
  if (t.count != UINT32_MAX) t.count++;
}

void Metrics::add_pcim(uint64_t reads, uint64_t writes) {
  saturating_add(&pcim_reads_, reads);
  saturating_add(&pcim_writes_, writes);
}

void Metrics::set_power(uint64_t now_ms, uint32_t watts, bool restart) {
  if (restart) {
    since_ms_ = now_ms;
    energy_ = 0;
    max_watts_ = watts;
  } else {
    saturating_add(&energy_, static_cast<uint64_t>(watts_) * (now_ms - changed_ms_));
    if (watts > max_watts_) max_watts_ = watts;
  }
  changed_ms_ = now_ms;
  watts_ = watts;
}

void Metrics::report(uint64_t now_ms, bool gated, f2_metrics_common* out) const {
  out->int_status = int_status_;
  out->ocl_slave_timeout_addr = static_cast<uint32_t>(ocl_.addr);
  out->ocl_slave_timeout_count = ocl_.count;
  out->sda_slave_timeout_addr = sda_.addr;
  out->sda_slave_timeout_count = sda_.count;
  out->dma_pcis_timeout_addr = pcis_.addr;
  out->dma_pcis_timeout_count = pcis_.count;
  out->pcim_read_count = pcim_reads_;
  out->pcim_write_count = pcim_writes_;

  const uint64_t elapsed = now_ms - since_ms_;
  const uint64_t energy = energy_ + static_cast<uint64_t>(watts_) * (now_ms - changed_ms_);
  out->power = watts_;
  out->power_mean = elapsed == 0 ? watts_ : energy / elapsed;
  out->power_max = max_watts_;
  out->flags = gated ? 3 : watts_ > kPowerWarningWatts ? 2 : 0;
}

void Metrics::clear(uint64_t now_ms) {
  const uint32_t watts = watts_;
  *this = Metrics();
  set_power(now_ms, watts, true);
}

}  // namespace fpga_mock
