// Per-environment state of the addon and the helpers every wrapper shares.
#pragma once

#include <napi.h>

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_set>

#include "backend.h"

struct Bar;

// The BARs attached from one JavaScript environment, detached when it exits.
struct BarRegistry {
  std::unordered_set<Bar*> bars;
};

struct AddonData {
  const Backend* backend = nullptr;  // chosen once per environment
  Napi::FunctionReference make_error;  // (op, code, slot) => FpgaError, supplied by lib/
  std::shared_ptr<BarRegistry> registry = std::make_shared<BarRegistry>();
};

AddonData& Data(Napi::Env env);

// The chosen backend; throws when none has been chosen yet.
const Backend& RequireBackend(Napi::Env env);

// The FpgaError for an SDK return code, built by the TypeScript layer.
Napi::Error SdkError(Napi::Env env, const char* op, int code, int slot);

// Argument checks. The TypeScript layer validates first with precise messages;
// these keep the native side safe whatever reaches it.
int32_t ArgInt(const Napi::CallbackInfo& info, size_t i, int32_t min, int32_t max);
uint32_t ArgUint32(const Napi::CallbackInfo& info, size_t i);
uint64_t ArgUint64(const Napi::CallbackInfo& info, size_t i);  // number or bigint
std::string ArgString(const Napi::CallbackInfo& info, size_t i);

// An fpga_slot_spec as JavaScript: { app, mgmt } resource maps.
Napi::Object SlotSpec(Napi::Env env, const fpga_slot_spec& spec);

void InitPci(Napi::Env env, Napi::Object exports);
void InitMgmt(Napi::Env env, Napi::Object exports);
void InitClkgen(Napi::Env env, Napi::Object exports);
void InitMockControl(Napi::Env env, Napi::Object exports);
