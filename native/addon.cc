// Module entry: backend selection, the error factory, and the wrapped areas.
#include "addon.h"

#include <climits>
#include <cmath>
#include <cstring>
#include <vector>

const Backend& RequireBackend(Napi::Env env) {
  const Backend* backend = Data(env).backend;
  if (backend == nullptr) throw Napi::Error::New(env, "aws-fpga: no backend chosen yet");
  return *backend;
}

Napi::Error SdkError(Napi::Env env, const char* op, int code, int slot, const char* detail) {
  Napi::FunctionReference& make = Data(env).make_error;
  if (make.IsEmpty()) return Napi::Error::New(env, std::string(op) + " failed with code " + std::to_string(code));
  Napi::Value error = make.Call({Napi::String::New(env, op), Napi::Number::New(env, code), Napi::Number::New(env, slot),
                                 detail == nullptr ? env.Undefined() : Napi::String::New(env, detail)});
  return Napi::Error(env, error);
}

namespace {

Napi::Value Arg(const Napi::CallbackInfo& info, size_t i) {
  if (i >= info.Length()) throw Napi::TypeError::New(info.Env(), "argument " + std::to_string(i) + " is missing");
  return info[i];
}

Napi::RangeError OutOfRange(const Napi::CallbackInfo& info, size_t i) {
  return Napi::RangeError::New(info.Env(), "argument " + std::to_string(i) + " is out of range");
}

}  // namespace

// One N-API call both checks the type and reads the value.
double ArgNumber(const Napi::CallbackInfo& info, size_t i) {
  double d;
  if (napi_get_value_double(info.Env(), Arg(info, i), &d) != napi_ok)
    throw Napi::TypeError::New(info.Env(), "argument " + std::to_string(i) + " must be a number");
  return d;
}

int32_t ArgInt(const Napi::CallbackInfo& info, size_t i, int32_t min, int32_t max) {
  const double d = ArgNumber(info, i);
  if (!(d >= min && d <= max) || std::trunc(d) != d) throw OutOfRange(info, i);
  return static_cast<int32_t>(d);
}

uint32_t ArgUint32(const Napi::CallbackInfo& info, size_t i) {
  const double d = ArgNumber(info, i);
  if (!(d >= 0 && d <= 4294967295.0) || std::trunc(d) != d) throw OutOfRange(info, i);
  return static_cast<uint32_t>(d);
}

uint64_t ArgUint64(const Napi::CallbackInfo& info, size_t i) {
  Napi::Env env = info.Env();
  napi_value v = Arg(info, i);
  double d;
  const napi_status status = napi_get_value_double(env, v, &d);
  if (status == napi_ok) {
    if (!(d >= 0 && d <= 9007199254740991.0) || std::trunc(d) != d) throw OutOfRange(info, i);
    return static_cast<uint64_t>(d);
  }
  uint64_t u;
  bool lossless = false;
  if (status != napi_number_expected || napi_get_value_bigint_uint64(env, v, &u, &lossless) != napi_ok)
    throw Napi::TypeError::New(env, "argument " + std::to_string(i) + " must be a number or a bigint");
  if (!lossless) throw OutOfRange(info, i);
  return u;
}

std::string ArgString(const Napi::CallbackInfo& info, size_t i) {
  Napi::Value v = Arg(info, i);
  if (!v.IsString()) throw Napi::TypeError::New(info.Env(), "argument " + std::to_string(i) + " must be a string");
  return v.As<Napi::String>().Utf8Value();
}

namespace {

Napi::Value BackendInfo(Napi::Env env) {
  const Backend* backend = Data(env).backend;
  if (backend == nullptr) return env.Null();
  Napi::Object result = Napi::Object::New(env);
  result.Set("backend", backend->linked_mock ? "mock" : "sdk");
  result.Set("library", backend->path);
  result.Set("simulated", backend->simulated());
  return result;
}

// useMock(): selects the simulated device linked into the addon.
Napi::Value UseMock(const Napi::CallbackInfo& info) {
  Data(info.Env()).backend = LinkedMockBackend();
  return BackendInfo(info.Env());
}

// useSdk(candidates: string[]): loads the first library that works, or throws
// an Error whose message lists every candidate and why it failed.
Napi::Value UseSdk(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsArray()) throw Napi::TypeError::New(env, "candidates must be an array");
  Napi::Array list = info[0].As<Napi::Array>();
  std::vector<std::string> candidates;
  for (uint32_t i = 0; i < list.Length(); i++) {
    Napi::Value item = list.Get(i);
    if (!item.IsString()) throw Napi::TypeError::New(env, "candidates must be strings");
    candidates.push_back(item.As<Napi::String>().Utf8Value());
  }
  std::string error;
  const Backend* backend = LoadSdkBackend(candidates, &error);
  if (backend == nullptr) throw Napi::Error::New(env, error);
  Data(env).backend = backend;
  return BackendInfo(env);
}

Napi::Value GetBackend(const Napi::CallbackInfo& info) { return BackendInfo(info.Env()); }

Napi::Value SetErrorFactory(const Napi::CallbackInfo& info) {
  if (info.Length() < 1 || !info[0].IsFunction()) throw Napi::TypeError::New(info.Env(), "expected a function");
  Data(info.Env()).make_error = Napi::Persistent(info[0].As<Napi::Function>());
  return info.Env().Undefined();
}

// errnoText(errno): the C library's strerror() text, which the SDK's
// fpga_mgmt_strerror returns for every negative code.
Napi::Value ErrnoText(const Napi::CallbackInfo& info) {
  const int errnum = ArgInt(info, 0, 0, INT32_MAX);
  char buffer[256];
  return Napi::String::New(info.Env(), strerror_r(errnum, buffer, sizeof buffer));
}

// sdkStrerror(code): the chosen backend's own fpga_mgmt_strerror.
Napi::Value SdkStrerror(const Napi::CallbackInfo& info) {
  const char* name = RequireBackend(info.Env()).fpga_mgmt_strerror(ArgInt(info, 0, INT32_MIN, INT32_MAX));
  return Napi::String::New(info.Env(), name == nullptr ? "" : name);
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  env.SetInstanceData(new AddonData());
  exports.Set("useMock", Napi::Function::New(env, UseMock, "useMock"));
  exports.Set("useSdk", Napi::Function::New(env, UseSdk, "useSdk"));
  exports.Set("backend", Napi::Function::New(env, GetBackend, "backend"));
  exports.Set("setErrorFactory", Napi::Function::New(env, SetErrorFactory, "setErrorFactory"));
  exports.Set("errnoText", Napi::Function::New(env, ErrnoText, "errnoText"));
  exports.Set("sdkStrerror", Napi::Function::New(env, SdkStrerror, "sdkStrerror"));
  InitPci(env, exports);
  InitRegisters(env, exports);
  InitMgmt(env, exports);
  InitClkgen(env, exports);
  InitMockControl(env, exports);
  InitMockState(env, exports);
  return exports;
}

}  // namespace

NODE_API_MODULE(aws_fpga, Init)
