// Shared by the bindings of the simulated device's controls: mock_control.cc
// (the device and its faults), mock_trace.cc and cl_bridge.cc (CL models).
#pragma once

#include <string>

#include "addon.h"

// The environment's backend, when it is a simulated device; throws otherwise.
const Backend& SimulatedBackend(Napi::Env env);

// A control of the simulated device in use; throws when that device (a
// standalone library of an older build) predates it.
template <typename Fn>
Fn MockControl(Napi::Env env, Fn Backend::*control, const char* name) {
  Fn fn = SimulatedBackend(env).*control;
  if (fn == nullptr) throw Napi::Error::New(env, std::string("the simulated device in use has no ") + name);
  return fn;
}

// undefined, or throws the FpgaError for a failed control.
Napi::Value Done(Napi::Env env, const char* op, int rc, int slot);

// Property `name` of `object` as an integer in [min, max]; TypeError/RangeError otherwise.
int64_t IntegerProperty(Napi::Object object, const char* name, int64_t min, int64_t max);

void InitMockTrace(Napi::Env env, Napi::Object exports);
void InitClBridge(Napi::Env env, Napi::Object exports);
