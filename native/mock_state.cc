// Bindings that let a simulated machine outlive its process (the CLI's
// --mock): the linked simulated device's snapshot (mock/snapshot.h), and an
// advisory lock on a file so that one process at a time uses the machine.
#include <sys/file.h>

#include <cerrno>
#include <cstring>

#include "addon.h"
#include "mock/device.h"
#include "mock/snapshot.h"

namespace {

// Snapshots cover the simulated device linked into the addon only.
void RequireLinkedMock(Napi::Env env, const char* call) {
  const Backend& backend = RequireBackend(env);
  if (!backend.linked_mock)
    throw Napi::Error::New(env, std::string(call) + " needs the built-in simulated device; the backend in use is " + backend.path);
}

// mockSaveState() -> Buffer
Napi::Value MockSaveState(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  RequireLinkedMock(env, "mockSaveState");
  std::vector<uint8_t> bytes = fpga_mock::save_snapshot();
  return Napi::Buffer<uint8_t>::Copy(env, bytes.data(), bytes.size());
}

// mockRestoreState(bytes: Uint8Array): throws an Error saying what is wrong with them.
Napi::Value MockRestoreState(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  RequireLinkedMock(env, "mockRestoreState");
  if (info.Length() < 1 || !info[0].IsTypedArray() || info[0].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array)
    throw Napi::TypeError::New(env, "mockRestoreState takes a Uint8Array");
  Napi::Uint8Array bytes = info[0].As<Napi::Uint8Array>();
  std::string error;
  if (!fpga_mock::restore_snapshot(bytes.Data(), bytes.ByteLength(), &error)) throw Napi::Error::New(env, error);
  return env.Undefined();
}

// mockStartupOptions() -> the options a new process's device starts with (the
// defaults and the AWS_FPGA_MOCK_* variables), in mockReset's form.
Napi::Value MockStartupOptions(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const aws_fpga_mock_options options = fpga_mock::startup_options();
  Napi::Object result = Napi::Object::New(env);
  result.Set("slots", options.slots);
  result.Set("loadTimeMs", options.load_time_ms);
  result.Set("clearTimeMs", options.clear_time_ms);
  result.Set("virtualTime", options.virtual_time != 0);
  return result;
}

// tryLockFile(fd) -> true once this process holds the file's exclusive lock,
// false while another holds it. The lock goes with the file's last close,
// or with the process.
Napi::Value TryLockFile(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const int fd = ArgInt(info, 0, 0, INT32_MAX);
  if (flock(fd, LOCK_EX | LOCK_NB) == 0) return Napi::Boolean::New(env, true);
  if (errno == EWOULDBLOCK) return Napi::Boolean::New(env, false);
  throw Napi::Error::New(env, std::string("flock: ") + std::strerror(errno));
}

}  // namespace

void InitMockState(Napi::Env env, Napi::Object exports) {
  exports.Set("mockSaveState", Napi::Function::New(env, MockSaveState, "mockSaveState"));
  exports.Set("mockRestoreState", Napi::Function::New(env, MockRestoreState, "mockRestoreState"));
  exports.Set("mockStartupOptions", Napi::Function::New(env, MockStartupOptions, "mockStartupOptions"));
  exports.Set("tryLockFile", Napi::Function::New(env, TryLockFile, "tryLockFile"));
}
