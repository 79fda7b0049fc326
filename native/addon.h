// Per-environment state of the addon and the helpers every wrapper shares.
#pragma once

#include <napi.h>

#include <cstdint>
#include <memory>
#include <string>

#include "backend.h"
#include "bar.h"

// The arguments of one register access, written by JavaScript into a buffer
// shared with it before each call (see registers.cc).
struct RegisterArgs {
  double bar;     // the BAR's id
  double offset;
  double value;   // an 8- or 32-bit value written, or the value read
  uint64_t wide;  // a 64-bit value written, or the value read
  double count;   // the dwords of a burst, the entries of a batch, a poll's limit
  double limit;   // a poll's time limit in ms
  uint32_t mask;  // a poll's mask and the value it waits for
  uint32_t equals;
};
static_assert(sizeof(RegisterArgs) == 56, "lib/registers.ts reads this layout");
constexpr size_t kStagedDwords = 64;  // lib/registers.ts STAGED_DWORDS

class DeviceThreads;  // device_threads.h
class ResultShapes;   // shaped.h

struct AddonData {
  const Backend* backend = nullptr;  // chosen once per environment
  Napi::FunctionReference make_error;  // (op, code, slot, detail) => FpgaError, supplied by lib/
  std::shared_ptr<BarTable> bars = std::make_shared<BarTable>();  // detached when the environment exits
  RegisterArgs registers{};
  // Short bursts are staged here by JavaScript rather than passed as an
  // argument, which costs as much again as the burst (see bulk.cc).
  uint32_t staged[kStagedDwords] = {};
  std::shared_ptr<DeviceThreads> device_threads;  // created at the first device call
  std::shared_ptr<ResultShapes> shapes;            // compiled at the first result shaped
  // Set once a CL model's JavaScript may run inside device calls of this
  // environment (the simulated device's hooks): arrays passed to the device
  // are then copied rather than lent.
  bool cl_hooks = false;
};

inline AddonData& Data(Napi::Env env) { return *env.GetInstanceData<AddonData>(); }

// The chosen backend; throws when none has been chosen yet.
const Backend& RequireBackend(Napi::Env env);

// The FpgaError for an SDK return code, built by the TypeScript layer; slot -1
// for none, `detail` (optional) the specific reason.
Napi::Error SdkError(Napi::Env env, const char* op, int code, int slot, const char* detail = nullptr);

// Argument checks. The TypeScript layer validates first with precise messages;
// these keep the native side safe whatever reaches it.
double ArgNumber(const Napi::CallbackInfo& info, size_t i);
int32_t ArgInt(const Napi::CallbackInfo& info, size_t i, int32_t min, int32_t max);
uint32_t ArgUint32(const Napi::CallbackInfo& info, size_t i);
uint64_t ArgUint64(const Napi::CallbackInfo& info, size_t i);  // number or bigint
std::string ArgString(const Napi::CallbackInfo& info, size_t i);

// An fpga_slot_spec as JavaScript: { app, mgmt } resource maps (image_info.cc).
Napi::Object SlotSpec(Napi::Env env, const fpga_slot_spec& spec);
// An fpga_pci_resource_map: { vendorId, deviceId, ..., bars: [{ size, burstable }] }.
Napi::Object ResourceMap(Napi::Env env, const fpga_pci_resource_map& map);

void InitPci(Napi::Env env, Napi::Object exports);
void InitRegisters(Napi::Env env, Napi::Object exports);
// Bursts and batches of register accesses (bulk.cc), added to `registers`.
void InitBulk(Napi::Env env, Napi::Object registers);
void InitMgmt(Napi::Env env, Napi::Object exports);
void InitClkgen(Napi::Env env, Napi::Object exports);
void InitMockControl(Napi::Env env, Napi::Object exports);
void InitMockState(Napi::Env env, Napi::Object exports);
