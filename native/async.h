// Device calls off the JavaScript thread. Each runs on the libuv thread pool
// and settles a Promise. Calls on one slot hold that slot's process-wide lock:
// the SDK reaches a slot through a single mailbox, and two commands in it at
// once corrupt each other. Different slots run in parallel.
#pragma once

#include <functional>
#include <mutex>

#include "addon.h"

struct DeviceCall {
  const char* op;  // the JavaScript method name, for FpgaError (a string literal)
  int slot;        // already checked: 0 .. FPGA_SLOT_MAX - 1
  // Runs on a pool thread and returns the SDK's code. It is destroyed on that
  // thread as soon as it returns, so whatever it captured is released then.
  std::function<int()> run;
  // Runs on the JavaScript thread when `run` returned 0; no result: undefined.
  std::function<Napi::Value(Napi::Env)> result;
  // A lock also held during `run`, taken after the slot's (for SDK state
  // shared by every slot).
  std::mutex* shared_lock = nullptr;
};

// Queues the call; SDK failures reject with the FpgaError for `op`.
Napi::Promise QueueDeviceCall(Napi::Env env, DeviceCall call);
