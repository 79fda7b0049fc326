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

// A control the loaded simulated device may predate (a standalone library of an older build).
template <typename Fn>
Fn Control(Napi::Env env, Fn fn, const char* name) {
  if (fn == nullptr) throw Napi::Error::New(env, std::string("the simulated device in use has no ") + name);
  return fn;
}

Napi::Value Done(Napi::Env env, const char* op, int rc, int slot) {
  if (rc != 0) throw SdkError(env, op, rc, slot);
  return env.Undefined();
}

uint16_t OptionalUint16(Napi::Object options, const char* name) {
  const uint32_t value = OptionalUint32(options, name, 0);
  if (value > 0xffff) throw Napi::RangeError::New(options.Env(), std::string(name) + " is out of range");
  return static_cast<uint16_t>(value);
}

// mockAddAfi({ afiId, vendorId, deviceId, subsystemVendorId, subsystemDeviceId,
//              shVersion, powerWatts, hasClkgen, loadFailsWith })
Napi::Value MockAddAfi(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto add_afi = Control(env, SimulatedBackend(env).aws_fpga_mock_add_afi, "mockAddAfi");
  if (info.Length() < 1 || !info[0].IsObject()) throw Napi::TypeError::New(env, "afi must be an object");
  Napi::Object given = info[0].As<Napi::Object>();
  Napi::Value id = given.Get("afiId");
  if (!id.IsString()) throw Napi::TypeError::New(env, "afiId must be a string");
  const std::string afi_id = id.As<Napi::String>().Utf8Value();
  aws_fpga_mock_afi afi{};
  afi.afi_id = afi_id.c_str();
  afi.vendor_id = OptionalUint16(given, "vendorId");
  afi.device_id = OptionalUint16(given, "deviceId");
  afi.subsystem_vendor_id = OptionalUint16(given, "subsystemVendorId");
  afi.subsystem_device_id = OptionalUint16(given, "subsystemDeviceId");
  afi.sh_version = OptionalUint32(given, "shVersion", 0);
  afi.power_watts = OptionalUint32(given, "powerWatts", 0);
  afi.has_clkgen = given.Get("hasClkgen").ToBoolean() ? 1 : 0;
  const uint32_t fails_with = OptionalUint32(given, "loadFailsWith", 0);
  if (fails_with > INT32_MAX) throw Napi::RangeError::New(env, "loadFailsWith is out of range");
  afi.load_fails_with = static_cast<int32_t>(fails_with);
  return Done(env, "mock.addAfi", add_afi(&afi), -1);
}

// mockSetPower(slot, watts)
Napi::Value MockSetPower(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto set_power = Control(env, SimulatedBackend(env).aws_fpga_mock_set_power, "mockSetPower");
  const int slot = ArgInt(info, 0, 0, FPGA_SLOT_MAX - 1);
  return Done(env, "mock.setPower", set_power(slot, ArgUint32(info, 1)), slot);
}

// mockPowerViolation(slot)
Napi::Value MockPowerViolation(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto violation = Control(env, SimulatedBackend(env).aws_fpga_mock_power_violation, "mockPowerViolation");
  const int slot = ArgInt(info, 0, 0, FPGA_SLOT_MAX - 1);
  return Done(env, "mock.powerViolation", violation(slot), slot);
}

// mockForceStatus(slot, status, statusQ, afiId?)
Napi::Value MockForceStatus(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto force = Control(env, SimulatedBackend(env).aws_fpga_mock_force_status, "mockForceStatus");
  const int slot = ArgInt(info, 0, 0, FPGA_SLOT_MAX - 1);
  const int status = ArgInt(info, 1, INT32_MIN, INT32_MAX);
  const int status_q = ArgInt(info, 2, INT32_MIN, INT32_MAX);
  const bool has_id = info.Length() > 3 && !info[3].IsUndefined() && !info[3].IsNull();
  const std::string afi_id = has_id ? ArgString(info, 3) : std::string();
  return Done(env, "mock.forceStatus", force(slot, status, status_q, has_id ? afi_id.c_str() : nullptr), slot);
}

// mockAddPcimTraffic(slot, reads, writes)
Napi::Value MockAddPcimTraffic(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto add = Control(env, SimulatedBackend(env).aws_fpga_mock_add_pcim_traffic, "mockAddPcimTraffic");
  const int slot = ArgInt(info, 0, 0, FPGA_SLOT_MAX - 1);
  return Done(env, "mock.addPcimTraffic", add(slot, ArgUint64(info, 1), ArgUint64(info, 2)), slot);
}

// mockSetUnresponsive(slot, unresponsive)
Napi::Value MockSetUnresponsive(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto set = Control(env, SimulatedBackend(env).aws_fpga_mock_set_unresponsive, "mockSetUnresponsive");
  const int slot = ArgInt(info, 0, 0, FPGA_SLOT_MAX - 1);
  const bool unresponsive = info.Length() > 1 && info[1].ToBoolean();
  return Done(env, "mock.setUnresponsive", set(slot, unresponsive ? 1 : 0), slot);
}

}  // namespace

void InitMockControl(Napi::Env env, Napi::Object exports) {
  exports.Set("mockReset", Napi::Function::New(env, MockReset, "mockReset"));
  exports.Set("mockAdvanceTime", Napi::Function::New(env, MockAdvanceTime, "mockAdvanceTime"));
  exports.Set("mockAddAfi", Napi::Function::New(env, MockAddAfi, "mockAddAfi"));
  exports.Set("mockSetPower", Napi::Function::New(env, MockSetPower, "mockSetPower"));
  exports.Set("mockPowerViolation", Napi::Function::New(env, MockPowerViolation, "mockPowerViolation"));
  exports.Set("mockForceStatus", Napi::Function::New(env, MockForceStatus, "mockForceStatus"));
  exports.Set("mockAddPcimTraffic", Napi::Function::New(env, MockAddPcimTraffic, "mockAddPcimTraffic"));
  exports.Set("mockSetUnresponsive", Napi::Function::New(env, MockSetUnresponsive, "mockSetUnresponsive"));
}
