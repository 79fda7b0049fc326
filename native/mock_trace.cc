// The access trace of the simulated device (aws_fpga_mock_*_trace).
#include <algorithm>
#include <cstddef>

#include "mock_bindings.h"

namespace {

// lib/mock/trace.ts reads entries in this layout.
static_assert(sizeof(aws_fpga_mock_trace_entry) == 40, "trace entries are 40 bytes");
static_assert(offsetof(aws_fpga_mock_trace_entry, value) == 8, "value at 8");
static_assert(offsetof(aws_fpga_mock_trace_entry, dwords) == 16, "dwords at 16");
static_assert(offsetof(aws_fpga_mock_trace_entry, result) == 24, "result at 24");
static_assert(offsetof(aws_fpga_mock_trace_entry, op) == 28, "op at 28");
static_assert(offsetof(aws_fpga_mock_trace_entry, slot) == 30, "slot at 30");
static_assert(offsetof(aws_fpga_mock_trace_entry, width) == 33, "width at 33");
static_assert(AWS_FPGA_MOCK_OP_PEEK == 2 && AWS_FPGA_MOCK_OP_POKE == 3 && AWS_FPGA_MOCK_OP_WRITE_BURST == 4 &&
                  AWS_FPGA_MOCK_OP_MEMSET == 5,
              "the op numbers lib/mock/trace.ts decodes");

// mockStartTrace(limit)
Napi::Value MockStartTrace(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto start = MockControl(env, &Backend::aws_fpga_mock_start_trace, "mockStartTrace");
  return Done(env, "mock.startTrace", start(ArgUint32(info, 0)), -1);
}

// mockStopTrace()
Napi::Value MockStopTrace(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return Done(env, "mock.stopTrace", MockControl(env, &Backend::aws_fpga_mock_stop_trace, "mockStopTrace")(), -1);
}

// mockReadTrace(withEntries) -> { entries: ArrayBuffer of packed entries, dropped }
Napi::Value MockReadTrace(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto read = MockControl(env, &Backend::aws_fpga_mock_read_trace, "mockReadTrace");
  const bool with_entries = info.Length() > 0 && info[0].ToBoolean();
  uint32_t recorded = 0;
  uint64_t dropped = 0;
  Done(env, "mock.trace", read(nullptr, 0, &recorded, &dropped), -1);
  const uint32_t wanted = with_entries ? recorded : 0;
  Napi::ArrayBuffer buffer = Napi::ArrayBuffer::New(env, size_t{wanted} * sizeof(aws_fpga_mock_trace_entry));
  auto* entries = static_cast<aws_fpga_mock_trace_entry*>(buffer.Data());
  // Accesses may have been recorded meanwhile: copy at most the room made.
  Done(env, "mock.trace", read(entries, wanted, &recorded, &dropped), -1);
  Napi::Object result = Napi::Object::New(env);
  result.Set("entries", buffer);
  result.Set("count", std::min(recorded, wanted));
  result.Set("dropped", Napi::Number::New(env, static_cast<double>(dropped)));
  return result;
}

}  // namespace

void InitMockTrace(Napi::Env env, Napi::Object exports) {
  exports.Set("mockStartTrace", Napi::Function::New(env, MockStartTrace, "mockStartTrace"));
  exports.Set("mockStopTrace", Napi::Function::New(env, MockStopTrace, "mockStopTrace"));
  exports.Set("mockReadTrace", Napi::Function::New(env, MockReadTrace, "mockReadTrace"));
}
