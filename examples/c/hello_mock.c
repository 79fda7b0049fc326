/* A C program written against the AWS FPGA SDK's C API. Linked against
 * libfpga_mgmt.so.1 it runs on an F2 instance; given aws-fpga's simulated device
 * under that name, it runs anywhere (see "Installing and packaging" in README.md).
 * It writes a CL register and reads it back, then describes the slot. */
#include <inttypes.h>
#include <stdio.h>

#include "sdk_abi.h"

enum { SLOT = 0, OCL_BAR = 0 };
static const uint64_t REGISTER = 0x500;
static const uint32_t PATTERN = 0xcafef00d;

/* Reports a failed SDK call; returns nonzero when it failed. */
static int failed(const char* call, int rc) {
  if (rc != 0) fprintf(stderr, "%s: error %d (%s)\n", call, rc, fpga_mgmt_strerror(rc));
  return rc != 0;
}

static int poke_and_peek(void) {
  pci_bar_handle_t bar = PCI_BAR_HANDLE_INIT;
  if (failed("fpga_pci_attach", fpga_pci_attach(SLOT, FPGA_APP_PF, OCL_BAR, 0, &bar))) return 1;
  uint32_t value = 0;
  int rc = fpga_pci_poke(bar, REGISTER, PATTERN);
  if (rc == 0) rc = fpga_pci_peek(bar, REGISTER, &value);
  fpga_pci_detach(bar);
  if (failed("fpga_pci_poke/peek", rc)) return 1;
  printf("app PF BAR%d [0x%03" PRIx64 "] = 0x%08" PRIx32 "\n", OCL_BAR, REGISTER, value);
  if (value == PATTERN) return 0;
  fprintf(stderr, "read back 0x%08" PRIx32 ", wrote 0x%08" PRIx32 "\n", value, PATTERN);
  return 1;
}

static int describe_slot(void) {
  struct fpga_slot_spec spec;
  if (failed("fpga_pci_get_slot_spec", fpga_pci_get_slot_spec(SLOT, &spec))) return 1;
  const struct fpga_pci_resource_map* app = &spec.map[FPGA_APP_PF];
  printf("slot %d: app PF %04x:%02x:%02x.%x, vendor 0x%04x device 0x%04x, BAR4 %" PRIu64 " bytes\n", SLOT,
         app->domain, app->bus, app->dev, app->func, app->vendor_id, app->device_id, (uint64_t)app->resource_size[4]);

  struct fpga_mgmt_image_info info = {0};
  if (failed("fpga_mgmt_describe_local_image", fpga_mgmt_describe_local_image(SLOT, &info, 0))) return 1;
  printf("slot %d: AFI %s, %s\n", SLOT, info.ids.afi_id, fpga_mgmt_get_status_name(info.status));
  return 0;
}

int main(void) {
  if (failed("fpga_mgmt_init", fpga_mgmt_init())) return 1;
  int rc = poke_and_peek() || describe_slot();
  fpga_mgmt_close();
  return rc;
}
