// The C ABI of the AWS FPGA SDK (libfpga_mgmt.so.1) as this package uses it:
// the structs, the function prototypes, and X-macro lists of the symbols the
// run-time loader resolves. Declared once; the simulated device implements the
// same prototypes, so the compiler checks both against this file.
#pragma once

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
#include <cstddef>
extern "C" {
#else
#include <stdbool.h>
#endif

enum {
  FPGA_SLOT_MAX = 8,
  FPGA_PF_MAX = 2,
  FPGA_BAR_PER_PF_MAX = 5,
  AFI_ID_STR_MAX = 64,
  F2_DDR_IFS_MAX = 1,
  FPGA_MMCM_GROUP_MAX = 3,
  FPGA_MMCM_OUT_CLKS_MAX = 7,
  FPGA_CACHED_AGFIS_MAX = 16,
  FPGA_CLKGEN_GROUP_CLKS_MAX = 3,
};

enum { FPGA_APP_PF = 0, FPGA_MGMT_PF = 1 };
enum { BURST_CAPABLE = 0x1 };
enum { PCI_BAR_HANDLE_INIT = -1 };

enum {
  FPGA_CMD_RSVD = 1 << 0,
  FPGA_CMD_GET_HW_METRICS = 1 << 1,
  FPGA_CMD_CLEAR_HW_METRICS = 1 << 2,
  FPGA_CMD_FORCE_SHELL_RELOAD = 1 << 3,
  FPGA_CMD_DRAM_DATA_RETENTION = 1 << 4,
  FPGA_CMD_EXTENDED_METRICS_SIZE = 1 << 6,
  FPGA_CMD_PREFETCH = 1 << 7,
  FPGA_CMD_CLEAR_AFI_CACHE = 1 << 8,
};

enum {
  FPGA_STATUS_LOADED = 0,
  FPGA_STATUS_CLEARED = 1,
  FPGA_STATUS_BUSY = 2,
  FPGA_STATUS_NOT_PROGRAMMED = 3,
  FPGA_STATUS_CACHING_AFI = 4,
  FPGA_STATUS_LOADING_RL = 5,
  FPGA_STATUS_LOAD_FAILED = 7,
};

enum {
  FPGA_ERR_OK = 0,
  FPGA_ERR_AFI_CMD_BUSY = 3,
  FPGA_ERR_AFI_ID_INVALID = 5,
  FPGA_ERR_AFI_LOAD_TIMEOUT = 6,
  FPGA_ERR_AFI_CMD_API_VERSION_INVALID = 11,
  FPGA_ERR_CL_ID_MISMATCH = 12,
  FPGA_ERR_CL_DDR_CALIB_FAILED = 13,
  FPGA_ERR_FAIL = 14,
  FPGA_ERR_SHELL_MISMATCH = 16,
  FPGA_ERR_POWER_VIOLATION = 17,
  FPGA_ERR_DRAM_DATA_RETENTION_NOT_POSSIBLE = 18,
  FPGA_ERR_HARDWARE_BUSY = 19,
  FPGA_ERR_PCI_MISSING = 20,
  FPGA_ERR_AFI_CMD_MALFORMED = 21,
  FPGA_ERR_DRAM_DATA_RETENTION_FAILED = 22,
  FPGA_ERR_DRAM_DATA_RETENTION_SETUP_FAILED = 23,
  FPGA_ERR_SOFTWARE_PROBLEM = 24,
  FPGA_ERR_UNRESPONSIVE = 25,
  FPGA_ERR_RL_RELOAD_NEEDED_DROP_PCI_LINK = 26,
  FPGA_ERR_INCOMPATIBLE_AFI_CMD_FLAGS = 27,
  FPGA_ERR_INVALID_CLKGEN_INPUTS = 28,
  FPGA_ERR_CLKGEN_NOT_FOUND = 29,
};

// int_status bits of the F2 metrics.
enum {
  FPGA_INT_STATUS_CHIPSCOPE_TIMEOUT = 1 << 1,
  FPGA_INT_STATUS_DMA_RANGE_ERROR = 1 << 7,
  FPGA_INT_STATUS_PCI_SLAVE_TIMEOUT = 1 << 17,
  FPGA_INT_STATUS_PCI_RANGE_ERROR = 1 << 18,
  FPGA_INT_STATUS_PCI_AXI_PROTOCOL_ERROR = 1 << 19,
  FPGA_INT_STATUS_PCI_SLAVE_SDA_TIMEOUT = 1 << 27,
  FPGA_INT_STATUS_PCI_SLAVE_OCL_TIMEOUT = 1 << 28,
};

#pragma pack(push, 1)

struct fpga_pci_resource_map {
  uint16_t vendor_id;
  uint16_t device_id;
  uint16_t subsystem_device_id;
  uint16_t subsystem_vendor_id;
  uint16_t domain;
  uint8_t bus;
  uint8_t dev;
  uint8_t func;
  bool resource_burstable[FPGA_BAR_PER_PF_MAX];
  uint64_t resource_size[FPGA_BAR_PER_PF_MAX];
};

struct fpga_slot_spec {
  struct fpga_pci_resource_map map[FPGA_PF_MAX];
};

struct afi_device_ids {
  uint16_t vendor_id;
  uint16_t device_id;
  uint16_t svid;
  uint16_t ssid;
};

struct fpga_meta_ids {
  char afi_id[AFI_ID_STR_MAX];
  struct afi_device_ids afi_device_ids;
};

struct fpga_ddr_if_metrics_common {
  uint64_t write_count;
  uint64_t read_count;
};

struct fpga_clocks_common {
  uint64_t frequency[FPGA_MMCM_OUT_CLKS_MAX];
};

struct f2_metrics_common {
  uint32_t int_status;
  uint32_t pcim_axi_protocol_error_status;
  uint64_t pcim_range_error_addr;
  uint32_t pcim_range_error_count;
  uint64_t pcim_axi_protocol_error_addr;
  uint32_t pcim_axi_protocol_error_count;
  uint64_t pcim_write_count;
  uint64_t pcim_read_count;
  uint64_t dma_pcis_timeout_addr;
  uint32_t dma_pcis_timeout_count;
  uint32_t ocl_slave_timeout_addr;
  uint32_t ocl_slave_timeout_count;
  uint64_t sda_slave_timeout_addr;
  uint32_t sda_slave_timeout_count;
  uint32_t virtual_jtag_slave_timeout_addr;
  uint32_t virtual_jtag_slave_timeout_count;
  uint32_t virtual_jtag_write_count;
  uint32_t virtual_jtag_read_count;
  struct fpga_ddr_if_metrics_common ddr_ifs[F2_DDR_IFS_MAX];
  struct fpga_clocks_common clocks[FPGA_MMCM_GROUP_MAX];
  uint64_t power_mean;
  uint64_t power_max;
  uint64_t power;
  uint64_t cached_agfis[FPGA_CACHED_AGFIS_MAX];
  uint64_t flags;
};

// Only its size matters here: it sets the size of the metrics union.
struct f1_metrics_common {
  uint8_t opaque[504];
};

#pragma pack(pop)

struct fpga_mgmt_image_info {
  int status;
  int status_q;
  int slot_id;
  struct fpga_meta_ids ids;
  struct fpga_slot_spec spec;
  uint32_t sh_version;
  union {
    struct f1_metrics_common f1_metrics;
    struct f2_metrics_common f2_metrics;
  } metrics;
};

union fpga_mgmt_load_local_image_options {
  uint8_t reserved[1024];
  struct {
    int slot_id;
    char* afi_id;
    uint32_t flags;
    uint32_t clock_mains[FPGA_MMCM_GROUP_MAX];
  };
};

struct fpga_clkgen_group {
  double clocks[FPGA_CLKGEN_GROUP_CLKS_MAX];
};

struct fpga_clkgen_info {
  struct fpga_clkgen_group clock_group_a;
  struct fpga_clkgen_group clock_group_b;
  struct fpga_clkgen_group clock_group_c;
  struct fpga_clkgen_group clock_group_hbm;
};

typedef int pci_bar_handle_t;

// libfpga_mgmt
int fpga_mgmt_init(void);
int fpga_mgmt_close(void);
const char* fpga_mgmt_strerror(int err);
const char* fpga_mgmt_strerror_long(int err);
void fpga_mgmt_set_cmd_timeout(uint32_t value);
void fpga_mgmt_set_cmd_delay_msec(uint32_t value);
int fpga_mgmt_describe_local_image(int slot_id, struct fpga_mgmt_image_info* info, uint32_t flags);
int fpga_mgmt_get_status(int slot_id, int* status, int* status_q);
const char* fpga_mgmt_get_status_name(int status);
int fpga_mgmt_clear_local_image(int slot_id);
int fpga_mgmt_clear_local_image_sync(int slot_id, uint32_t timeout, uint32_t delay_msec,
                                     struct fpga_mgmt_image_info* info);
int fpga_mgmt_load_local_image(int slot_id, char* afi_id);
int fpga_mgmt_load_local_image_flags(int slot_id, char* afi_id, uint32_t flags);
int fpga_mgmt_load_local_image_sync_flags(int slot_id, char* afi_id, uint32_t flags, uint32_t timeout,
                                          uint32_t delay_msec, struct fpga_mgmt_image_info* info);
int fpga_mgmt_init_load_local_image_options(union fpga_mgmt_load_local_image_options* opt);
int fpga_mgmt_load_local_image_with_options(union fpga_mgmt_load_local_image_options* opt);
int fpga_mgmt_load_local_image_sync_with_options(union fpga_mgmt_load_local_image_options* opt,
                                                 uint32_t timeout, uint32_t delay_msec,
                                                 struct fpga_mgmt_image_info* info);
int fpga_mgmt_get_vLED_status(int slot_id, uint16_t* status);
int fpga_mgmt_set_vDIP(int slot_id, uint16_t value);
int fpga_mgmt_get_vDIP_status(int slot_id, uint16_t* value);

// libfpga_pci
int fpga_pci_init(void);
int fpga_pci_attach(int slot_id, int pf_id, int bar_id, uint32_t flags, pci_bar_handle_t* handle);
int fpga_pci_detach(pci_bar_handle_t handle);
int fpga_pci_poke(pci_bar_handle_t handle, uint64_t offset, uint32_t value);
int fpga_pci_poke8(pci_bar_handle_t handle, uint64_t offset, uint8_t value);
int fpga_pci_poke64(pci_bar_handle_t handle, uint64_t offset, uint64_t value);
int fpga_pci_write_burst(pci_bar_handle_t handle, uint64_t offset, uint32_t* datap, uint64_t dword_len);
int fpga_pci_peek(pci_bar_handle_t handle, uint64_t offset, uint32_t* value);
int fpga_pci_peek8(pci_bar_handle_t handle, uint64_t offset, uint8_t* value);
int fpga_pci_peek64(pci_bar_handle_t handle, uint64_t offset, uint64_t* value);
int fpga_pci_get_slot_spec(int slot_id, struct fpga_slot_spec* spec);
int fpga_pci_get_all_slot_specs(struct fpga_slot_spec spec_array[], int size);
int fpga_pci_get_resource_map(int slot_id, int pf_id, struct fpga_pci_resource_map* map);
int fpga_pci_rescan_slot_app_pfs(int slot_id);
int fpga_pci_get_address(pci_bar_handle_t handle, uint64_t offset, uint64_t len, void** ptr);
int fpga_pci_memset(pci_bar_handle_t handle, uint64_t offset, uint32_t value, uint64_t dword_len);

// clkgen
int aws_clkgen_get_dynamic(int slot_id, struct fpga_clkgen_info* info);
int aws_clkgen_set_recipe(int slot_id, uint32_t recipe_a, uint32_t recipe_b, uint32_t recipe_c,
                          uint32_t recipe_hbm, uint32_t reset);
int aws_clkgen_set_dynamic(int slot_id, uint32_t clk_a_freq, uint32_t clk_b_freq, uint32_t clk_c_freq,
                           uint32_t clk_hbm_freq, uint32_t reset);

#ifdef __cplusplus
}  // extern "C"

// Every symbol the run-time loader must find in the SDK library.
#define AWS_FPGA_SDK_FUNCTIONS(X)                    \
  X(fpga_mgmt_init)                                  \
  X(fpga_mgmt_close)                                 \
  X(fpga_mgmt_strerror)                              \
  X(fpga_mgmt_strerror_long)                         \
  X(fpga_mgmt_set_cmd_timeout)                       \
  X(fpga_mgmt_set_cmd_delay_msec)                    \
  X(fpga_mgmt_describe_local_image)                  \
  X(fpga_mgmt_get_status)                            \
  X(fpga_mgmt_get_status_name)                       \
  X(fpga_mgmt_clear_local_image)                     \
  X(fpga_mgmt_clear_local_image_sync)                \
  X(fpga_mgmt_load_local_image)                      \
  X(fpga_mgmt_load_local_image_flags)                \
  X(fpga_mgmt_load_local_image_sync_flags)           \
  X(fpga_mgmt_init_load_local_image_options)         \
  X(fpga_mgmt_load_local_image_with_options)         \
  X(fpga_mgmt_load_local_image_sync_with_options)    \
  X(fpga_mgmt_get_vLED_status)                       \
  X(fpga_mgmt_set_vDIP)                              \
  X(fpga_mgmt_get_vDIP_status)                       \
  X(fpga_pci_init)                                   \
  X(fpga_pci_attach)                                 \
  X(fpga_pci_detach)                                 \
  X(fpga_pci_poke)                                   \
  X(fpga_pci_poke8)                                  \
  X(fpga_pci_poke64)                                 \
  X(fpga_pci_write_burst)                            \
  X(fpga_pci_peek)                                   \
  X(fpga_pci_peek8)                                  \
  X(fpga_pci_peek64)                                 \
  X(fpga_pci_get_slot_spec)                          \
  X(fpga_pci_get_all_slot_specs)                     \
  X(fpga_pci_get_resource_map)                       \
  X(fpga_pci_rescan_slot_app_pfs)                    \
  X(fpga_pci_get_address)                            \
  X(fpga_pci_memset)                                 \
  X(aws_clkgen_get_dynamic)                          \
  X(aws_clkgen_set_recipe)                           \
  X(aws_clkgen_set_dynamic)

// Layout checks against the SDK headers (x86_64).
#define AWS_FPGA_ASSERT_LAYOUT(type, field, offset) \
  static_assert(offsetof(type, field) == (offset), #type "." #field " is at byte " #offset " in the SDK")

static_assert(sizeof(fpga_pci_resource_map) == 58, "fpga_pci_resource_map is 58 bytes");
AWS_FPGA_ASSERT_LAYOUT(fpga_pci_resource_map, vendor_id, 0);
AWS_FPGA_ASSERT_LAYOUT(fpga_pci_resource_map, device_id, 2);
AWS_FPGA_ASSERT_LAYOUT(fpga_pci_resource_map, subsystem_device_id, 4);
AWS_FPGA_ASSERT_LAYOUT(fpga_pci_resource_map, subsystem_vendor_id, 6);
AWS_FPGA_ASSERT_LAYOUT(fpga_pci_resource_map, domain, 8);
AWS_FPGA_ASSERT_LAYOUT(fpga_pci_resource_map, bus, 10);
AWS_FPGA_ASSERT_LAYOUT(fpga_pci_resource_map, dev, 11);
AWS_FPGA_ASSERT_LAYOUT(fpga_pci_resource_map, func, 12);
AWS_FPGA_ASSERT_LAYOUT(fpga_pci_resource_map, resource_burstable, 13);
AWS_FPGA_ASSERT_LAYOUT(fpga_pci_resource_map, resource_size, 18);
static_assert(sizeof(fpga_slot_spec) == 116, "fpga_slot_spec is 116 bytes");

static_assert(sizeof(afi_device_ids) == 8, "afi_device_ids is 8 bytes");
static_assert(sizeof(fpga_meta_ids) == 72, "fpga_meta_ids is 72 bytes");
AWS_FPGA_ASSERT_LAYOUT(fpga_meta_ids, afi_id, 0);
AWS_FPGA_ASSERT_LAYOUT(fpga_meta_ids, afi_device_ids, 64);

static_assert(sizeof(f2_metrics_common) == 440, "f2_metrics_common is 440 bytes");
AWS_FPGA_ASSERT_LAYOUT(f2_metrics_common, int_status, 0);
AWS_FPGA_ASSERT_LAYOUT(f2_metrics_common, pcim_axi_protocol_error_status, 4);
AWS_FPGA_ASSERT_LAYOUT(f2_metrics_common, pcim_range_error_addr, 8);
AWS_FPGA_ASSERT_LAYOUT(f2_metrics_common, pcim_range_error_count, 16);
AWS_FPGA_ASSERT_LAYOUT(f2_metrics_common, pcim_axi_protocol_error_addr, 20);
AWS_FPGA_ASSERT_LAYOUT(f2_metrics_common, pcim_axi_protocol_error_count, 28);
AWS_FPGA_ASSERT_LAYOUT(f2_metrics_common, pcim_write_count, 32);
AWS_FPGA_ASSERT_LAYOUT(f2_metrics_common, pcim_read_count, 40);
AWS_FPGA_ASSERT_LAYOUT(f2_metrics_common, dma_pcis_timeout_addr, 48);
AWS_FPGA_ASSERT_LAYOUT(f2_metrics_common, dma_pcis_timeout_count, 56);
AWS_FPGA_ASSERT_LAYOUT(f2_metrics_common, ocl_slave_timeout_addr, 60);
AWS_FPGA_ASSERT_LAYOUT(f2_metrics_common, ocl_slave_timeout_count, 64);
AWS_FPGA_ASSERT_LAYOUT(f2_metrics_common, sda_slave_timeout_addr, 68);
AWS_FPGA_ASSERT_LAYOUT(f2_metrics_common, sda_slave_timeout_count, 76);
AWS_FPGA_ASSERT_LAYOUT(f2_metrics_common, virtual_jtag_slave_timeout_addr, 80);
AWS_FPGA_ASSERT_LAYOUT(f2_metrics_common, virtual_jtag_slave_timeout_count, 84);
AWS_FPGA_ASSERT_LAYOUT(f2_metrics_common, virtual_jtag_write_count, 88);
AWS_FPGA_ASSERT_LAYOUT(f2_metrics_common, virtual_jtag_read_count, 92);
AWS_FPGA_ASSERT_LAYOUT(f2_metrics_common, ddr_ifs, 96);
AWS_FPGA_ASSERT_LAYOUT(f2_metrics_common, clocks, 112);
AWS_FPGA_ASSERT_LAYOUT(f2_metrics_common, power_mean, 280);
AWS_FPGA_ASSERT_LAYOUT(f2_metrics_common, power_max, 288);
AWS_FPGA_ASSERT_LAYOUT(f2_metrics_common, power, 296);
AWS_FPGA_ASSERT_LAYOUT(f2_metrics_common, cached_agfis, 304);
AWS_FPGA_ASSERT_LAYOUT(f2_metrics_common, flags, 432);
static_assert(sizeof(f1_metrics_common) == 504, "f1_metrics_common is 504 bytes");

static_assert(sizeof(fpga_mgmt_image_info) == 708, "fpga_mgmt_image_info is 708 bytes");
AWS_FPGA_ASSERT_LAYOUT(fpga_mgmt_image_info, status, 0);
AWS_FPGA_ASSERT_LAYOUT(fpga_mgmt_image_info, status_q, 4);
AWS_FPGA_ASSERT_LAYOUT(fpga_mgmt_image_info, slot_id, 8);
AWS_FPGA_ASSERT_LAYOUT(fpga_mgmt_image_info, ids, 12);
AWS_FPGA_ASSERT_LAYOUT(fpga_mgmt_image_info, spec, 84);
AWS_FPGA_ASSERT_LAYOUT(fpga_mgmt_image_info, sh_version, 200);
AWS_FPGA_ASSERT_LAYOUT(fpga_mgmt_image_info, metrics, 204);

static_assert(sizeof(fpga_mgmt_load_local_image_options) == 1024, "load options union is 1024 bytes");
AWS_FPGA_ASSERT_LAYOUT(fpga_mgmt_load_local_image_options, slot_id, 0);
AWS_FPGA_ASSERT_LAYOUT(fpga_mgmt_load_local_image_options, afi_id, 8);
AWS_FPGA_ASSERT_LAYOUT(fpga_mgmt_load_local_image_options, flags, 16);
AWS_FPGA_ASSERT_LAYOUT(fpga_mgmt_load_local_image_options, clock_mains, 20);

static_assert(sizeof(fpga_clkgen_info) == 96, "fpga_clkgen_info is 96 bytes");
AWS_FPGA_ASSERT_LAYOUT(fpga_clkgen_info, clock_group_b, 24);
AWS_FPGA_ASSERT_LAYOUT(fpga_clkgen_info, clock_group_c, 48);
AWS_FPGA_ASSERT_LAYOUT(fpga_clkgen_info, clock_group_hbm, 72);

#endif  // __cplusplus
