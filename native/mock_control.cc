// The simulated device's controls, for whichever simulated device the
// environment's backend is: the linked copy or the standalone library.
#include "addon.h"

namespace {

const Backend& SimulatedBackend(Napi::Env env) {
  const Backend& backend = RequireBackend(env);
  if (!backend.simulated())
    throw Napi::Error::New(env, "the simulated device is not in use (the backend is the SDK library " + backend.path + ")");
  return backend;
}

uint32_t OptionalUint32(Napi::Object options, const char* name, uint32_t fallback) {
  Napi::Value v = options.Get(name);
  if (v.IsUndefined()) return fallback;
  if (!v.IsNumber()) throw Napi::TypeError::New(options.Env(), std::string(name) + " must be a number");
  const double d = v.As<Napi::Number>().DoubleValue();
  if (!(d >= 0 && d <= 4294967295.0) || d != static_cast<double>(static_cast<uint32_t>(d)))
    throw Napi::RangeError::New(options.Env(), std::string(name) + " is out of range");
  return static_cast<uint32_t>(d);
}

// mockReset({ slots, loadTimeMs, clearTimeMs, virtualTime })
Napi::Value MockReset(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const Backend& backend = SimulatedBackend(env);
  aws_fpga_mock_options options;
  backend.aws_fpga_mock_default_options(&options);
  if (info.Length() > 0 && info[0].IsObject()) {
    Napi::Object given = info[0].As<Napi::Object>();
    options.slots = OptionalUint32(given, "slots", options.slots);
    options.load_time_ms = OptionalUint32(given, "loadTimeMs", options.load_time_ms);
    options.clear_time_ms = OptionalUint32(given, "clearTimeMs", options.clear_time_ms);
    Napi::Value virtual_time = given.Get("virtualTime");
    if (!virtual_time.IsUndefined()) options.virtual_time = virtual_time.ToBoolean() ? 1 : 0;
  }
  const int rc = backend.aws_fpga_mock_reset(&options);
  if (rc != 0) throw SdkError(env, "mock.reset", rc, -1);
  return env.Undefined();
}

Napi::Value MockAdvanceTime(const Napi::CallbackInfo& info) {
  const Backend& backend = SimulatedBackend(info.Env());
  backend.aws_fpga_mock_advance_time(ArgUint64(info, 0));
  return info.Env().Undefined();
}

}  // namespace

void InitMockControl(Napi::Env env, Napi::Object exports) {
  exports.Set("mockReset", Napi::Function::New(env, MockReset, "mockReset"));
  exports.Set("mockAdvanceTime", Napi::Function::New(env, MockAdvanceTime, "mockAdvanceTime"));
}
