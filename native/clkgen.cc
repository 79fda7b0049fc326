// aws_clkgen_* wrappers, on the slots' device threads like the mgmt calls (async.h).
#include <memory>

#include "async.h"
#include "shaped.h"

namespace {

// The SDK's clkgen library keeps the MMCM handles it works through in
// process-wide state, so two clkgen calls must not overlap even on two slots.
std::mutex clkgen_state_lock;

Napi::Value QueueClkgen(const Napi::CallbackInfo& info, const char* op, std::function<int(const Backend&, int)> run,
                        std::function<Napi::Value(Napi::Env)> result = nullptr) {
  const Backend& backend = RequireBackend(info.Env());
  const int slot = ArgInt(info, 0, 0, FPGA_SLOT_MAX - 1);
  DeviceCall call;
  call.op = op;
  call.slot = slot;
  call.run = [&backend, slot, run = std::move(run)] { return run(backend, slot); };
  call.result = std::move(result);
  call.shared_lock = &clkgen_state_lock;
  return QueueDeviceCall(info.Env(), std::move(call));
}

// fpga_clkgen_info: each group's three clocks in MHz.
const ShapeId kClocks = RegisterShape("clocks", "() => ({ a: list(num), b: list(num), c: list(num), hbm: list(num) })");

void WriteGroup(ShapeWriter& out, const fpga_clkgen_group& group) {
  out.Count(FPGA_CLKGEN_GROUP_CLKS_MAX);
  for (uint32_t i = 0; i < FPGA_CLKGEN_GROUP_CLKS_MAX; i++) out.Number(group.clocks[i]);
}

// clkgenGetDynamic(slot) -> { a, b, c, hbm }
Napi::Value GetDynamic(const Napi::CallbackInfo& info) {
  auto clocks = std::make_shared<fpga_clkgen_info>();
  return QueueClkgen(
      info, "getDynamic", [clocks](const Backend& b, int slot) { return b.aws_clkgen_get_dynamic(slot, clocks.get()); },
      [clocks](Napi::Env env) {
        return ResultShapes::Build(env, kClocks, [&](ShapeWriter& out) {
          for (const fpga_clkgen_group& group :
               {clocks->clock_group_a, clocks->clock_group_b, clocks->clock_group_c, clocks->clock_group_hbm})
            WriteGroup(out, group);
        });
      });
}

// The four group arguments and reset of set_recipe and set_dynamic: (slot, a, b, c, hbm, reset).
struct GroupArgs {
  uint32_t a, b, c, hbm, reset;
};

GroupArgs ReadGroupArgs(const Napi::CallbackInfo& info) {
  return {ArgUint32(info, 1), ArgUint32(info, 2), ArgUint32(info, 3), ArgUint32(info, 4), ArgUint32(info, 5)};
}

// clkgenSetRecipe(slot, a, b, c, hbm, reset)
Napi::Value SetRecipe(const Napi::CallbackInfo& info) {
  return QueueClkgen(info, "setRecipe", [args = ReadGroupArgs(info)](const Backend& b, int slot) {
    return b.aws_clkgen_set_recipe(slot, args.a, args.b, args.c, args.hbm, args.reset);
  });
}

// clkgenSetDynamic(slot, aMhz, bMhz, cMhz, hbmMhz, reset)
Napi::Value SetDynamic(const Napi::CallbackInfo& info) {
  return QueueClkgen(info, "setDynamic", [args = ReadGroupArgs(info)](const Backend& b, int slot) {
    return b.aws_clkgen_set_dynamic(slot, args.a, args.b, args.c, args.hbm, args.reset);
  });
}

}  // namespace

void InitClkgen(Napi::Env env, Napi::Object exports) {
  exports.Set("clkgenGetDynamic", Napi::Function::New(env, GetDynamic, "clkgenGetDynamic"));
  exports.Set("clkgenSetRecipe", Napi::Function::New(env, SetRecipe, "clkgenSetRecipe"));
  exports.Set("clkgenSetDynamic", Napi::Function::New(env, SetDynamic, "clkgenSetDynamic"));
}
