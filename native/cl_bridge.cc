// CL models written in JavaScript (lib/mock/cl-*.ts). The device runs a
// model's hooks only on the thread that declared it (control.h): here the
// JavaScript thread of the declaring environment, inside the peek, poke,
// writeBurst or memset that made the access. Every hook calls the
// environment's one dispatcher function synchronously.
//
// A hook that throws leaves its exception pending: the device completes the
// access as for a failed hook (reads all ones), the call's later hooks do not
// run, and the exception reaches the caller when the native call returns.
// Once the environment has exited, the models it declared stay with the
// device until its next reset and answer as a CL that does not respond.
#include <atomic>
#include <memory>
#include <vector>

#include "mock_bindings.h"

namespace {

enum class HookKind : uint32_t { kReadRegister, kWriteRegister, kReadRange, kWriteRange };

// An environment's dispatcher, kept alive by the models that use it.
struct Dispatcher {
  std::atomic<bool> alive{true};  // false from the environment's cleanup on
  napi_env env = nullptr;
  // Deleted at the environment's cleanup, never by a destructor: a destructor
  // may run at process exit, when the environment is gone.
  napi_ref function = nullptr;
};

// The context of one model's hooks; the device releases it.
struct ModelContext {
  std::shared_ptr<Dispatcher> dispatcher;
  uint32_t model_id;
};

// One environment's side of the bridge.
struct Bridge {
  std::shared_ptr<Dispatcher> dispatcher = std::make_shared<Dispatcher>();
};

bool ToUint64(napi_env env, napi_value value, uint64_t* result) {
  double d;
  if (napi_get_value_double(env, value, &d) == napi_ok) {
    if (!(d >= 0 && d <= 9007199254740991.0) || d != static_cast<double>(static_cast<uint64_t>(d))) return false;
    *result = static_cast<uint64_t>(d);
    return true;
  }
  bool lossless = false;
  return napi_get_value_bigint_uint64(env, value, result, &lossless) == napi_ok && lossless;
}

// dispatcher(modelId, slot, kind, index, offset, width, value), with a handle
// scope open. `result` (reads) gets the number or bigint returned.
int CallInScope(napi_env env, const Dispatcher& d, const ModelContext& model, int slot, HookKind kind, uint32_t index,
                uint64_t offset, uint32_t width, uint64_t value, uint64_t* result) {
  napi_value function, receiver, returned, argv[7];
  const bool ready = napi_get_reference_value(env, d.function, &function) == napi_ok && function != nullptr &&
                     napi_get_undefined(env, &receiver) == napi_ok &&
                     napi_create_uint32(env, model.model_id, &argv[0]) == napi_ok &&
                     napi_create_int32(env, slot, &argv[1]) == napi_ok &&
                     napi_create_uint32(env, static_cast<uint32_t>(kind), &argv[2]) == napi_ok &&
                     napi_create_uint32(env, index, &argv[3]) == napi_ok &&
                     napi_create_double(env, static_cast<double>(offset), &argv[4]) == napi_ok &&
                     napi_create_uint32(env, width, &argv[5]) == napi_ok &&
                     (width == 8 ? napi_create_bigint_uint64(env, value, &argv[6])
                                 : napi_create_double(env, static_cast<double>(value), &argv[6])) == napi_ok;
  if (!ready) return AWS_FPGA_MOCK_HOOK_FAILED;
  // On a throw the exception stays pending, for the access's caller.
  if (napi_call_function(env, receiver, function, 7, argv, &returned) != napi_ok) return AWS_FPGA_MOCK_HOOK_FAILED;
  if (result != nullptr && !ToUint64(env, returned, result)) {
    napi_throw_type_error(env, nullptr, "a CL model's read hook must return a non-negative integer or bigint");
    return AWS_FPGA_MOCK_HOOK_FAILED;
  }
  return AWS_FPGA_MOCK_HOOK_OK;
}

int Call(void* context, int slot, HookKind kind, uint32_t index, uint64_t offset, uint32_t width, uint64_t value,
         uint64_t* result) {
  const ModelContext& model = *static_cast<const ModelContext*>(context);
  const Dispatcher& d = *model.dispatcher;
  if (!d.alive || d.function == nullptr) return AWS_FPGA_MOCK_HOOK_NO_RESPONSE;
  napi_env env = d.env;
  bool pending = true;
  // An earlier hook of the same call threw: JavaScript cannot run until it returns.
  if (napi_is_exception_pending(env, &pending) != napi_ok || pending) return AWS_FPGA_MOCK_HOOK_FAILED;
  napi_handle_scope scope;
  if (napi_open_handle_scope(env, &scope) != napi_ok) return AWS_FPGA_MOCK_HOOK_FAILED;
  const int rc = CallInScope(env, d, model, slot, kind, index, offset, width, value, result);
  napi_close_handle_scope(env, scope);
  return rc;
}

int ReadRegister(void* context, int slot, uint32_t index, uint32_t* value) {
  uint64_t read = 0;
  const int rc = Call(context, slot, HookKind::kReadRegister, index, 0, 4, 0, &read);
  *value = static_cast<uint32_t>(read);
  return rc;
}

int WriteRegister(void* context, int slot, uint32_t index, uint32_t value) {
  return Call(context, slot, HookKind::kWriteRegister, index, 0, 4, value, nullptr);
}

int ReadRange(void* context, int slot, uint32_t index, uint64_t offset, uint32_t width, uint64_t* value) {
  return Call(context, slot, HookKind::kReadRange, index, offset, width, 0, value);
}

int WriteRange(void* context, int slot, uint32_t index, uint64_t offset, uint32_t width, uint64_t value) {
  return Call(context, slot, HookKind::kWriteRange, index, offset, width, value, nullptr);
}

void Release(void* context) { delete static_cast<ModelContext*>(context); }

void CloseBridge(Bridge* bridge) {
  Dispatcher& d = *bridge->dispatcher;
  d.alive = false;
  if (d.function != nullptr) napi_delete_reference(d.env, d.function);
  d.function = nullptr;
  delete bridge;
}

Bridge& BridgeOf(const Napi::CallbackInfo& info) { return *static_cast<Bridge*>(info.Data()); }

// mockSetClDispatcher(fn)
Napi::Value SetDispatcher(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsFunction()) throw Napi::TypeError::New(env, "the dispatcher must be a function");
  Dispatcher& d = *BridgeOf(info).dispatcher;
  napi_ref function;
  NAPI_THROW_IF_FAILED(env, napi_create_reference(env, info[0], 1, &function), Napi::Value());
  if (d.function != nullptr) napi_delete_reference(env, d.function);
  d.function = function;
  Data(env).cl_hooks = true;
  return env.Undefined();
}

Napi::Array ArrayArg(const Napi::CallbackInfo& info, size_t i, uint32_t max, const char* name) {
  if (info.Length() <= i || !info[i].IsArray()) throw Napi::TypeError::New(info.Env(), std::string(name) + " must be an array");
  Napi::Array array = info[i].As<Napi::Array>();
  if (array.Length() > max) throw Napi::RangeError::New(info.Env(), std::string("too many ") + name);
  return array;
}

Napi::Object Element(Napi::Array array, uint32_t i) {
  Napi::Value v = array.Get(i);
  if (!v.IsObject()) throw Napi::TypeError::New(array.Env(), "model entries must be objects");
  return v.As<Napi::Object>();
}

constexpr int64_t kMaxOffset = 9007199254740991;  // offsets arrive as safe-integer numbers

std::vector<aws_fpga_mock_cl_register> RegistersArg(const Napi::CallbackInfo& info, size_t i) {
  Napi::Array array = ArrayArg(info, i, AWS_FPGA_MOCK_CL_REGISTERS_MAX, "registers");
  std::vector<aws_fpga_mock_cl_register> registers(array.Length());
  for (uint32_t r = 0; r < array.Length(); r++) {
    Napi::Object e = Element(array, r);
    registers[r] = {static_cast<uint64_t>(IntegerProperty(e, "offset", 0, kMaxOffset)),
                    static_cast<uint32_t>(IntegerProperty(e, "reset", 0, UINT32_MAX)),
                    static_cast<uint32_t>(IntegerProperty(e, "flags", 0, UINT32_MAX)),
                    static_cast<int32_t>(IntegerProperty(e, "pf", 0, FPGA_PF_MAX - 1)),
                    static_cast<int32_t>(IntegerProperty(e, "bar", 0, FPGA_BAR_PER_PF_MAX - 1))};
  }
  return registers;
}

std::vector<aws_fpga_mock_cl_range> RangesArg(const Napi::CallbackInfo& info, size_t i) {
  Napi::Array array = ArrayArg(info, i, AWS_FPGA_MOCK_CL_RANGES_MAX, "ranges");
  std::vector<aws_fpga_mock_cl_range> ranges(array.Length());
  for (uint32_t r = 0; r < array.Length(); r++) {
    Napi::Object e = Element(array, r);
    ranges[r] = {static_cast<uint64_t>(IntegerProperty(e, "offset", 0, kMaxOffset)),
                 static_cast<uint64_t>(IntegerProperty(e, "length", 0, kMaxOffset)),
                 static_cast<int32_t>(IntegerProperty(e, "pf", 0, FPGA_PF_MAX - 1)),
                 static_cast<int32_t>(IntegerProperty(e, "bar", 0, FPGA_BAR_PER_PF_MAX - 1))};
  }
  return ranges;
}

// mockSetClModel(afiId, registers, ranges) -> the model's id, with which its
// hooks call the dispatcher. Ids are unique in the process, so that a model
// can never be mistaken for another, whichever copy of lib/ declared it.
Napi::Value SetClModel(const Napi::CallbackInfo& info) {
  static std::atomic<uint32_t> last_model_id{0};
  Napi::Env env = info.Env();
  auto set_model = MockControl(env, &Backend::aws_fpga_mock_set_cl_model, "mockSetClModel");
  Bridge& bridge = BridgeOf(info);
  if (bridge.dispatcher->function == nullptr) throw Napi::Error::New(env, "no CL model dispatcher is set");
  const std::string afi_id = ArgString(info, 0);
  const std::vector<aws_fpga_mock_cl_register> registers = RegistersArg(info, 1);
  const std::vector<aws_fpga_mock_cl_range> ranges = RangesArg(info, 2);
  const uint32_t model_id = ++last_model_id;
  auto context = std::make_unique<ModelContext>(ModelContext{bridge.dispatcher, model_id});
  const aws_fpga_mock_cl_model model{registers.data(), static_cast<uint32_t>(registers.size()), ranges.data(),
                                     static_cast<uint32_t>(ranges.size()),
                                     {context.get(), ReadRegister, WriteRegister, ReadRange, WriteRange, Release}};
  Done(env, "mock.defineCl", set_model(afi_id.c_str(), &model), -1);
  context.release();  // the device's now
  return Napi::Number::New(env, model_id);
}

// The CL's side of its slot, from a model's hooks (or outside them).
int PfArg(const Napi::CallbackInfo& info, size_t i) { return ArgInt(info, i, 0, FPGA_PF_MAX - 1); }
int BarArg(const Napi::CallbackInfo& info, size_t i) { return ArgInt(info, i, 0, FPGA_BAR_PER_PF_MAX - 1); }
int SlotArg(const Napi::CallbackInfo& info) { return ArgInt(info, 0, 0, FPGA_SLOT_MAX - 1); }

// mockClGetRegister(slot, pf, bar, offset) -> number
Napi::Value ClGetRegister(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto get = MockControl(env, &Backend::aws_fpga_mock_cl_get_register, "mockClGetRegister");
  const int slot = SlotArg(info);
  uint32_t value = 0;
  Done(env, "cl.get", get(slot, PfArg(info, 1), BarArg(info, 2), ArgUint64(info, 3), &value), slot);
  return Napi::Number::New(env, value);
}

// mockClSetRegister(slot, pf, bar, offset, value)
Napi::Value ClSetRegister(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto set = MockControl(env, &Backend::aws_fpga_mock_cl_set_register, "mockClSetRegister");
  const int slot = SlotArg(info);
  return Done(env, "cl.set", set(slot, PfArg(info, 1), BarArg(info, 2), ArgUint64(info, 3), ArgUint32(info, 4)), slot);
}

// mockClSetLeds(slot, value)
Napi::Value ClSetLeds(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto set_leds = MockControl(env, &Backend::aws_fpga_mock_cl_set_leds, "mockClSetLeds");
  const int slot = SlotArg(info);
  return Done(env, "cl.setLeds", set_leds(slot, static_cast<uint16_t>(ArgInt(info, 1, 0, UINT16_MAX))), slot);
}

// mockClGetVdip(slot) -> number
Napi::Value ClGetVdip(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto get_vdip = MockControl(env, &Backend::aws_fpga_mock_cl_get_vdip, "mockClGetVdip");
  const int slot = SlotArg(info);
  uint16_t value = 0;
  Done(env, "cl.dipSwitches", get_vdip(slot, &value), slot);
  return Napi::Number::New(env, value);
}

// mockClMemory(slot, pf, bar, offset, length) -> ArrayBuffer over BAR memory,
// which stays mapped for the life of the process (so no finalizer).
Napi::Value ClMemory(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto memory = MockControl(env, &Backend::aws_fpga_mock_cl_memory, "mockClMemory");
  const int slot = SlotArg(info);
  const uint64_t length = ArgUint64(info, 4);
  if (length > (uint64_t{1} << 32)) throw Napi::RangeError::New(env, "a CL memory window covers at most 4 GiB");
  void* address = nullptr;
  Done(env, "cl.memory", memory(slot, PfArg(info, 1), BarArg(info, 2), ArgUint64(info, 3), length, &address), slot);
  return Napi::ArrayBuffer::New(env, address, static_cast<size_t>(length));
}

}  // namespace

void InitClBridge(Napi::Env env, Napi::Object exports) {
  auto* bridge = new Bridge();
  bridge->dispatcher->env = env;
  env.AddCleanupHook(CloseBridge, bridge);
  exports.Set("mockSetClDispatcher", Napi::Function::New(env, SetDispatcher, "mockSetClDispatcher", bridge));
  exports.Set("mockSetClModel", Napi::Function::New(env, SetClModel, "mockSetClModel", bridge));
  const std::pair<const char*, Napi::Function::Callback> cl_side[] = {
      {"mockClGetRegister", ClGetRegister}, {"mockClSetRegister", ClSetRegister}, {"mockClSetLeds", ClSetLeds},
      {"mockClGetVdip", ClGetVdip},         {"mockClMemory", ClMemory},
  };
  for (const auto& fn : cl_side) exports.Set(fn.first, Napi::Function::New(env, fn.second, fn.first));
}
