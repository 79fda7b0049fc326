/* Minimal checks for the C tests of the simulated device: each failed check
 * prints where and what, and finish() prints the counts and gives the exit
 * status. Programs link against libfpga_mgmt_mock.so (as libfpga_mgmt.so.1). */
#ifndef AWS_FPGA_TEST_CHECK_H
#define AWS_FPGA_TEST_CHECK_H

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "mock/control.h"
#include "sdk_abi.h"

/* An SDK function the binding does not use, so sdk_abi.h does not declare it. */
int fpga_mgmt_load_local_image_sync(int slot_id, char* afi_id, uint32_t timeout, uint32_t delay_msec,
                                    struct fpga_mgmt_image_info* info);

static int checks_run;
static int checks_failed;

static inline void check_report(int ok, const char* file, int line, const char* what, const char* detail) {
  checks_run++;
  if (ok) return;
  checks_failed++;
  printf("FAILED %s:%d: %s%s\n", file, line, what, detail);
}

static inline void check_ll(long long actual, long long expected, const char* what, const char* file, int line) {
  char detail[96];
  snprintf(detail, sizeof(detail), " (got %lld, want %lld)", actual, expected);
  check_report(actual == expected, file, line, what, detail);
}

static inline void check_ull(unsigned long long actual, unsigned long long expected, const char* what, const char* file,
                      int line) {
  char detail[96];
  snprintf(detail, sizeof(detail), " (got %#llx, want %#llx)", actual, expected);
  check_report(actual == expected, file, line, what, detail);
}

static inline void check_str(const char* actual, const char* expected, const char* what, const char* file, int line) {
  char detail[200];
  snprintf(detail, sizeof(detail), " (got \"%.80s\", want \"%.80s\")", actual ? actual : "(null)", expected);
  check_report(actual != NULL && strcmp(actual, expected) == 0, file, line, what, detail);
}

static inline void check_near(double actual, double expected, double tolerance, const char* what, const char* file,
                       int line) {
  char detail[96];
  snprintf(detail, sizeof(detail), " (got %.6f, want %.6f)", actual, expected);
  check_report(fabs(actual - expected) <= tolerance, file, line, what, detail);
}

#define CHECK(cond) check_report((cond) != 0, __FILE__, __LINE__, #cond, "")
#define CHECK_EQ(actual, expected) check_ll((long long)(actual), (long long)(expected), #actual, __FILE__, __LINE__)
#define CHECK_EQ_U(actual, expected) \
  check_ull((unsigned long long)(actual), (unsigned long long)(expected), #actual, __FILE__, __LINE__)
#define CHECK_STR(actual, expected) check_str((actual), (expected), #actual, __FILE__, __LINE__)
#define CHECK_NEAR(actual, expected, tolerance) \
  check_near((actual), (expected), (tolerance), #actual, __FILE__, __LINE__)

static inline int finish(void) {
  printf("%d checks, %d failed\n", checks_run, checks_failed);
  return checks_failed == 0 ? 0 : 1;
}

/* A fresh device in virtual time, with fpga_mgmt initialized. */
static inline void fresh_device(uint32_t slots, uint32_t load_ms, uint32_t clear_ms) {
  struct aws_fpga_mock_options options = {slots, load_ms, clear_ms, 1};
  CHECK_EQ(aws_fpga_mock_reset(&options), 0);
  CHECK_EQ(fpga_mgmt_close(), 0); /* a fresh library: no mailbox handles yet */
  CHECK_EQ(fpga_mgmt_init(), 0);
}

static inline struct fpga_mgmt_image_info describe(int slot, uint32_t flags) {
  struct fpga_mgmt_image_info info;
  memset(&info, 0xa5, sizeof(info));
  CHECK_EQ(fpga_mgmt_describe_local_image(slot, &info, flags), 0);
  return info;
}

/* The two AFIs every simulated catalog starts with: cl_sde and CL_MEM_PERF. */
#define SDE "agfi-0925b211f5a81b071"
#define MEM_PERF "agfi-080817d089f3cd2ed"

#endif
