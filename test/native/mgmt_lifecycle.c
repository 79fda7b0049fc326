/* The AFI lifecycle of a slot through the async calls and describe. */
#include "check.h"

static void expect_status(int slot, int status, int status_q, const char* afi_id, int line) {
  struct fpga_mgmt_image_info info = describe(slot, 0);
  check_ll(info.status, status, "status", __FILE__, line);
  check_ll(info.status_q, status_q, "status_q", __FILE__, line);
  check_str(info.ids.afi_id, afi_id, "afi_id", __FILE__, line);
}
#define EXPECT_STATUS(slot, status, status_q, afi_id) expect_status(slot, status, status_q, afi_id, __LINE__)

static void before_init(void) {
  struct aws_fpga_mock_options options = {1, 100, 100, 1};
  struct fpga_mgmt_image_info info;
  int status, status_q;
  CHECK_EQ(aws_fpga_mock_reset(&options), 0);
  CHECK_EQ(fpga_mgmt_close(), 0);
  CHECK_EQ(fpga_mgmt_describe_local_image(0, &info, 0), FPGA_ERR_SOFTWARE_PROBLEM);
  CHECK_EQ(fpga_mgmt_get_status(0, &status, &status_q), FPGA_ERR_SOFTWARE_PROBLEM);
  CHECK_EQ(fpga_mgmt_load_local_image(0, SDE), FPGA_ERR_SOFTWARE_PROBLEM);
  CHECK_EQ(fpga_mgmt_clear_local_image(0), FPGA_ERR_SOFTWARE_PROBLEM);
  CHECK_EQ(fpga_mgmt_clear_local_image_sync(0, 0, 0, NULL), FPGA_ERR_SOFTWARE_PROBLEM);
  CHECK_EQ(fpga_mgmt_load_local_image_sync_flags(0, SDE, 0, 0, 0, NULL), FPGA_ERR_SOFTWARE_PROBLEM);
  CHECK_EQ(fpga_mgmt_init(), 0);
  CHECK_EQ(fpga_mgmt_describe_local_image(0, &info, 0), 0);
  CHECK_EQ(fpga_mgmt_close(), 0);
  CHECK_EQ(fpga_mgmt_close(), 0);
}

static void bad_arguments(void) {
  struct fpga_mgmt_image_info info;
  int status, status_q;
  fresh_device(2, 100, 100);
  CHECK_EQ(fpga_mgmt_describe_local_image(8, &info, 0), -EINVAL);
  CHECK_EQ(fpga_mgmt_describe_local_image(-1, &info, 0), -EINVAL);
  CHECK_EQ(fpga_mgmt_describe_local_image(0, NULL, 0), -EINVAL);
  /* Slots 2..7 exist in the SDK's range but not on this device: the mailbox
   * attach finds no such PCI device and answers unresponsive, as the SDK's does. */
  CHECK_EQ(fpga_mgmt_describe_local_image(2, &info, 0), FPGA_ERR_UNRESPONSIVE);
  CHECK_EQ(fpga_mgmt_load_local_image(7, SDE), FPGA_ERR_UNRESPONSIVE);
  CHECK_EQ(fpga_mgmt_clear_local_image(3), FPGA_ERR_UNRESPONSIVE);
  CHECK_EQ(fpga_mgmt_load_local_image(8, SDE), -EINVAL);
  CHECK_EQ(fpga_mgmt_load_local_image(0, NULL), -EINVAL);
  CHECK_EQ(fpga_mgmt_clear_local_image(-3), -EINVAL);
  CHECK_EQ(fpga_mgmt_get_status(0, NULL, &status_q), -EINVAL);
  CHECK_EQ(fpga_mgmt_get_status(0, &status, NULL), -EINVAL);
  CHECK_EQ(fpga_mgmt_get_status(9, &status, &status_q), -EINVAL);
  CHECK_EQ(fpga_mgmt_load_local_image_with_options(NULL), -EINVAL);
  CHECK_EQ(fpga_mgmt_init_load_local_image_options(NULL), -EINVAL);
  CHECK_EQ(fpga_mgmt_load_local_image_sync_with_options(NULL, 0, 0, NULL), -EINVAL);
  CHECK_EQ(fpga_mgmt_load_local_image_sync_flags(8, SDE, 0, 0, 0, NULL), -EINVAL);
  CHECK_EQ(fpga_mgmt_load_local_image_sync_flags(-1, SDE, 0, 0, 0, NULL), -EINVAL);
  CHECK_EQ(fpga_mgmt_load_local_image_sync_flags(5, SDE, 0, 0, 0, NULL), FPGA_ERR_UNRESPONSIVE);
  CHECK_EQ(fpga_mgmt_clear_local_image_sync(8, 0, 0, NULL), -EINVAL);

  /* Flags F2 refuses on loads; describe drops them, as it drops every bit it does not pass on. */
  const uint32_t refused[] = {FPGA_CMD_FORCE_SHELL_RELOAD, FPGA_CMD_DRAM_DATA_RETENTION,
                              FPGA_CMD_EXTENDED_METRICS_SIZE};
  for (int i = 0; i < 3; i++) {
    CHECK_EQ(fpga_mgmt_load_local_image_flags(0, SDE, refused[i]), FPGA_ERR_SOFTWARE_PROBLEM);
    CHECK_EQ(fpga_mgmt_describe_local_image(0, &info, refused[i]), 0);
    CHECK_EQ(fpga_mgmt_load_local_image_sync_flags(0, SDE, refused[i], 0, 0, NULL), FPGA_ERR_SOFTWARE_PROBLEM);
  }
  EXPECT_STATUS(0, FPGA_STATUS_NOT_PROGRAMMED, 0, "none");
  union fpga_mgmt_load_local_image_options opt;
  CHECK_EQ(fpga_mgmt_init_load_local_image_options(&opt), 0);
  opt.slot_id = 0;
  opt.afi_id = SDE;
  opt.flags = FPGA_CMD_RSVD | (1u << 5) | (1u << 20) | FPGA_CMD_GET_HW_METRICS;
  CHECK_EQ(fpga_mgmt_load_local_image_with_options(&opt), 0);
  CHECK_EQ_U(opt.flags, FPGA_CMD_GET_HW_METRICS); /* masked in the caller's options, as the SDK does */
  CHECK_EQ(fpga_mgmt_describe_local_image(0, &info, 1u << 20), 0);
}

static void transitions(void) {
  int status, status_q;
  fresh_device(2, 1000, 500);
  struct fpga_mgmt_image_info info = describe(0, 0);
  CHECK_EQ(info.status, FPGA_STATUS_NOT_PROGRAMMED);
  CHECK_EQ(info.slot_id, 0);
  CHECK_STR(info.ids.afi_id, "none");
  CHECK_EQ_U(info.sh_version, 0x10212415);
  CHECK_EQ_U(info.ids.afi_device_ids.vendor_id, 0x1d0f);
  CHECK_EQ_U(info.ids.afi_device_ids.device_id, 0x9048);
  CHECK_EQ_U(info.spec.map[FPGA_APP_PF].device_id, 0x9048);
  CHECK_EQ_U(info.spec.map[FPGA_MGMT_PF].device_id, 0x9248);

  /* not-programmed -> busy -> loaded */
  CHECK_EQ(fpga_mgmt_load_local_image(0, SDE), 0);
  info = describe(0, 0);
  CHECK_EQ(info.status, FPGA_STATUS_BUSY);
  CHECK_STR(info.ids.afi_id, SDE);
  CHECK_EQ(fpga_mgmt_load_local_image(0, MEM_PERF), FPGA_ERR_AFI_CMD_BUSY);
  CHECK_EQ(fpga_mgmt_clear_local_image(0), FPGA_ERR_AFI_CMD_BUSY);
  aws_fpga_mock_advance_time(999);
  CHECK_EQ(fpga_mgmt_get_status(0, &status, &status_q), 0);
  CHECK_EQ(status, FPGA_STATUS_BUSY);
  aws_fpga_mock_advance_time(1);
  info = describe(0, 0);
  CHECK_EQ(info.status, FPGA_STATUS_LOADED);
  CHECK_EQ(info.status_q, FPGA_ERR_OK);
  CHECK_STR(info.ids.afi_id, SDE);
  CHECK_EQ_U(info.ids.afi_device_ids.device_id, 0xf002);
  CHECK_EQ_U(info.ids.afi_device_ids.svid, 0xfedc);
  CHECK_EQ_U(info.ids.afi_device_ids.ssid, 0x1d51);
  /* The OS still sees the default ids until a rescan. */
  CHECK_EQ_U(info.spec.map[FPGA_APP_PF].device_id, 0x9048);
  CHECK_EQ(fpga_pci_rescan_slot_app_pfs(0), 0);
  info = describe(0, 0);
  CHECK_EQ_U(info.spec.map[FPGA_APP_PF].vendor_id, 0x1d0f);
  CHECK_EQ_U(info.spec.map[FPGA_APP_PF].device_id, 0xf002);
  CHECK_EQ_U(info.spec.map[FPGA_APP_PF].subsystem_vendor_id, 0xfedc);
  CHECK_EQ_U(info.spec.map[FPGA_APP_PF].subsystem_device_id, 0x1d51);
  /* The other slot is untouched. */
  EXPECT_STATUS(1, FPGA_STATUS_NOT_PROGRAMMED, 0, "none");

  /* loaded -> busy -> cleared, then the rescan brings the default ids back */
  CHECK_EQ(fpga_mgmt_clear_local_image(0), 0);
  EXPECT_STATUS(0, FPGA_STATUS_BUSY, 0, SDE);
  aws_fpga_mock_advance_time(500);
  EXPECT_STATUS(0, FPGA_STATUS_CLEARED, 0, "none");
  info = describe(0, 0);
  CHECK_EQ_U(info.ids.afi_device_ids.device_id, 0x9048);
  CHECK_EQ_U(info.spec.map[FPGA_APP_PF].device_id, 0xf002);
  CHECK_EQ(fpga_pci_rescan_slot_app_pfs(0), 0);
  CHECK_EQ_U(describe(0, 0).spec.map[FPGA_APP_PF].device_id, 0x9048);

  /* cleared -> busy -> cleared */
  CHECK_EQ(fpga_mgmt_clear_local_image(0), 0);
  EXPECT_STATUS(0, FPGA_STATUS_BUSY, 0, "none");
  aws_fpga_mock_advance_time(500);
  EXPECT_STATUS(0, FPGA_STATUS_CLEARED, 0, "none");

  /* loaded -> load of another AFI -> loaded */
  CHECK_EQ(fpga_mgmt_load_local_image(0, SDE), 0);
  aws_fpga_mock_advance_time(1000);
  CHECK_EQ(fpga_mgmt_load_local_image(0, MEM_PERF), 0);
  EXPECT_STATUS(0, FPGA_STATUS_BUSY, 0, MEM_PERF);
  aws_fpga_mock_advance_time(1000);
  EXPECT_STATUS(0, FPGA_STATUS_LOADED, 0, MEM_PERF);
}

static void failures(void) {
  struct fpga_mgmt_image_info info;
  fresh_device(1, 1000, 500);
  /* Not an AGFI id at all: the service refuses the command; the slot is untouched. */
  const char* malformed[] = {"", "agfi-", "agfi-0925b211f5a81b07", "agfi-0925b211f5a81b0711", "AGFI-0925b211f5a81b071",
                             "agfi-0925B211f5a81b071", "agfi-0925b211f5a81b07g", "afi-0925b211f5a81b071"};
  for (int i = 0; i < 8; i++) CHECK_EQ(fpga_mgmt_load_local_image(0, (char*)malformed[i]), FPGA_ERR_AFI_ID_INVALID);
  EXPECT_STATUS(0, FPGA_STATUS_NOT_PROGRAMMED, 0, "none");

  /* Well formed but unknown to the service: busy, then load-failed with invalid-afi-id. */
  CHECK_EQ(fpga_mgmt_load_local_image(0, "agfi-0123456789abcdef0"), 0);
  EXPECT_STATUS(0, FPGA_STATUS_BUSY, 0, "agfi-0123456789abcdef0");
  aws_fpga_mock_advance_time(1000);
  EXPECT_STATUS(0, FPGA_STATUS_LOAD_FAILED, FPGA_ERR_AFI_ID_INVALID, "agfi-0123456789abcdef0");

  /* load-failed -> load -> loaded */
  CHECK_EQ(fpga_mgmt_load_local_image(0, SDE), 0);
  aws_fpga_mock_advance_time(1000);
  EXPECT_STATUS(0, FPGA_STATUS_LOADED, 0, SDE);

  /* AFIs added by a test: one that always fails, one for another shell. */
  struct aws_fpga_mock_afi broken = {"agfi-0000000000000bad1", 0x1d0f, 0xf0aa, 0xfedc, 0x1d51, 0, 20, 0,
                                     FPGA_ERR_CL_DDR_CALIB_FAILED};
  struct aws_fpga_mock_afi old_shell = {"agfi-0000000000000bad2", 0x1d0f, 0xf0ab, 0xfedc, 0x1d51, 0x04261818, 20, 0, 0};
  CHECK_EQ(aws_fpga_mock_add_afi(&broken), 0);
  CHECK_EQ(aws_fpga_mock_add_afi(&old_shell), 0);
  CHECK_EQ(fpga_mgmt_load_local_image(0, "agfi-0000000000000bad1"), 0);
  aws_fpga_mock_advance_time(1000);
  info = describe(0, 0);
  CHECK_EQ(info.status, FPGA_STATUS_LOAD_FAILED);
  CHECK_EQ(info.status_q, FPGA_ERR_CL_DDR_CALIB_FAILED);
  CHECK_EQ_U(info.ids.afi_device_ids.device_id, 0xf0aa);
  CHECK_EQ(fpga_mgmt_load_local_image(0, "agfi-0000000000000bad2"), 0);
  aws_fpga_mock_advance_time(1000);
  EXPECT_STATUS(0, FPGA_STATUS_LOAD_FAILED, FPGA_ERR_SHELL_MISMATCH, "agfi-0000000000000bad2");

  /* load-failed -> clear -> cleared */
  CHECK_EQ(fpga_mgmt_clear_local_image(0), 0);
  aws_fpga_mock_advance_time(500);
  EXPECT_STATUS(0, FPGA_STATUS_CLEARED, 0, "none");

  /* Controls refuse bad AFIs; a reset forgets the added ones. */
  struct aws_fpga_mock_afi bad = broken;
  bad.afi_id = "agfi-1000000000000bad1"; /* does not fit cached_agfis */
  CHECK_EQ(aws_fpga_mock_add_afi(&bad), -EINVAL);
  bad.afi_id = "agfi-bad";
  CHECK_EQ(aws_fpga_mock_add_afi(&bad), -EINVAL);
  bad.afi_id = NULL;
  CHECK_EQ(aws_fpga_mock_add_afi(&bad), -EINVAL);
  CHECK_EQ(aws_fpga_mock_add_afi(NULL), -EINVAL);
  fresh_device(1, 1000, 500);
  CHECK_EQ(fpga_mgmt_load_local_image(0, "agfi-0000000000000bad1"), 0);
  aws_fpga_mock_advance_time(1000);
  EXPECT_STATUS(0, FPGA_STATUS_LOAD_FAILED, FPGA_ERR_AFI_ID_INVALID, "agfi-0000000000000bad1");
}

static void cache_and_prefetch(void) {
  struct fpga_mgmt_image_info info;
  fresh_device(1, 1000, 500);
  CHECK_EQ(fpga_mgmt_load_local_image(0, SDE), 0);
  aws_fpga_mock_advance_time(1000);
  /* A prefetch caches the AFI and leaves the loaded one running. */
  CHECK_EQ(fpga_mgmt_load_local_image_flags(0, MEM_PERF, FPGA_CMD_PREFETCH), 0);
  EXPECT_STATUS(0, FPGA_STATUS_BUSY, 0, SDE);
  CHECK_EQ(fpga_mgmt_load_local_image(0, MEM_PERF), FPGA_ERR_AFI_CMD_BUSY);
  aws_fpga_mock_advance_time(1000);
  info = describe(0, FPGA_CMD_GET_HW_METRICS);
  CHECK_EQ(info.status, FPGA_STATUS_LOADED);
  CHECK_STR(info.ids.afi_id, SDE);
  CHECK_EQ_U(info.metrics.f2_metrics.cached_agfis[0], 0x0925b211f5a81b071ull);
  CHECK_EQ_U(info.metrics.f2_metrics.cached_agfis[1], 0x080817d089f3cd2edull);
  CHECK_EQ_U(info.metrics.f2_metrics.cached_agfis[2], 0);
  /* Without metrics flags, no metrics. */
  info = describe(0, 0);
  CHECK_EQ_U(info.metrics.f2_metrics.cached_agfis[0], 0);
  /* CLEAR_AFI_CACHE reports the cache, then empties it. */
  info = describe(0, FPGA_CMD_CLEAR_AFI_CACHE);
  CHECK_EQ_U(info.metrics.f2_metrics.cached_agfis[1], 0x080817d089f3cd2edull);
  info = describe(0, FPGA_CMD_GET_HW_METRICS);
  CHECK_EQ_U(info.metrics.f2_metrics.cached_agfis[0], 0);

  /* The cache holds 16 AFIs, dropping the oldest. */
  char id[32];
  for (int i = 1; i <= 17; i++) {
    snprintf(id, sizeof(id), "agfi-0%016x", i);
    struct aws_fpga_mock_afi afi = {id, 0x1d0f, 0xf100, 0, 0, 0, 10, 0, 0};
    CHECK_EQ(aws_fpga_mock_add_afi(&afi), 0);
    CHECK_EQ(fpga_mgmt_load_local_image_flags(0, id, FPGA_CMD_PREFETCH), 0);
    aws_fpga_mock_advance_time(1000);
  }
  info = describe(0, FPGA_CMD_GET_HW_METRICS);
  CHECK_EQ_U(info.metrics.f2_metrics.cached_agfis[0], 2);
  CHECK_EQ_U(info.metrics.f2_metrics.cached_agfis[15], 17);
  CHECK_STR(info.ids.afi_id, SDE);

  /* A prefetch of an unknown AFI ends like a failed load. */
  CHECK_EQ(fpga_mgmt_load_local_image_flags(0, "agfi-0123456789abcdef0", FPGA_CMD_PREFETCH), 0);
  aws_fpga_mock_advance_time(1000);
  EXPECT_STATUS(0, FPGA_STATUS_LOAD_FAILED, FPGA_ERR_AFI_ID_INVALID, "agfi-0123456789abcdef0");
}

static void names(void) {
  CHECK_STR(fpga_mgmt_get_status_name(FPGA_STATUS_LOADED), "loaded");
  CHECK_STR(fpga_mgmt_get_status_name(FPGA_STATUS_CLEARED), "cleared");
  CHECK_STR(fpga_mgmt_get_status_name(FPGA_STATUS_BUSY), "busy");
  CHECK_STR(fpga_mgmt_get_status_name(FPGA_STATUS_NOT_PROGRAMMED), "not-programmed");
  CHECK_STR(fpga_mgmt_get_status_name(FPGA_STATUS_CACHING_AFI), "afi-cache-in-progress");
  CHECK_STR(fpga_mgmt_get_status_name(FPGA_STATUS_LOADING_RL), "rl-reload-needed-drop-pci-link");
  CHECK_STR(fpga_mgmt_get_status_name(FPGA_STATUS_LOAD_FAILED), "load-failed");
  CHECK_STR(fpga_mgmt_get_status_name(6), "internal-error");
  CHECK_STR(fpga_mgmt_get_status_name(-1), "internal-error");

  const struct {
    int code;
    const char* name;
  } errors[] = {{0, "ok"},
                {3, "busy"},
                {5, "invalid-afi-id"},
                {6, "afi-load-timeout"},
                {11, "invalid-afi-cmd-api-version"},
                {12, "cl-id-mismatch"},
                {13, "cl-ddr-calib-failed"},
                {14, "unspecified-error"},
                {16, "shell-version-not-supported"},
                {17, "afi-power-violation"},
                {18, "dram-data-retention-not-possible"},
                {19, "hardware-busy"},
                {20, "pci-device-missing"},
                {21, "afi-command-malformed"},
                {22, "dram-data-retention-failed"},
                {23, "dram-data-retention-setup-failed"},
                {24, "software-problem"},
                {25, "unresponsive"},
                {26, "err-rl-reload-needed-drop-pci-link"},
                {27, "err-incompatible-afi-cmd-flags"},
                {28, "invalid-clkgen-input"},
                {29, "clkgen-ip-not-found"},
                {1, "internal-error"},
                {30, "internal-error"}};
  for (size_t i = 0; i < sizeof(errors) / sizeof(errors[0]); i++) {
    CHECK_STR(fpga_mgmt_strerror(errors[i].code), errors[i].name);
  }
  CHECK_STR(fpga_mgmt_strerror(-ETIMEDOUT), strerror(ETIMEDOUT));
  CHECK_STR(fpga_mgmt_strerror(-EINVAL), strerror(EINVAL));
  CHECK(fpga_mgmt_strerror(-2147483647 - 1) != NULL);
  const int explained[] = {3, 5, 17, 20, 24, 25, 29, -EINVAL, -ETIMEDOUT};
  for (size_t i = 0; i < sizeof(explained) / sizeof(explained[0]); i++) {
    const char* text = fpga_mgmt_strerror_long(explained[i]);
    CHECK(text != NULL && strchr(text, '\n') != NULL);
  }
  CHECK(fpga_mgmt_strerror_long(0) == NULL);
  CHECK(fpga_mgmt_strerror_long(14) == NULL);
}

static void unresponsive_mailbox(void) {
  struct fpga_mgmt_image_info info;
  fresh_device(1, 1000, 500);
  fpga_mgmt_set_cmd_timeout(100);
  fpga_mgmt_set_cmd_delay_msec(10);
  CHECK_EQ(aws_fpga_mock_set_unresponsive(0, 1), 0);
  /* A command waits timeout x delay; describe retries 16 times a second apart. */
  int status, status_q;
  CHECK_EQ(fpga_mgmt_load_local_image(0, SDE), -ETIMEDOUT);
  CHECK_EQ(fpga_mgmt_get_status(0, &status, &status_q), -ETIMEDOUT);
  CHECK_EQ(fpga_mgmt_describe_local_image(0, &info, 0), -ETIMEDOUT);
  CHECK_EQ(fpga_mgmt_load_local_image_sync_flags(0, SDE, 0, 0, 0, NULL), -ETIMEDOUT);
  /* The shell's registers still answer. */
  uint16_t dip;
  CHECK_EQ(fpga_mgmt_get_vDIP_status(0, &dip), 0);
  CHECK_EQ(aws_fpga_mock_set_unresponsive(0, 0), 0);
  EXPECT_STATUS(0, FPGA_STATUS_NOT_PROGRAMMED, 0, "none");
  fpga_mgmt_set_cmd_timeout(2500);
  fpga_mgmt_set_cmd_delay_msec(2);
  CHECK_EQ(aws_fpga_mock_set_unresponsive(1, 1), -ENOENT);
  CHECK_EQ(aws_fpga_mock_set_unresponsive(8, 1), -EINVAL);
}

int main(void) {
  before_init();
  bad_arguments();
  transitions();
  failures();
  cache_and_prefetch();
  names();
  unresponsive_mailbox();
  return finish();
}
