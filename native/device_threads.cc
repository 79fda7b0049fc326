#include "device_threads.h"

#include <pthread.h>

#include <string>
#include <system_error>

namespace {

// Process-wide: the environments of worker threads each have their own
// device threads, and two of them may call on the same slot.
std::mutex& SlotLock(int slot) {
  static std::mutex locks[FPGA_SLOT_MAX];
  return locks[slot];
}

}  // namespace

struct DeviceThreads::Job {
  DeviceCall call;
  napi_deferred deferred = nullptr;
  int rc = 0;
  std::string failure;  // what `run` threw, if it did
};

struct DeviceThreads::Worker {
  std::thread thread;
  std::condition_variable wake;
  bool stop = false;  // retired: end without taking another call
  bool busy = false;  // running a call
};

DeviceThreads& DeviceThreads::Of(Napi::Env env) {
  std::shared_ptr<DeviceThreads>& threads = Data(env).device_threads;
  if (!threads) threads.reset(new DeviceThreads());
  // Owned by the environment before anything holds a pointer to it; a step
  // that failed is tried again at the next call.
  threads->Start(env);
  return *threads;
}

void DeviceThreads::Start(Napi::Env env) {
  if (deliver_ == nullptr) {
    napi_value name = Napi::String::New(env, "aws-fpga:device");
    // No JavaScript function: Deliver settles the call's Promise itself.
    NAPI_THROW_IF_FAILED_VOID(env, napi_create_threadsafe_function(env, nullptr, nullptr, name, 0, 1, nullptr, nullptr,
                                                                   this, Deliver, &deliver_));
    napi_unref_threadsafe_function(env, deliver_);
    // Added after the thread-safe function's own cleanup hook, so it runs before it.
    NAPI_THROW_IF_FAILED_VOID(env, napi_add_env_cleanup_hook(env, OnEnvCleanup, this));
  }
  if (!exit_listener_) {
    // process.exit() runs no cleanup hook on the main thread, and the
    // process's static objects (the simulated device's among them) are
    // destroyed right after: the calls in the SDK must have finished before.
    Napi::Object process = env.Global().Get("process").As<Napi::Object>();
    process.Get("on").As<Napi::Function>().Call(
        process, {Napi::String::New(env, "exit"), Napi::Function::New(env, OnProcessExit, "awsFpgaDeviceExit", this)});
    exit_listener_ = true;
  }
}

DeviceThreads::~DeviceThreads() { Stop(); }

Napi::Promise DeviceThreads::Submit(Napi::Env env, DeviceCall call) {
  if (stopping_) throw Napi::Error::New(env, std::string("aws-fpga: ") + call.op + " was called while its thread exits");
  const int slot = call.slot;
  auto job = std::make_unique<Job>();
  job->call = std::move(call);
  napi_value promise;
  NAPI_THROW_IF_FAILED(env, napi_create_promise(env, &job->deferred, &promise), Napi::Promise());
  try {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!workers_[slot]) {
      auto worker = std::make_unique<Worker>();
      worker->thread = std::thread(&DeviceThreads::Serve, this, worker.get(), slot);
      workers_[slot] = std::move(worker);
    }
    queues_[slot].push_back(std::move(job));
    workers_[slot]->wake.notify_one();
  } catch (const std::system_error& error) {
    const std::string message = std::string("aws-fpga: ") + job->call.op + ": no thread for slot " +
                                std::to_string(slot) + " (" + error.what() + ")";
    napi_reject_deferred(env, job->deferred, Napi::Error::New(env, message).Value());
    return Napi::Promise(env, promise);
  }
  if (unsettled_++ == 0) napi_ref_threadsafe_function(env, deliver_);
  return Napi::Promise(env, promise);
}

void DeviceThreads::Hold() {
  std::lock_guard<std::mutex> lock(mutex_);
  holds_++;
}

void DeviceThreads::Release() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (--holds_ > 0) return;
    // A busy thread retires itself after its call.
    for (int slot = 0; slot < FPGA_SLOT_MAX; slot++)
      if (workers_[slot] && !workers_[slot]->busy && queues_[slot].empty()) RetireLocked(slot);
  }
  JoinEnded();
}

void DeviceThreads::Serve(Worker* self, int slot) {
  pthread_setname_np(pthread_self(), ("aws-fpga slot " + std::to_string(slot)).c_str());
  std::unique_lock<std::mutex> lock(mutex_);
  std::deque<std::unique_ptr<Job>>& queue = queues_[slot];
  for (;;) {
    self->wake.wait(lock, [&] { return self->stop || !queue.empty(); });
    if (self->stop) return;
    std::unique_ptr<Job> job = std::move(queue.front());
    queue.pop_front();
    self->busy = true;
    lock.unlock();
    RunOnDevice(*job);
    lock.lock();
    self->busy = false;
    // Decided before the result goes out, so that the JavaScript thread,
    // settling it, finds this thread to join.
    if (queue.empty() && (holds_ == 0 || stopping_) && workers_[slot].get() == self) RetireLocked(slot);
    lock.unlock();
    // The function outlives every thread (Stop joins them before releasing it).
    napi_call_threadsafe_function(deliver_, job.release(), napi_tsfn_nonblocking);
    lock.lock();
  }
}

void DeviceThreads::RunOnDevice(Job& job) {
  try {
    std::lock_guard<std::mutex> slot_lock(SlotLock(job.call.slot));
    std::unique_lock<std::mutex> shared_lock;
    if (job.call.shared_lock != nullptr) shared_lock = std::unique_lock<std::mutex>(*job.call.shared_lock);
    job.rc = job.call.run();
  } catch (const std::exception& error) {
    job.failure = error.what();
  }
  // What the call captured is released on this thread, as soon as it is done.
  job.call.run = nullptr;
}

void DeviceThreads::RetireLocked(int slot) {
  std::unique_ptr<Worker>& worker = workers_[slot];
  if (!worker) return;
  worker->stop = true;
  worker->wake.notify_one();
  ended_.push_back(std::move(worker));
}

void DeviceThreads::JoinEnded() {
  std::vector<std::unique_ptr<Worker>> ended;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ended.swap(ended_);
  }
  for (auto& worker : ended) worker->thread.join();
}

void DeviceThreads::Stop() {
  std::vector<std::unique_ptr<Job>> dropped;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    for (int slot = 0; slot < FPGA_SLOT_MAX; slot++) {
      for (auto& job : queues_[slot]) dropped.push_back(std::move(job));
      queues_[slot].clear();
      RetireLocked(slot);
    }
  }
  JoinEnded();
  // Their Promises are left pending: the environment that waits for them is going away.
}

void DeviceThreads::Deliver(napi_env env, napi_value, void* context, void* data) {
  std::unique_ptr<Job> job(static_cast<Job*>(data));
  // No environment: the function is being torn down with calls it never delivered.
  if (env == nullptr) return;
  auto* self = static_cast<DeviceThreads*>(context);
  self->JoinEnded();
  self->Settle(Napi::Env(env), *job);
  if (--self->unsettled_ == 0) napi_unref_threadsafe_function(env, self->deliver_);
}

// Settling runs JavaScript (the result, the error factory). When that fails,
// the Promise rejects with the failure. No exception may leave: this is
// called from a libuv callback.
void DeviceThreads::Settle(Napi::Env env, Job& job) {
  const DeviceCall& call = job.call;
  bool resolve = false;
  napi_value value = nullptr;
  try {
    if (!job.failure.empty()) {
      value = Napi::Error::New(env, std::string("aws-fpga: ") + call.op + ": " + job.failure).Value();
    } else if (job.rc != 0) {
      value = SdkError(env, call.op, job.rc, call.slot).Value();
    } else {
      value = call.result ? call.result(env) : env.Undefined();
      resolve = true;
    }
  } catch (const Napi::Error& error) {
    value = error.Value();
    resolve = false;
  } catch (const std::exception& error) {
    napi_value message;
    if (napi_create_string_utf8(env, error.what(), NAPI_AUTO_LENGTH, &message) != napi_ok ||
        napi_create_error(env, nullptr, message, &value) != napi_ok)
      value = nullptr;
    resolve = false;
  }
  // N-API frees the deferred whether or not settling succeeds: settle it once.
  // A failure here means the environment can no longer run JavaScript.
  napi_deferred deferred = job.deferred;
  job.deferred = nullptr;
  if (value == nullptr) return;
  if (resolve)
    napi_resolve_deferred(env, deferred, value);
  else
    napi_reject_deferred(env, deferred, value);
}

void DeviceThreads::OnEnvCleanup(void* data) {
  auto* self = static_cast<DeviceThreads*>(data);
  self->Stop();
  napi_release_threadsafe_function(self->deliver_, napi_tsfn_abort);
}

Napi::Value DeviceThreads::OnProcessExit(const Napi::CallbackInfo& info) {
  static_cast<DeviceThreads*>(info.Data())->Stop();
  return info.Env().Undefined();
}

Napi::Promise QueueDeviceCall(Napi::Env env, DeviceCall call) {
  return DeviceThreads::Of(env).Submit(env, std::move(call));
}

void HoldDeviceThreads(Napi::Env env) { DeviceThreads::Of(env).Hold(); }

void ReleaseDeviceThreads(Napi::Env env) { DeviceThreads::Of(env).Release(); }
