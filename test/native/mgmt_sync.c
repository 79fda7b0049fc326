/* The synchronous load and clear calls: every way they end. */
#include "check.h"

/* The SDK polls at least 90000 times, at least 2 ms apart: 180 s of device time. */
#define SYNC_FLOOR_MS 180000u

static void loads_and_clears(void) {
  struct fpga_mgmt_image_info info;
  fresh_device(1, 4000, 2000);
  memset(&info, 0, sizeof(info));
  CHECK_EQ(fpga_mgmt_load_local_image_sync_flags(0, MEM_PERF, 0, 60000, 500, &info), 0);
  CHECK_EQ(info.status, FPGA_STATUS_LOADED);
  CHECK_EQ(info.status_q, 0);
  CHECK_EQ(info.slot_id, 0);
  CHECK_STR(info.ids.afi_id, MEM_PERF);
  CHECK_EQ_U(info.sh_version, 0x10212415);
  /* The remove and rescan made the app PF show the AFI's ids. */
  CHECK_EQ_U(info.spec.map[FPGA_APP_PF].vendor_id, 0x1d0f);
  CHECK_EQ_U(info.spec.map[FPGA_APP_PF].device_id, 0xf004);
  CHECK_EQ_U(info.spec.map[FPGA_APP_PF].subsystem_vendor_id, 0xfedc);
  CHECK_EQ_U(info.spec.map[FPGA_APP_PF].subsystem_device_id, 0x1d51);
  CHECK_EQ_U(info.spec.map[FPGA_MGMT_PF].device_id, 0x9248);
  struct fpga_pci_resource_map map;
  CHECK_EQ(fpga_pci_get_resource_map(0, FPGA_APP_PF, &map), 0);
  CHECK_EQ_U(map.device_id, 0xf004);

  /* Loading the same AFI again: nothing to rescan, same result. */
  CHECK_EQ(fpga_mgmt_load_local_image_sync(0, MEM_PERF, 0, 0, &info), 0);
  CHECK_EQ_U(info.spec.map[FPGA_APP_PF].device_id, 0xf004);

  /* Another AFI, through the options API and without an info struct. */
  union fpga_mgmt_load_local_image_options opt;
  CHECK_EQ(fpga_mgmt_init_load_local_image_options(&opt), 0);
  opt.slot_id = 0;
  opt.afi_id = SDE;
  opt.clock_mains[0] = 250;
  CHECK_EQ(fpga_mgmt_load_local_image_sync_with_options(&opt, 0, 0, NULL), 0);
  CHECK_EQ(fpga_pci_get_resource_map(0, FPGA_APP_PF, &map), 0);
  CHECK_EQ_U(map.device_id, 0xf002);

  /* Clear: the app PF goes back to the default ids. */
  memset(&info, 0, sizeof(info));
  CHECK_EQ(fpga_mgmt_clear_local_image_sync(0, 0, 0, &info), 0);
  CHECK_EQ(info.status, FPGA_STATUS_CLEARED);
  CHECK_STR(info.ids.afi_id, "none");
  CHECK_EQ_U(info.spec.map[FPGA_APP_PF].device_id, 0x9048);
  CHECK_EQ_U(info.spec.map[FPGA_APP_PF].subsystem_device_id, 0x9048);
  CHECK_EQ(fpga_mgmt_clear_local_image_sync(0, 0, 0, NULL), 0);
}

static void refused_at_start(void) {
  struct fpga_mgmt_image_info info;
  fresh_device(1, 4000, 2000);
  CHECK_EQ(fpga_mgmt_load_local_image_sync(0, "agfi-nonsense", 0, 0, &info), FPGA_ERR_AFI_ID_INVALID);
  CHECK_EQ(fpga_mgmt_load_local_image(0, SDE), 0);
  CHECK_EQ(fpga_mgmt_load_local_image_sync(0, MEM_PERF, 0, 0, &info), FPGA_ERR_AFI_CMD_BUSY);
  CHECK_EQ(fpga_mgmt_clear_local_image_sync(0, 0, 0, &info), FPGA_ERR_AFI_CMD_BUSY);
}

static void error_status_ends_the_wait(void) {
  struct fpga_mgmt_image_info info;
  fresh_device(1, 4000, 2000);
  /* load-failed: the call returns its status_q. */
  CHECK_EQ(fpga_mgmt_load_local_image_sync(0, "agfi-0123456789abcdef0", 0, 0, &info), FPGA_ERR_AFI_ID_INVALID);
  struct aws_fpga_mock_afi broken = {"agfi-00000000000000001", 0x1d0f, 0xf0aa, 0, 0, 0, 10, 0, FPGA_ERR_CL_ID_MISMATCH};
  CHECK_EQ(aws_fpga_mock_add_afi(&broken), 0);
  CHECK_EQ(fpga_mgmt_load_local_image_sync(0, "agfi-00000000000000001", 0, 0, &info), FPGA_ERR_CL_ID_MISMATCH);

  /* A power violation: load-failed, afi-power-violation; a clear ends it. */
  CHECK_EQ(fpga_mgmt_load_local_image_sync(0, SDE, 0, 0, NULL), 0);
  CHECK_EQ(aws_fpga_mock_power_violation(0), 0);
  info = describe(0, 0);
  CHECK_EQ(info.status, FPGA_STATUS_LOAD_FAILED);
  CHECK_EQ(info.status_q, FPGA_ERR_POWER_VIOLATION);
  CHECK_EQ(fpga_mgmt_clear_local_image_sync(0, 0, 0, &info), 0);
  CHECK_EQ(info.status, FPGA_STATUS_CLEARED);

  /* Whatever other status the slot ends in ends the wait with its status_q. */
  CHECK_EQ(aws_fpga_mock_force_status(0, FPGA_STATUS_LOAD_FAILED, FPGA_ERR_POWER_VIOLATION, NULL), 0);
  CHECK_EQ(fpga_mgmt_load_local_image_sync(0, SDE, 0, 0, &info), FPGA_ERR_POWER_VIOLATION);
  CHECK_EQ(aws_fpga_mock_force_status(0, FPGA_STATUS_LOAD_FAILED, FPGA_ERR_HARDWARE_BUSY, NULL), 0);
  CHECK_EQ(fpga_mgmt_clear_local_image_sync(0, 0, 0, &info), FPGA_ERR_HARDWARE_BUSY);
  /* ... even with status_q 0: the SDK then returns 0 without filling info. */
  CHECK_EQ(aws_fpga_mock_force_status(0, FPGA_STATUS_NOT_PROGRAMMED, 0, NULL), 0);
  memset(&info, 0x5a, sizeof(info));
  CHECK_EQ(fpga_mgmt_load_local_image_sync(0, SDE, 0, 0, &info), 0);
  CHECK_EQ(info.status, 0x5a5a5a5a);
  CHECK_EQ(describe(0, 0).status, FPGA_STATUS_NOT_PROGRAMMED);
  CHECK_EQ(aws_fpga_mock_force_status(0, FPGA_STATUS_CLEARED, 0, NULL), 0);
  CHECK_EQ(fpga_mgmt_load_local_image_sync(0, SDE, 0, 0, NULL), 0);
  CHECK_EQ(aws_fpga_mock_force_status(7, 0, 0, NULL), -ENOENT);
  CHECK_EQ(aws_fpga_mock_force_status(-1, 0, 0, NULL), -EINVAL);
}

static void id_check(void) {
  struct fpga_mgmt_image_info info;
  fresh_device(1, 4000, 2000);
  /* loaded, but with another id than requested: unspecified-error */
  CHECK_EQ(aws_fpga_mock_force_status(0, FPGA_STATUS_LOADED, 0, SDE), 0);
  CHECK_EQ(fpga_mgmt_load_local_image_sync(0, MEM_PERF, 0, 0, &info), FPGA_ERR_FAIL);
  /* ... unless it was a prefetch, which leaves whatever was loaded. */
  fresh_device(1, 4000, 2000);
  CHECK_EQ(fpga_mgmt_load_local_image_sync(0, SDE, 0, 0, NULL), 0);
  memset(&info, 0, sizeof(info));
  CHECK_EQ(fpga_mgmt_load_local_image_sync_flags(0, MEM_PERF, FPGA_CMD_PREFETCH, 0, 0, &info), 0);
  CHECK_EQ(info.status, FPGA_STATUS_LOADED);
  CHECK_STR(info.ids.afi_id, SDE);
  info = describe(0, FPGA_CMD_GET_HW_METRICS);
  CHECK_EQ_U(info.metrics.f2_metrics.cached_agfis[1], 0x080817d089f3cd2edull);
  /* Prefetch on a cleared slot: describe ends in cleared, so the SDK returns its status_q, 0. */
  CHECK_EQ(fpga_mgmt_clear_local_image_sync(0, 0, 0, NULL), 0);
  CHECK_EQ(fpga_mgmt_load_local_image_sync_flags(0, SDE, FPGA_CMD_PREFETCH, 0, 0, NULL), 0);
  CHECK_EQ(describe(0, 0).status, FPGA_STATUS_CLEARED);
}

static void timeouts(void) {
  struct fpga_mgmt_image_info info;
  /* The SDK raises timeout and delay to its floors: 1 poll of 1 ms still waits 180 s. */
  fresh_device(1, SYNC_FLOOR_MS, 2000);
  CHECK_EQ(fpga_mgmt_load_local_image_sync(0, SDE, 1, 1, &info), 0);
  fresh_device(1, SYNC_FLOOR_MS + 1, 2000);
  CHECK_EQ(fpga_mgmt_load_local_image_sync(0, SDE, 1, 1, &info), -ETIMEDOUT);
  /* The load goes on: it completes later. */
  CHECK_EQ(describe(0, 0).status, FPGA_STATUS_BUSY);
  aws_fpga_mock_advance_time(1);
  CHECK_EQ(describe(0, 0).status, FPGA_STATUS_LOADED);
  /* Larger values are used as given. */
  fresh_device(1, 2 * SYNC_FLOOR_MS, 2000);
  CHECK_EQ(fpga_mgmt_load_local_image_sync(0, SDE, 90000, 4, &info), 0);
  fresh_device(1, 2 * SYNC_FLOOR_MS + 4, 2000);
  CHECK_EQ(fpga_mgmt_load_local_image_sync(0, SDE, 90000, 4, &info), -ETIMEDOUT);
  fresh_device(1, 4000, SYNC_FLOOR_MS + 2);
  CHECK_EQ(fpga_mgmt_clear_local_image_sync(0, 0, 0, &info), -ETIMEDOUT);
  /* A slot that stays busy. */
  fresh_device(1, 4000, 2000);
  CHECK_EQ(aws_fpga_mock_force_status(0, FPGA_STATUS_BUSY, 0, NULL), 0);
  CHECK_EQ(fpga_mgmt_load_local_image_sync(0, SDE, 0, 0, &info), -ETIMEDOUT);
  CHECK_EQ(fpga_mgmt_load_local_image(0, SDE), FPGA_ERR_AFI_CMD_BUSY);
}

int main(void) {
  loads_and_clears();
  refused_at_start();
  error_status_ends_the_wait();
  id_check();
  timeouts();
  return finish();
}
