// Device calls off the JavaScript thread, each settling a Promise. They run
// on threads the addon owns, one per slot in use (device_threads.h), never on
// the libuv thread pool, so a call waiting in the SDK holds no pool thread
// and calls on different slots run in parallel. Calls on one slot run in the
// order queued and hold that slot's process-wide lock: the SDK reaches a slot
// through a single mailbox, and two commands in it at once corrupt each
// other (worker threads queue their calls separately).
#pragma once

#include <functional>
#include <mutex>

#include "addon.h"

struct DeviceCall {
  const char* op;  // the JavaScript method name, for FpgaError (a string literal)
  int slot;        // already checked: 0 .. FPGA_SLOT_MAX - 1
  // Runs on the slot's thread and returns the SDK's code. It is destroyed on
  // that thread as soon as it returns, so whatever it captured is released then.
  std::function<int()> run;
  // Runs on the JavaScript thread when `run` returned 0; no result: undefined.
  std::function<Napi::Value(Napi::Env)> result;
  // A lock also held during `run`, taken after the slot's (for SDK state
  // shared by every slot).
  std::mutex* shared_lock = nullptr;
};

// Queues the call; SDK failures reject with the FpgaError for `op`.
Napi::Promise QueueDeviceCall(Napi::Env env, DeviceCall call);

// While held (an FpgaMgmt of this environment open), a slot's thread waits for
// the next call; once released as often as held, threads with nothing queued
// end and are joined at once, the others after their last call.
void HoldDeviceThreads(Napi::Env env);
void ReleaseDeviceThreads(Napi::Env env);
