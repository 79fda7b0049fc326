#include "async.h"

#include <string>

namespace {

std::mutex& SlotLock(int slot) {
  static std::mutex locks[FPGA_SLOT_MAX];
  return locks[slot];
}

class DeviceWorker : public Napi::AsyncWorker {
 public:
  DeviceWorker(Napi::Env env, DeviceCall call)
      : Napi::AsyncWorker(env, (std::string("aws-fpga:") + call.op).c_str()),
        deferred_(Napi::Promise::Deferred::New(env)),
        call_(std::move(call)) {}

  Napi::Promise Promise() const { return deferred_.Promise(); }

 protected:
  void Execute() override {
    {
      std::lock_guard<std::mutex> slot_lock(SlotLock(call_.slot));
      std::unique_lock<std::mutex> shared_lock;
      if (call_.shared_lock != nullptr) shared_lock = std::unique_lock<std::mutex>(*call_.shared_lock);
      rc_ = call_.run();
    }
    call_.run = nullptr;
  }

  void OnOK() override {
    Napi::Env env = Env();
    Settle([&] {
      if (rc_ != 0) {
        deferred_.Reject(SdkError(env, call_.op, rc_, call_.slot).Value());
      } else {
        deferred_.Resolve(call_.result ? call_.result(env) : env.Undefined());
      }
    });
  }

  void OnError(const Napi::Error& error) override {
    Settle([&] { deferred_.Reject(error.Value()); });
  }

 private:
  // Settling runs JavaScript (the result, the error factory). When that fails,
  // the Promise rejects with the failure; when even that fails, the
  // environment is shutting down and nobody waits for the Promise. No
  // exception may leave: it would escape a libuv callback and abort.
  template <typename Fn>
  void Settle(Fn settle) {
    try {
      settle();
    } catch (const Napi::Error& error) {
      try {
        deferred_.Reject(error.Value());
      } catch (const Napi::Error&) {
      }
    }
  }

  Napi::Promise::Deferred deferred_;
  DeviceCall call_;
  int rc_ = 0;
};

}  // namespace

Napi::Promise QueueDeviceCall(Napi::Env env, DeviceCall call) {
  auto* worker = new DeviceWorker(env, std::move(call));
  Napi::Promise promise = worker->Promise();
  worker->Queue();
  return promise;
}
