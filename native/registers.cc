// Register access: peek and poke of 8, 32 and 64 bits, the hot loop of every
// program that drives a CL. Converting N-API arguments and results costs more
// than the rest of an access, so the arguments travel through a buffer shared
// with JavaScript (RegisterArgs) and the functions take none. They are shared
// by every BAR, which keeps each JavaScript call site monomorphic.
#include <limits>

#include "addon.h"

namespace {

template <typename T>
using PeekFunction = int (*)(pci_bar_handle_t, uint64_t, T*);
template <typename T>
using PokeFunction = int (*)(pci_bar_handle_t, uint64_t, T);

// The BAR and offset of an access of `width` bytes, checked: JavaScript may
// have written anything into the buffer.
Bar& AccessedBar(Napi::Env env, const AddonData& data, const RegisterArgs& args, unsigned width, uint64_t* offset,
                 const char* op) {
  Bar& bar = data.bars->Attached(env, args.bar, op);
  // In range before the conversion, which is defined only for values that fit.
  // BAR sizes are far below 2^53, so the double arithmetic is exact.
  const double at = args.offset;
  if (!(at >= 0 && at + width <= static_cast<double>(bar.size)))
    throw Napi::RangeError::New(env, "access is outside the BAR");
  *offset = static_cast<uint64_t>(at);
  if (static_cast<double>(*offset) != at || *offset % width != 0)
    throw Napi::RangeError::New(env, "offset must be an integer multiple of " + std::to_string(width));
  return bar;
}

// The value of a poke of width T.
template <typename T>
T PokedValue(Napi::Env env, const RegisterArgs& args) {
  if constexpr (sizeof(T) == 8) {
    return args.wide;
  } else {
    const double value = args.value;
    if (!(value >= 0 && value <= std::numeric_limits<T>::max()) || static_cast<double>(static_cast<T>(value)) != value)
      throw Napi::RangeError::New(env, "value must fit in " + std::to_string(8 * sizeof(T)) + " bits");
    return static_cast<T>(value);
  }
}

// The arguments are copied before the SDK call: a CL model's hook may make
// accesses of its own, which reuse the buffer.
template <typename T, PeekFunction<T> Backend::*kPeek>
void PeekAs(Napi::Env env, AddonData& data, const char* op) {
  const RegisterArgs args = data.registers;
  uint64_t offset;
  const Bar& bar = AccessedBar(env, data, args, sizeof(T), &offset, op);
  T value;
  const int slot = bar.slot;  // a CL hook run by the access may detach the BAR, which frees it
  const int rc = (bar.backend->*kPeek)(bar.handle, offset, &value);
  if (rc != 0) throw SdkError(env, op, rc, slot);
  if constexpr (sizeof(T) == 8) {
    data.registers.wide = value;
  } else {
    data.registers.value = value;
  }
}

template <typename T, PokeFunction<T> Backend::*kPoke>
void PokeAs(Napi::Env env, AddonData& data, const char* op) {
  const RegisterArgs args = data.registers;
  uint64_t offset;
  const Bar& bar = AccessedBar(env, data, args, sizeof(T), &offset, op);
  const T value = PokedValue<T>(env, args);
  const int slot = bar.slot;  // as in PeekAs
  const int rc = (bar.backend->*kPoke)(bar.handle, offset, value);
  if (rc != 0) throw SdkError(env, op, rc, slot);
}

void Peek(Napi::Env env, AddonData& data) { PeekAs<uint32_t, &Backend::fpga_pci_peek>(env, data, "bar.peek"); }
void Peek8(Napi::Env env, AddonData& data) { PeekAs<uint8_t, &Backend::fpga_pci_peek8>(env, data, "bar.peek8"); }
void Peek64(Napi::Env env, AddonData& data) { PeekAs<uint64_t, &Backend::fpga_pci_peek64>(env, data, "bar.peek64"); }
void Poke(Napi::Env env, AddonData& data) { PokeAs<uint32_t, &Backend::fpga_pci_poke>(env, data, "bar.poke"); }
void Poke8(Napi::Env env, AddonData& data) { PokeAs<uint8_t, &Backend::fpga_pci_poke8>(env, data, "bar.poke8"); }
void Poke64(Napi::Env env, AddonData& data) { PokeAs<uint64_t, &Backend::fpga_pci_poke64>(env, data, "bar.poke64"); }

// Does nothing: the benchmarks' measure of the crossing into native code
// that every access makes.
void Noop(Napi::Env, AddonData&) {}

// For comparison: a no-op that takes poke's arguments as N-API values, the
// usual way, and reads them.
Napi::Value NoopWithArguments(const Napi::CallbackInfo& info) {
  for (size_t i = 0; i < 3; i++) ArgNumber(info, i);
  return info.Env().Undefined();
}

using Access = void (*)(Napi::Env, AddonData&);

// A bare N-API callback around an access: node-addon-api's own wrapper costs
// as much again as the access. Errors reach JavaScript as exceptions.
template <Access kAccess>
napi_value Call(napi_env raw_env, napi_callback_info) {
  Napi::Env env(raw_env);
  try {
    kAccess(env, Data(env));
  } catch (const Napi::Error& error) {
    error.ThrowAsJavaScriptException();
  }
  return nullptr;
}

template <Access kAccess>
Napi::Function Function(Napi::Env env, const char* name) {
  napi_value function;
  NAPI_THROW_IF_FAILED(env, napi_create_function(env, name, NAPI_AUTO_LENGTH, Call<kAccess>, nullptr, &function),
                       Napi::Function());
  return Napi::Function(env, function);
}

}  // namespace

// registers: { buffer, peek, peek8, peek64, poke, poke8, poke64, noop }. The
// buffer is the environment's RegisterArgs, which outlive any JavaScript.
void InitRegisters(Napi::Env env, Napi::Object exports) {
  Napi::Object registers = Napi::Object::New(env);
  RegisterArgs* args = &Data(env).registers;
  registers.Set("buffer", Napi::ArrayBuffer::New(env, args, sizeof(*args)));
  registers.Set("peek", Function<Peek>(env, "peek"));
  registers.Set("peek8", Function<Peek8>(env, "peek8"));
  registers.Set("peek64", Function<Peek64>(env, "peek64"));
  registers.Set("poke", Function<Poke>(env, "poke"));
  registers.Set("poke8", Function<Poke8>(env, "poke8"));
  registers.Set("poke64", Function<Poke64>(env, "poke64"));
  registers.Set("noop", Function<Noop>(env, "noop"));
  InitBulk(env, registers);
  exports.Set("registers", registers);
  exports.Set("noopWithArguments", Napi::Function::New(env, NoopWithArguments, "noopWithArguments"));
}
