// fpga_mgmt_* wrappers. Everything that talks to a slot returns a Promise and
// runs on the slot's device thread (async.h); load and clear resolve to a
// describe of the slot done in the same turn, as the Python bindings return one.
#include <map>
#include <memory>

#include "async.h"
#include "image_info.h"
#include "shaped.h"

namespace {

// fpga_mgmt_init runs once for however many FpgaMgmt objects are open;
// fpga_mgmt_close when the last one closes. A call still running then cannot
// be interrupted, so the close waits for it: the last call to finish closes.
class Session {
 public:
  // Counts a call as running until the last copy is released.
  class Running {
   public:
    explicit Running(const Backend* backend) : backend_(backend) {}
    Running(const Running&) = delete;
    Running& operator=(const Running&) = delete;
    ~Running() { Get().Finished(backend_); }

   private:
    const Backend* backend_;
  };

  // Never destroyed, so that no call ending during exit can outlive it.
  static Session& Get() {
    static Session* session = new Session();
    return *session;
  }

  int Open(const Backend& backend) {
    std::lock_guard<std::mutex> lock(mutex_);
    State& state = states_[&backend];
    if (!state.initialized) {
      const int rc = backend.fpga_mgmt_init();
      if (rc != 0) return rc;
      state.initialized = true;
    }
    state.users++;
    return 0;
  }

  // The SDK's code when it closed now, else 0 (closed later, or still in use).
  int Close(const Backend& backend) {
    std::lock_guard<std::mutex> lock(mutex_);
    State& state = states_[&backend];
    state.users--;
    return CloseIfIdle(backend, state);
  }

  std::shared_ptr<Running> Start(const Backend& backend) {
    std::lock_guard<std::mutex> lock(mutex_);
    states_[&backend].running++;
    return std::make_shared<Running>(&backend);
  }

 private:
  struct State {
    int users = 0;
    int running = 0;
    bool initialized = false;
  };

  void Finished(const Backend* backend) {
    std::lock_guard<std::mutex> lock(mutex_);
    State& state = states_[backend];
    state.running--;
    CloseIfIdle(*backend, state);  // on a device thread: nobody to report a failure to
  }

  int CloseIfIdle(const Backend& backend, State& state) {
    if (state.users > 0 || state.running > 0 || !state.initialized) return 0;
    state.initialized = false;
    return backend.fpga_mgmt_close();
  }

  std::mutex mutex_;
  std::map<const Backend*, State> states_;
};

// The sessions one JavaScript environment holds open, closed with it.
struct EnvSessions {
  std::map<const Backend*, int> open;
};

void CloseEnvSessions(EnvSessions* sessions) {
  for (const auto& entry : sessions->open)
    for (int i = 0; i < entry.second; i++) Session::Get().Close(*entry.first);
  delete sessions;
}

// mgmtOpen(): fpga_mgmt_init, unless another FpgaMgmt already did. The
// slots' device threads wait for calls until the last FpgaMgmt closes.
Napi::Value Open(const Napi::CallbackInfo& info) {
  const Backend& backend = RequireBackend(info.Env());
  const int rc = Session::Get().Open(backend);
  if (rc != 0) throw SdkError(info.Env(), "init", rc, -1);
  static_cast<EnvSessions*>(info.Data())->open[&backend]++;
  HoldDeviceThreads(info.Env());
  return info.Env().Undefined();
}

// mgmtClose(): fpga_mgmt_close once no FpgaMgmt is open and no call runs.
Napi::Value Close(const Napi::CallbackInfo& info) {
  const Backend& backend = RequireBackend(info.Env());
  int& open = static_cast<EnvSessions*>(info.Data())->open[&backend];
  if (open == 0) throw Napi::Error::New(info.Env(), "aws-fpga: close() without a matching open");
  open--;
  ReleaseDeviceThreads(info.Env());
  const int rc = Session::Get().Close(backend);
  if (rc != 0) throw SdkError(info.Env(), "close", rc, -1);
  return info.Env().Undefined();
}

using SdkCall = std::function<int(const Backend&)>;

// Queues `run` on `slot`, counted as a running call of the session.
Napi::Value QueueMgmt(Napi::Env env, const char* op, int slot, SdkCall run,
                      std::function<Napi::Value(Napi::Env)> result = nullptr) {
  const Backend& backend = RequireBackend(env);
  DeviceCall call;
  call.op = op;
  call.slot = slot;
  call.run = [&backend, running = Session::Get().Start(backend), run = std::move(run)] { return run(backend); };
  call.result = std::move(result);
  return QueueDeviceCall(env, std::move(call));
}

// Queues `action` (if any), then a describe with `flags`; resolves to the description.
Napi::Value QueueDescribed(Napi::Env env, const char* op, int slot, uint32_t flags, SdkCall action) {
  auto image = std::make_shared<fpga_mgmt_image_info>();
  return QueueMgmt(
      env, op, slot,
      [image, slot, flags, action = std::move(action)](const Backend& backend) {
        const int rc = action ? action(backend) : 0;
        return rc != 0 ? rc : backend.fpga_mgmt_describe_local_image(slot, image.get(), flags);
      },
      [image](Napi::Env env) { return ImageInfo(env, *image); });
}

Napi::Value AfterChange(Napi::Env env, const char* op, int slot, SdkCall action) {
  return QueueDescribed(env, op, slot, FPGA_CMD_GET_HW_METRICS, std::move(action));
}

int Slot(const Napi::CallbackInfo& info) { return ArgInt(info, 0, 0, FPGA_SLOT_MAX - 1); }

// The id as the SDK will send it: it copies at most AFI_ID_STR_MAX - 1 bytes
// and stops at the first NUL, so anything else would load a different id.
std::string Agfi(const Napi::CallbackInfo& info, size_t i) {
  std::string agfi = ArgString(info, i);
  if (agfi.empty() || agfi.size() >= AFI_ID_STR_MAX || agfi.find('\0') != std::string::npos)
    throw Napi::RangeError::New(info.Env(), "the AFI id must be 1 to 63 bytes without NUL");
  return agfi;
}

struct LoadOptions {
  std::string agfi;
  uint32_t flags;
  uint32_t clock_mains[FPGA_MMCM_GROUP_MAX];
};

// (slot, agfi, flags, clockA, clockB, clockC, ...)
LoadOptions LoadOptionArgs(const Napi::CallbackInfo& info) {
  LoadOptions options{Agfi(info, 1), ArgUint32(info, 2), {}};
  for (uint32_t i = 0; i < FPGA_MMCM_GROUP_MAX; i++) options.clock_mains[i] = ArgUint32(info, 3 + i);
  return options;
}

int InitLoadOptions(const Backend& backend, int slot, LoadOptions& given,
                    fpga_mgmt_load_local_image_options* options) {
  const int rc = backend.fpga_mgmt_init_load_local_image_options(options);
  if (rc != 0) return rc;
  options->slot_id = slot;
  options->afi_id = given.agfi.data();
  options->flags = given.flags;
  for (uint32_t i = 0; i < FPGA_MMCM_GROUP_MAX; i++) options->clock_mains[i] = given.clock_mains[i];
  return 0;
}

// mgmtDescribe(slot, flags)
Napi::Value Describe(const Napi::CallbackInfo& info) {
  return QueueDescribed(info.Env(), "describeLocalImage", Slot(info), ArgUint32(info, 1), nullptr);
}

const ShapeId kStatus = RegisterShape("status", "() => ({ status: num(), statusQ: num() })");

// mgmtGetStatus(slot) -> { status, statusQ }
Napi::Value GetStatus(const Napi::CallbackInfo& info) {
  const int slot = Slot(info);
  auto status = std::make_shared<std::pair<int, int>>(0, 0);
  return QueueMgmt(
      info.Env(), "getStatus", slot,
      [slot, status](const Backend& b) { return b.fpga_mgmt_get_status(slot, &status->first, &status->second); },
      [status](Napi::Env env) {
        return ResultShapes::Build(env, kStatus, [&](ShapeWriter& out) {
          out.Number(status->first);
          out.Number(status->second);
        });
      });
}

// mgmtLoad(slot, agfi)
Napi::Value Load(const Napi::CallbackInfo& info) {
  const int slot = Slot(info);
  return AfterChange(info.Env(), "loadLocalImage", slot, [slot, agfi = Agfi(info, 1)](const Backend& b) mutable {
    return b.fpga_mgmt_load_local_image(slot, agfi.data());
  });
}

// mgmtLoadFlags(slot, agfi, flags)
Napi::Value LoadFlags(const Napi::CallbackInfo& info) {
  const int slot = Slot(info);
  const uint32_t flags = ArgUint32(info, 2);
  return AfterChange(info.Env(), "loadLocalImageFlags", slot,
                     [slot, agfi = Agfi(info, 1), flags](const Backend& b) mutable {
                       return b.fpga_mgmt_load_local_image_flags(slot, agfi.data(), flags);
                     });
}

// mgmtLoadSyncFlags(slot, agfi, flags, timeout, delayMsec)
Napi::Value LoadSyncFlags(const Napi::CallbackInfo& info) {
  const int slot = Slot(info);
  const uint32_t flags = ArgUint32(info, 2);
  const uint32_t timeout = ArgUint32(info, 3);
  const uint32_t delay = ArgUint32(info, 4);
  return AfterChange(info.Env(), "loadLocalImageSyncFlags", slot,
                     [slot, agfi = Agfi(info, 1), flags, timeout, delay](const Backend& b) mutable {
                       fpga_mgmt_image_info waited{};
                       return b.fpga_mgmt_load_local_image_sync_flags(slot, agfi.data(), flags, timeout, delay, &waited);
                     });
}

// mgmtLoadWithOptions(slot, agfi, flags, clockA, clockB, clockC)
Napi::Value LoadWithOptions(const Napi::CallbackInfo& info) {
  const int slot = Slot(info);
  return AfterChange(info.Env(), "loadLocalImageWithOptions", slot,
                     [slot, given = LoadOptionArgs(info)](const Backend& b) mutable {
                       fpga_mgmt_load_local_image_options options;
                       const int rc = InitLoadOptions(b, slot, given, &options);
                       return rc != 0 ? rc : b.fpga_mgmt_load_local_image_with_options(&options);
                     });
}

// mgmtLoadSyncWithOptions(slot, agfi, flags, clockA, clockB, clockC, timeout, delayMsec)
Napi::Value LoadSyncWithOptions(const Napi::CallbackInfo& info) {
  const int slot = Slot(info);
  const uint32_t timeout = ArgUint32(info, 6);
  const uint32_t delay = ArgUint32(info, 7);
  return AfterChange(info.Env(), "loadLocalImageWithOptions", slot,
                     [slot, given = LoadOptionArgs(info), timeout, delay](const Backend& b) mutable {
                       fpga_mgmt_load_local_image_options options;
                       fpga_mgmt_image_info waited{};
                       const int rc = InitLoadOptions(b, slot, given, &options);
                       return rc != 0 ? rc
                                      : b.fpga_mgmt_load_local_image_sync_with_options(&options, timeout, delay, &waited);
                     });
}

// mgmtClear(slot)
Napi::Value Clear(const Napi::CallbackInfo& info) {
  const int slot = Slot(info);
  return AfterChange(info.Env(), "clearLocalImage", slot,
                     [slot](const Backend& b) { return b.fpga_mgmt_clear_local_image(slot); });
}

// mgmtClearSync(slot, timeout, delayMsec)
Napi::Value ClearSync(const Napi::CallbackInfo& info) {
  const int slot = Slot(info);
  const uint32_t timeout = ArgUint32(info, 1);
  const uint32_t delay = ArgUint32(info, 2);
  return AfterChange(info.Env(), "clearLocalImageSync", slot, [slot, timeout, delay](const Backend& b) {
    fpga_mgmt_image_info waited{};
    return b.fpga_mgmt_clear_local_image_sync(slot, timeout, delay, &waited);
  });
}

// fpga_mgmt_get_vLED_status or fpga_mgmt_get_vDIP_status.
using RegisterRead = decltype(Backend::fpga_mgmt_get_vLED_status) Backend::*;

// A 16-bit register of the slot's management PF, resolved as a number.
Napi::Value QueueRegisterRead(const Napi::CallbackInfo& info, const char* op, RegisterRead read) {
  const int slot = Slot(info);
  auto value = std::make_shared<uint16_t>(0);
  return QueueMgmt(
      info.Env(), op, slot, [slot, value, read](const Backend& b) { return (b.*read)(slot, value.get()); },
      [value](Napi::Env env) { return Napi::Number::New(env, *value); });
}

// mgmtGetVledStatus(slot)
Napi::Value GetVledStatus(const Napi::CallbackInfo& info) {
  return QueueRegisterRead(info, "getVledStatus", &Backend::fpga_mgmt_get_vLED_status);
}

// mgmtGetVdipStatus(slot)
Napi::Value GetVdipStatus(const Napi::CallbackInfo& info) {
  return QueueRegisterRead(info, "getVdipStatus", &Backend::fpga_mgmt_get_vDIP_status);
}

// mgmtSetVdip(slot, value)
Napi::Value SetVdip(const Napi::CallbackInfo& info) {
  const int slot = Slot(info);
  const uint16_t value = static_cast<uint16_t>(ArgInt(info, 1, 0, 0xffff));
  return QueueMgmt(info.Env(), "setVdip", slot, [slot, value](const Backend& b) { return b.fpga_mgmt_set_vDIP(slot, value); });
}

// mgmtSetCmdTimeout(retries) and mgmtSetCmdDelayMsec(ms): settings of the
// mailbox command, read by calls that start afterwards.
Napi::Value SetCmdTimeout(const Napi::CallbackInfo& info) {
  RequireBackend(info.Env()).fpga_mgmt_set_cmd_timeout(ArgUint32(info, 0));
  return info.Env().Undefined();
}

Napi::Value SetCmdDelayMsec(const Napi::CallbackInfo& info) {
  RequireBackend(info.Env()).fpga_mgmt_set_cmd_delay_msec(ArgUint32(info, 0));
  return info.Env().Undefined();
}

}  // namespace

void InitMgmt(Napi::Env env, Napi::Object exports) {
  auto* sessions = new EnvSessions();
  env.AddCleanupHook(CloseEnvSessions, sessions);
  exports.Set("mgmtOpen", Napi::Function::New(env, Open, "mgmtOpen", sessions));
  exports.Set("mgmtClose", Napi::Function::New(env, Close, "mgmtClose", sessions));
  const std::pair<const char*, Napi::Function::Callback> calls[] = {
      {"mgmtDescribe", Describe},
      {"mgmtGetStatus", GetStatus},
      {"mgmtLoad", Load},
      {"mgmtLoadFlags", LoadFlags},
      {"mgmtLoadSyncFlags", LoadSyncFlags},
      {"mgmtLoadWithOptions", LoadWithOptions},
      {"mgmtLoadSyncWithOptions", LoadSyncWithOptions},
      {"mgmtClear", Clear},
      {"mgmtClearSync", ClearSync},
      {"mgmtGetVledStatus", GetVledStatus},
      {"mgmtGetVdipStatus", GetVdipStatus},
      {"mgmtSetVdip", SetVdip},
      {"mgmtSetCmdTimeout", SetCmdTimeout},
      {"mgmtSetCmdDelayMsec", SetCmdDelayMsec},
  };
  for (const auto& call : calls) exports.Set(call.first, Napi::Function::New(env, call.second, call.first));
}
