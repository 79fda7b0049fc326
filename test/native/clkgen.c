/* aws_clkgen_*: recipes, dynamic steps, errors, and the AWS_CLK_GEN registers. */
#include "check.h"

#define MHZ_TOLERANCE 1e-6

static struct fpga_clkgen_info clocks_of(int slot) {
  struct fpga_clkgen_info info;
  memset(&info, 0x7f, sizeof(info));
  CHECK_EQ(aws_clkgen_get_dynamic(slot, &info), 0);
  return info;
}

static void expect_group(const struct fpga_clkgen_group* group, double c0, double c1, double c2, int line) {
  check_near(group->clocks[0], c0, MHZ_TOLERANCE, "clocks[0]", __FILE__, line);
  check_near(group->clocks[1], c1, MHZ_TOLERANCE, "clocks[1]", __FILE__, line);
  check_near(group->clocks[2], c2, MHZ_TOLERANCE, "clocks[2]", __FILE__, line);
}
#define EXPECT_GROUP(group, c0, c1, c2) expect_group(&(group), c0, c1, c2, __LINE__)

/* The SDK's defect (aws_clkgen_set_recipe, _set_dynamic): their range checks
 * detach the slot's mailbox handle, so management calls fail with -1 until
 * the library is closed and initialised again. */
static void expect_mailbox_lost(void) {
  struct fpga_mgmt_image_info info;
  CHECK_EQ(fpga_mgmt_describe_local_image(0, &info, 0), -1);
  CHECK_EQ(fpga_mgmt_close(), 0);
  CHECK_EQ(fpga_mgmt_init(), 0);
  CHECK_EQ(fpga_mgmt_describe_local_image(0, &info, 0), 0);
}

static void not_found(void) {
  struct fpga_clkgen_info info;
  fresh_device(2, 1000, 500);
  CHECK_EQ(aws_clkgen_get_dynamic(0, NULL), FPGA_ERR_SOFTWARE_PROBLEM);
  CHECK_EQ(aws_clkgen_get_dynamic(8, &info), -EINVAL);
  CHECK_EQ(aws_clkgen_get_dynamic(-1, &info), -EINVAL);
  CHECK_EQ(aws_clkgen_get_dynamic(2, &info), FPGA_ERR_UNRESPONSIVE); /* no such slot */
  CHECK_EQ(aws_clkgen_set_recipe(2, 0, 0, 0, 0, 0), FPGA_ERR_UNRESPONSIVE);
  /* No AFI loaded. */
  CHECK_EQ(aws_clkgen_get_dynamic(0, &info), FPGA_ERR_CLKGEN_NOT_FOUND);
  CHECK_EQ(aws_clkgen_set_recipe(0, 0, 0, 0, 0, 0), FPGA_ERR_CLKGEN_NOT_FOUND);
  CHECK_EQ(aws_clkgen_set_dynamic(0, 100, 100, 100, 100, 0), FPGA_ERR_CLKGEN_NOT_FOUND);
  CHECK_EQ(aws_clkgen_set_dynamic(0, 0, 0, 0, 0, 1), FPGA_ERR_CLKGEN_NOT_FOUND);
  /* cl_sde has no AWS_CLK_GEN. */
  CHECK_EQ(fpga_mgmt_load_local_image_sync(0, SDE, 0, 0, NULL), 0);
  CHECK_EQ(aws_clkgen_get_dynamic(0, &info), FPGA_ERR_CLKGEN_NOT_FOUND);
  /* Busy while loading: the CL is not there yet. */
  CHECK_EQ(fpga_mgmt_load_local_image(0, MEM_PERF), 0);
  CHECK_EQ(aws_clkgen_get_dynamic(0, &info), FPGA_ERR_CLKGEN_NOT_FOUND);
  aws_fpga_mock_advance_time(1000);
  CHECK_EQ(aws_clkgen_get_dynamic(0, &info), 0);
  /* An AFI added with the clock generator has it. */
  struct aws_fpga_mock_afi custom = {"agfi-0000000000000c1c0", 0x1d0f, 0xf0c0, 0xfedc, 0x1d51, 0, 30, 1, 0};
  CHECK_EQ(aws_fpga_mock_add_afi(&custom), 0);
  CHECK_EQ(fpga_mgmt_load_local_image_sync(1, "agfi-0000000000000c1c0", 0, 0, NULL), 0);
  CHECK_EQ(aws_clkgen_set_recipe(1, 0, 0, 0, 0, 0), 0);
}

static void recipes(void) {
  fresh_device(1, 1000, 500);
  CHECK_EQ(fpga_mgmt_load_local_image_sync(0, MEM_PERF, 0, 0, NULL), 0);
  /* The build defaults: A1 B2 C0 H2; unused entries are zero. */
  struct fpga_clkgen_info info = clocks_of(0);
  EXPECT_GROUP(info.clock_group_a, 125, 375, 500);
  EXPECT_GROUP(info.clock_group_b, 450, 225, 0);
  EXPECT_GROUP(info.clock_group_c, 300, 400, 0);
  EXPECT_GROUP(info.clock_group_hbm, 450, 0, 0);

  CHECK_EQ(aws_clkgen_set_recipe(0, 0, 3, 3, 4, 0), 0);
  info = clocks_of(0);
  EXPECT_GROUP(info.clock_group_a, 62.5, 187.5, 250);
  EXPECT_GROUP(info.clock_group_b, 250, 62.5, 0);
  EXPECT_GROUP(info.clock_group_c, 200, 800.0 / 3, 0);
  EXPECT_GROUP(info.clock_group_hbm, 400, 0, 0);

  const double a[3][3] = {{62.5, 187.5, 250}, {125, 375, 500}, {15.625, 125, 62.5}};
  const double b[6][2] = {{250, 125}, {125, 62.5}, {450, 225}, {250, 62.5}, {300, 75}, {400, 100}};
  const double c[4][2] = {{300, 400}, {150, 200}, {75, 100}, {200, 800.0 / 3}};
  const double hbm[5] = {250, 125, 450, 300, 400};
  for (uint32_t r = 0; r < 6; r++) {
    CHECK_EQ(aws_clkgen_set_recipe(0, r % 3, r, r % 4, r % 5, 0), 0);
    info = clocks_of(0);
    EXPECT_GROUP(info.clock_group_a, a[r % 3][0], a[r % 3][1], a[r % 3][2]);
    EXPECT_GROUP(info.clock_group_b, b[r][0], b[r][1], 0);
    EXPECT_GROUP(info.clock_group_c, c[r % 4][0], c[r % 4][1], 0);
    EXPECT_GROUP(info.clock_group_hbm, hbm[r % 5], 0, 0);
  }

  /* Out of range: invalid-clkgen-input, nothing changes. */
  CHECK_EQ(aws_clkgen_set_recipe(0, 0, 3, 3, 4, 0), 0);
  CHECK_EQ(aws_clkgen_set_recipe(0, 3, 0, 0, 0, 0), FPGA_ERR_INVALID_CLKGEN_INPUTS);
  CHECK_EQ(aws_clkgen_set_recipe(0, 0, 6, 0, 0, 0), FPGA_ERR_INVALID_CLKGEN_INPUTS);
  CHECK_EQ(aws_clkgen_set_recipe(0, 0, 0, 4, 0, 0), FPGA_ERR_INVALID_CLKGEN_INPUTS);
  CHECK_EQ(aws_clkgen_set_recipe(0, 0, 0, 0, 5, 0), FPGA_ERR_INVALID_CLKGEN_INPUTS);
  CHECK_EQ(aws_clkgen_set_recipe(9, 3, 0, 0, 0, 0), FPGA_ERR_INVALID_CLKGEN_INPUTS); /* checked before the slot */
  info = clocks_of(0);
  EXPECT_GROUP(info.clock_group_a, 62.5, 187.5, 250);
  expect_mailbox_lost();

  /* reset: back to the defaults, whatever the recipe arguments. */
  CHECK_EQ(aws_clkgen_set_recipe(0, 99, 99, 99, 99, 1), 0);
  info = clocks_of(0);
  EXPECT_GROUP(info.clock_group_a, 125, 375, 500);
  EXPECT_GROUP(info.clock_group_c, 300, 400, 0);

  /* A reload of the AFI also starts from the defaults. */
  CHECK_EQ(aws_clkgen_set_recipe(0, 2, 1, 2, 1, 0), 0);
  CHECK_EQ(fpga_mgmt_load_local_image_sync(0, MEM_PERF, 0, 0, NULL), 0);
  info = clocks_of(0);
  EXPECT_GROUP(info.clock_group_b, 450, 225, 0);
}

static void dynamic(void) {
  fresh_device(1, 1000, 500);
  CHECK_EQ(fpga_mgmt_load_local_image_sync(0, MEM_PERF, 0, 0, NULL), 0);
  /* The Python example's values. */
  CHECK_EQ(aws_clkgen_set_dynamic(0, 125, 125, 150, 125, 0), 0);
  struct fpga_clkgen_info info = clocks_of(0);
  CHECK_NEAR(info.clock_group_a.clocks[0], 125.0, MHZ_TOLERANCE);
  CHECK_NEAR(info.clock_group_b.clocks[0], 125.0, MHZ_TOLERANCE);
  CHECK_NEAR(info.clock_group_c.clocks[0], 150.0, MHZ_TOLERANCE);
  CHECK_NEAR(info.clock_group_hbm.clocks[0], 125.0, MHZ_TOLERANCE);
  CHECK(info.clock_group_a.clocks[1] > 0 && info.clock_group_b.clocks[1] > 0);
  CHECK_NEAR(info.clock_group_b.clocks[2], 0, 0);

  /* The highest step not above the request. */
  const uint32_t requests[][2] = {{87, 87},   {96, 87},   {97, 97},   {124, 109}, {100, 100}, {165, 156},
                                  {166, 166}, {266, 266}, {267, 266}, {300, 300}, {449, 445}, {450, 450}};
  for (size_t i = 0; i < sizeof(requests) / sizeof(requests[0]); i++) {
    const uint32_t want = requests[i][0];
    CHECK_EQ(aws_clkgen_set_dynamic(0, want > 125 ? 125 : want, want, want > 300 ? 300 : want, want, 0), 0);
    info = clocks_of(0);
    const double got = requests[i][1];
    CHECK_NEAR(info.clock_group_b.clocks[0], got, MHZ_TOLERANCE);
    CHECK_NEAR(info.clock_group_hbm.clocks[0], got, MHZ_TOLERANCE);
  }
  CHECK_EQ(aws_clkgen_set_dynamic(0, 87, 437, 266, 437, 0), 0);
  info = clocks_of(0);
  CHECK_NEAR(info.clock_group_a.clocks[0], 87, MHZ_TOLERANCE);
  CHECK_NEAR(info.clock_group_b.clocks[0], 437, MHZ_TOLERANCE);
  CHECK_NEAR(info.clock_group_c.clocks[0], 266, MHZ_TOLERANCE);

  /* Above a group's maximum: refused before anything changes. */
  CHECK_EQ(aws_clkgen_set_dynamic(0, 126, 100, 100, 100, 0), FPGA_ERR_INVALID_CLKGEN_INPUTS);
  CHECK_EQ(aws_clkgen_set_dynamic(0, 100, 451, 100, 100, 0), FPGA_ERR_INVALID_CLKGEN_INPUTS);
  CHECK_EQ(aws_clkgen_set_dynamic(0, 100, 100, 301, 100, 0), FPGA_ERR_INVALID_CLKGEN_INPUTS);
  CHECK_EQ(aws_clkgen_set_dynamic(0, 100, 100, 100, 451, 0), FPGA_ERR_INVALID_CLKGEN_INPUTS);
  info = clocks_of(0);
  CHECK_NEAR(info.clock_group_a.clocks[0], 87, MHZ_TOLERANCE);
  expect_mailbox_lost();
  /* Below the lowest step: the SDK stops at that group, the ones before it changed. */
  CHECK_EQ(aws_clkgen_set_dynamic(0, 100, 86, 100, 100, 0), FPGA_ERR_INVALID_CLKGEN_INPUTS);
  info = clocks_of(0);
  CHECK_NEAR(info.clock_group_a.clocks[0], 100, MHZ_TOLERANCE);
  CHECK_NEAR(info.clock_group_b.clocks[0], 437, MHZ_TOLERANCE);
  CHECK_EQ(aws_clkgen_set_dynamic(0, 0, 100, 100, 100, 0), FPGA_ERR_INVALID_CLKGEN_INPUTS);

  /* reset: the defaults, whatever the frequencies. */
  CHECK_EQ(aws_clkgen_set_dynamic(0, 1000, 1000, 1000, 1000, 1), 0);
  info = clocks_of(0);
  EXPECT_GROUP(info.clock_group_a, 125, 375, 500);
  EXPECT_GROUP(info.clock_group_b, 450, 225, 0);
  EXPECT_GROUP(info.clock_group_hbm, 450, 0, 0);
}

static void registers(void) {
  pci_bar_handle_t sda = PCI_BAR_HANDLE_INIT;
  uint32_t value = 0;
  fresh_device(1, 1000, 500);
  CHECK_EQ(fpga_pci_attach(0, FPGA_MGMT_PF, 4, 0, &sda), 0);
  CHECK_EQ(fpga_pci_peek(sda, 0x58000, &value), 0);
  CHECK_EQ_U(value, 0); /* no CL: plain BAR memory */
  CHECK_EQ(fpga_mgmt_load_local_image_sync(0, MEM_PERF, 0, 0, NULL), 0);
  const struct {
    uint64_t offset;
    uint32_t value;
  } expected[] = {{0x58000, 0x90481D0F}, {0x58004, 0x02010000}, {0x58008, 0x09232223}, {0x5800c, 0x1ff},
                  {0x58020, 0x151},      {0x52004, 1},          {0x58100, 0xDEADDEC0}, {0x60000, 0xDEADDEC0},
                  {0x3ffffc, 0xDEADDEC0}};
  for (size_t i = 0; i < sizeof(expected) / sizeof(expected[0]); i++) {
    CHECK_EQ(fpga_pci_peek(sda, expected[i].offset, &value), 0);
    CHECK_EQ_U(value, expected[i].value);
  }
  uint8_t byte = 0;
  CHECK_EQ(fpga_pci_peek8(sda, 0x58001, &byte), 0);
  CHECK_EQ_U(byte, 0x1d);
  uint64_t quad = 0;
  CHECK_EQ(fpga_pci_peek64(sda, 0x58000, &quad), 0);
  CHECK_EQ_U(quad, 0x0201000090481D0Full);
  /* Read-only registers ignore writes; below the IP's window is plain memory. */
  CHECK_EQ(fpga_pci_poke(sda, 0x58000, 0), 0);
  CHECK_EQ(fpga_pci_peek(sda, 0x58000, &value), 0);
  CHECK_EQ_U(value, 0x90481D0F);
  CHECK_EQ(fpga_pci_poke(sda, 0x400, 0x1234), 0);
  CHECK_EQ(fpga_pci_peek(sda, 0x400, &value), 0);
  CHECK_EQ_U(value, 0x1234);
  /* Held in global reset, the MMCMs lose lock. */
  CHECK_EQ(fpga_pci_poke(sda, 0x58010, 0xffffffff), 0);
  CHECK_EQ(fpga_pci_peek(sda, 0x58020, &value), 0);
  CHECK_EQ_U(value, 0);
  CHECK_EQ(fpga_pci_poke(sda, 0x58010, 0), 0);
  CHECK_EQ(fpga_pci_peek(sda, 0x58020, &value), 0);
  CHECK_EQ_U(value, 0x151);

  /* Programming group B by hand: 100 MHz x 12 / 1 / 4 = 300 MHz once loaded. */
  CHECK_EQ(fpga_pci_poke(sda, 0x50200, 12u << 8 | 1), 0);
  CHECK_EQ(fpga_pci_poke(sda, 0x50208, 4), 0);
  CHECK_EQ(fpga_pci_poke8(sda, 0x50214, 16), 0);
  CHECK_EQ(fpga_pci_poke(sda, 0x5025c, 3), 0);
  struct fpga_clkgen_info info = clocks_of(0);
  EXPECT_GROUP(info.clock_group_b, 300, 75, 0);
  /* LOAD without SEN: back to the default configuration. */
  CHECK_EQ(fpga_pci_poke(sda, 0x5025c, 1), 0);
  info = clocks_of(0);
  EXPECT_GROUP(info.clock_group_b, 450, 225, 0);
  CHECK_EQ(fpga_pci_detach(sda), 0);
}

int main(void) {
  not_found();
  recipes();
  dynamic();
  registers();
  return finish();
}
