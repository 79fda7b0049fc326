// The threads device calls wait on, one per slot in use, owned by the addon
// instance of one JavaScript environment (the main thread or a worker), so
// that a call waiting in the SDK never holds a libuv thread-pool thread.
//
// A slot's thread runs its calls one at a time in the order queued; results
// go back to the JavaScript thread through one thread-safe function. While
// an FpgaMgmt of the environment is open (Hold) a thread waits for the next
// call; otherwise it ends once its queue is empty, and the JavaScript thread
// joins it. The environment's teardown, and the process's 'exit' event, wait
// for the calls already in the SDK (they cannot be interrupted), drop the
// queued ones and join every thread.
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "async.h"

class DeviceThreads {
 public:
  // The environment's, created (with its thread-safe function) at first use.
  static DeviceThreads& Of(Napi::Env env);

  DeviceThreads(const DeviceThreads&) = delete;
  DeviceThreads& operator=(const DeviceThreads&) = delete;
  ~DeviceThreads();

  // Queues `call` on its slot's thread, starting it if none serves the slot.
  Napi::Promise Submit(Napi::Env env, DeviceCall call);

  void Hold();
  // The last release ends the threads with nothing queued at once.
  void Release();

 private:
  struct Job;
  struct Worker;

  DeviceThreads() = default;
  // Creates the thread-safe function and hooks the environment's teardown and the process's exit.
  void Start(Napi::Env env);

  void Serve(Worker* self, int slot);
  static void RunOnDevice(Job& job);
  // Moves the slot's worker to ended_ and tells it to stop; mutex_ held.
  void RetireLocked(int slot);
  // Joins the workers that have ended or been told to stop (JavaScript thread).
  void JoinEnded();
  // Drops the queued calls and joins every thread: the calls already in the
  // SDK finish first. Later calls reject. Idempotent.
  void Stop();

  static void Deliver(napi_env env, napi_value callback, void* context, void* data);
  void Settle(Napi::Env env, Job& job);
  static void OnEnvCleanup(void* self);
  static Napi::Value OnProcessExit(const Napi::CallbackInfo& info);

  std::mutex mutex_;
  std::deque<std::unique_ptr<Job>> queues_[FPGA_SLOT_MAX];
  std::unique_ptr<Worker> workers_[FPGA_SLOT_MAX];  // the thread serving each slot, if any
  std::vector<std::unique_ptr<Worker>> ended_;
  int holds_ = 0;
  bool stopping_ = false;

  napi_threadsafe_function deliver_ = nullptr;
  bool exit_listener_ = false;
  size_t unsettled_ = 0;  // JavaScript thread only: while > 0 the event loop stays alive
};
