// The simulated device's controls, for whichever simulated device the
// environment's backend is: the linked copy or the standalone library.
#include <cmath>

#include "mock_bindings.h"

const Backend& SimulatedBackend(Napi::Env env) {
  const Backend& backend = RequireBackend(env);
  if (!backend.simulated())
    throw Napi::Error::New(env, "the simulated device is not in use (the backend is the SDK library " + backend.path + ")");
  return backend;
}

Napi::Value Done(Napi::Env env, const char* op, int rc, int slot) {
  if (rc != 0) throw SdkError(env, op, rc, slot);
  return env.Undefined();
}

int64_t IntegerProperty(Napi::Object object, const char* name, int64_t min, int64_t max) {
  Napi::Value v = object.Get(name);
  if (!v.IsNumber()) throw Napi::TypeError::New(object.Env(), std::string(name) + " must be a number");
  const double d = v.As<Napi::Number>().DoubleValue();
  if (!(d >= static_cast<double>(min) && d <= static_cast<double>(max)) || std::trunc(d) != d)
    throw Napi::RangeError::New(object.Env(), std::string(name) + " is out of range");
  return static_cast<int64_t>(d);
}

namespace {

uint32_t OptionalUint32(Napi::Object options, const char* name, uint32_t fallback) {
  if (options.Get(name).IsUndefined()) return fallback;
  return static_cast<uint32_t>(IntegerProperty(options, name, 0, UINT32_MAX));
}

uint16_t OptionalUint16(Napi::Object options, const char* name) {
  if (options.Get(name).IsUndefined()) return 0;
  return static_cast<uint16_t>(IntegerProperty(options, name, 0, UINT16_MAX));
}

Napi::Object ObjectArg(const Napi::CallbackInfo& info, size_t i, const char* name) {
  if (info.Length() <= i || !info[i].IsObject()) throw Napi::TypeError::New(info.Env(), std::string(name) + " must be an object");
  return info[i].As<Napi::Object>();
}

int SlotArg(const Napi::CallbackInfo& info, size_t i) { return ArgInt(info, i, 0, FPGA_SLOT_MAX - 1); }

// A slot, or -1 for every slot (AWS_FPGA_MOCK_ANY_SLOT).
int SlotOrAnyArg(const Napi::CallbackInfo& info, size_t i) { return ArgInt(info, i, -1, FPGA_SLOT_MAX - 1); }

bool FlagArg(const Napi::CallbackInfo& info, size_t i) { return info.Length() > i && info[i].ToBoolean(); }

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
  return Done(env, "mock.reset", backend.aws_fpga_mock_reset(&options), -1);
}

Napi::Value MockAdvanceTime(const Napi::CallbackInfo& info) {
  const Backend& backend = SimulatedBackend(info.Env());
  return Done(info.Env(), "mock.advanceTime", backend.aws_fpga_mock_advance_time(ArgUint64(info, 0)), -1);
}

// mockNow() -> ms since the last reset
Napi::Value MockNow(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  uint64_t ms = 0;
  Done(env, "mock.now", MockControl(env, &Backend::aws_fpga_mock_now, "mockNow")(&ms), -1);
  return Napi::Number::New(env, static_cast<double>(ms));
}

// mockAddAfi({ afiId, vendorId, deviceId, subsystemVendorId, subsystemDeviceId,
//              shVersion, powerWatts, hasClkgen, loadFailsWith })
Napi::Value MockAddAfi(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto add_afi = MockControl(env, &Backend::aws_fpga_mock_add_afi, "mockAddAfi");
  Napi::Object given = ObjectArg(info, 0, "afi");
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
  afi.load_fails_with = given.Get("loadFailsWith").IsUndefined()
                            ? 0
                            : static_cast<int32_t>(IntegerProperty(given, "loadFailsWith", 0, INT32_MAX));
  return Done(env, "mock.addAfi", add_afi(&afi), -1);
}

// mockSetPower(slot, watts)
Napi::Value MockSetPower(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto set_power = MockControl(env, &Backend::aws_fpga_mock_set_power, "mockSetPower");
  const int slot = SlotArg(info, 0);
  return Done(env, "mock.setPower", set_power(slot, ArgUint32(info, 1)), slot);
}

// mockPowerViolation(slot)
Napi::Value MockPowerViolation(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto violation = MockControl(env, &Backend::aws_fpga_mock_power_violation, "mockPowerViolation");
  const int slot = SlotArg(info, 0);
  return Done(env, "mock.powerViolation", violation(slot), slot);
}

// mockForceStatus(slot, status, statusQ, afiId?)
Napi::Value MockForceStatus(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto force = MockControl(env, &Backend::aws_fpga_mock_force_status, "mockForceStatus");
  const int slot = SlotArg(info, 0);
  const int status = ArgInt(info, 1, INT32_MIN, INT32_MAX);
  const int status_q = ArgInt(info, 2, INT32_MIN, INT32_MAX);
  const bool has_id = info.Length() > 3 && !info[3].IsUndefined() && !info[3].IsNull();
  const std::string afi_id = has_id ? ArgString(info, 3) : std::string();
  return Done(env, "mock.forceStatus", force(slot, status, status_q, has_id ? afi_id.c_str() : nullptr), slot);
}

// mockAddPcimTraffic(slot, reads, writes)
Napi::Value MockAddPcimTraffic(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto add = MockControl(env, &Backend::aws_fpga_mock_add_pcim_traffic, "mockAddPcimTraffic");
  const int slot = SlotArg(info, 0);
  return Done(env, "mock.addPcimTraffic", add(slot, ArgUint64(info, 1), ArgUint64(info, 2)), slot);
}

// mockSetUnresponsive(slot, unresponsive)
Napi::Value MockSetUnresponsive(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto set = MockControl(env, &Backend::aws_fpga_mock_set_unresponsive, "mockSetUnresponsive");
  const int slot = SlotArg(info, 0);
  return Done(env, "mock.setUnresponsive", set(slot, FlagArg(info, 1) ? 1 : 0), slot);
}

// The names lib/mock gives the operations of aws_fpga_mock_op.
constexpr std::pair<const char*, aws_fpga_mock_op> kFaultOps[] = {
    {"attach", AWS_FPGA_MOCK_OP_ATTACH},
    {"detach", AWS_FPGA_MOCK_OP_DETACH},
    {"peek", AWS_FPGA_MOCK_OP_PEEK},
    {"poke", AWS_FPGA_MOCK_OP_POKE},
    {"writeBurst", AWS_FPGA_MOCK_OP_WRITE_BURST},
    {"memset", AWS_FPGA_MOCK_OP_MEMSET},
    {"getAddress", AWS_FPGA_MOCK_OP_GET_ADDRESS},
    {"getSlotSpec", AWS_FPGA_MOCK_OP_GET_SLOT_SPEC},
    {"getResourceMap", AWS_FPGA_MOCK_OP_GET_RESOURCE_MAP},
    {"rescan", AWS_FPGA_MOCK_OP_RESCAN},
    {"describe", AWS_FPGA_MOCK_OP_DESCRIBE},
    {"getStatus", AWS_FPGA_MOCK_OP_GET_STATUS},
    {"load", AWS_FPGA_MOCK_OP_LOAD},
    {"clear", AWS_FPGA_MOCK_OP_CLEAR},
    {"getVled", AWS_FPGA_MOCK_OP_GET_VLED},
    {"setVdip", AWS_FPGA_MOCK_OP_SET_VDIP},
    {"getVdip", AWS_FPGA_MOCK_OP_GET_VDIP},
    {"clkgenGet", AWS_FPGA_MOCK_OP_CLKGEN_GET},
    {"clkgenSet", AWS_FPGA_MOCK_OP_CLKGEN_SET},
    {"readBurst", AWS_FPGA_MOCK_OP_READ_BURST},
};
static_assert(sizeof(kFaultOps) / sizeof(kFaultOps[0]) == AWS_FPGA_MOCK_OP_COUNT, "every operation has a name");

aws_fpga_mock_op FaultOpArg(const Napi::CallbackInfo& info, size_t i) {
  const std::string name = ArgString(info, i);
  for (const auto& op : kFaultOps)
    if (name == op.first) return op.second;
  throw Napi::RangeError::New(info.Env(), "unknown operation " + name);
}

// mockFailNext(op, slot | -1, code, count)
Napi::Value MockFailNext(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto fail_next = MockControl(env, &Backend::aws_fpga_mock_fail_next, "mockFailNext");
  const aws_fpga_mock_op op = FaultOpArg(info, 0);
  const int slot = SlotOrAnyArg(info, 1);
  const int code = ArgInt(info, 2, INT32_MIN, INT32_MAX);
  return Done(env, "mock.failNext", fail_next(op, slot, code, ArgUint32(info, 3)), slot);
}

// mockSetBusy(slot, busy)
Napi::Value MockSetBusy(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto set_busy = MockControl(env, &Backend::aws_fpga_mock_set_busy, "mockSetBusy");
  const int slot = SlotArg(info, 0);
  return Done(env, "mock.setSlotBusy", set_busy(slot, FlagArg(info, 1) ? 1 : 0), slot);
}

// mockSetLatency({ loadMs, clearMs, describeMs }): omitted ones are 0
Napi::Value MockSetLatency(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto set_latency = MockControl(env, &Backend::aws_fpga_mock_set_latency, "mockSetLatency");
  Napi::Object given = ObjectArg(info, 0, "latency");
  aws_fpga_mock_latency latency{OptionalUint32(given, "loadMs", 0), OptionalUint32(given, "clearMs", 0),
                                OptionalUint32(given, "describeMs", 0)};
  return Done(env, "mock.setLatency", set_latency(&latency), -1);
}

// mockDenyAttach(slot | -1, deny)
Napi::Value MockDenyAttach(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto deny_attach = MockControl(env, &Backend::aws_fpga_mock_deny_attach, "mockDenyAttach");
  const int slot = SlotOrAnyArg(info, 0);
  return Done(env, "mock.denyAttach", deny_attach(slot, FlagArg(info, 1) ? 1 : 0), slot);
}

}  // namespace

void InitMockControl(Napi::Env env, Napi::Object exports) {
  const std::pair<const char*, Napi::Function::Callback> controls[] = {
      {"mockReset", MockReset},
      {"mockAdvanceTime", MockAdvanceTime},
      {"mockNow", MockNow},
      {"mockAddAfi", MockAddAfi},
      {"mockSetPower", MockSetPower},
      {"mockPowerViolation", MockPowerViolation},
      {"mockForceStatus", MockForceStatus},
      {"mockAddPcimTraffic", MockAddPcimTraffic},
      {"mockSetUnresponsive", MockSetUnresponsive},
      {"mockFailNext", MockFailNext},
      {"mockSetBusy", MockSetBusy},
      {"mockSetLatency", MockSetLatency},
      {"mockDenyAttach", MockDenyAttach},
  };
  for (const auto& control : controls) exports.Set(control.first, Napi::Function::New(env, control.second, control.first));
  InitMockTrace(env, exports);
  InitClBridge(env, exports);
}
