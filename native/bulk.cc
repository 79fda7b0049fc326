// Bursts and batches: many dwords or many register accesses in one crossing.
// Like the single accesses (registers.cc), they take their numbers from the
// environment's RegisterArgs; the arrays come as the call's arguments, but
// for short bursts, which JavaScript copies into the staging buffer.
//
// On the SDK backend the addon moves the data itself, through the pointer
// range fpga_pci_get_address gives (which checks the bounds): the SDK's own
// write_burst and memset are unoptimised loops of 32-bit stores, and it has no
// read burst. A burst-capable BAR (app PF BAR4, mapped write-combining) gets
// the widest loads and stores the CPU has, streaming loads for reads and a
// store fence after writes, so that a doorbell poked next cannot pass the
// data; any other BAR (BAR0 is AXI-lite) gets 32-bit accesses only.
//
// The simulated device is called through its own entry points, so that CL
// models see every access. Once a CL model is declared its hooks may run
// JavaScript, which may resize or transfer the caller's arrays: the arrays
// are then read before the first access and written after the last, from
// copies.
#include <immintrin.h>
#include <time.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <vector>

#include "addon.h"

namespace {

// ---- The copy kernels of the SDK backend ----------------------------------

using Mmio32 = volatile uint32_t;

void Read32(uint32_t* to, const uint8_t* from, uint64_t dwords) {
  const Mmio32* source = reinterpret_cast<const Mmio32*>(from);
  for (uint64_t i = 0; i < dwords; i++) to[i] = source[i];
}

void Write32(uint8_t* to, const uint32_t* from, uint64_t dwords) {
  Mmio32* target = reinterpret_cast<Mmio32*>(to);
  for (uint64_t i = 0; i < dwords; i++) target[i] = from[i];
}

void Fill32(uint8_t* to, uint32_t value, uint64_t dwords) {
  Mmio32* target = reinterpret_cast<Mmio32*>(to);
  for (uint64_t i = 0; i < dwords; i++) target[i] = value;
}

// 32-bit loads up to the first vector-aligned address, then whole vectors
// (AVX2: two per 64-byte line), then 32-bit loads for the rest. MOVNTDQA reads
// a write-combining line into a streaming buffer, so each line costs one round
// trip to the card.
__attribute__((target("avx2"))) void ReadStreamingAvx2(uint32_t* to, const uint8_t* from, uint64_t dwords) {
  uint64_t i = 0;
  for (; i < dwords && reinterpret_cast<uintptr_t>(from + 4 * i) % 32 != 0; i++)
    to[i] = reinterpret_cast<const Mmio32*>(from)[i];
  for (; i + 16 <= dwords; i += 16) {
    const __m256i* line = reinterpret_cast<const __m256i*>(from + 4 * i);
    const __m256i low = _mm256_stream_load_si256(line);
    const __m256i high = _mm256_stream_load_si256(line + 1);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(to + i), low);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(to + i + 8), high);
  }
  if (i + 8 <= dwords) {
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(to + i), _mm256_stream_load_si256(reinterpret_cast<const __m256i*>(from + 4 * i)));
    i += 8;
  }
  Read32(to + i, from + 4 * i, dwords - i);
}

__attribute__((target("sse4.1"))) void ReadStreamingSse41(uint32_t* to, const uint8_t* from, uint64_t dwords) {
  uint64_t i = 0;
  for (; i < dwords && reinterpret_cast<uintptr_t>(from + 4 * i) % 16 != 0; i++)
    to[i] = reinterpret_cast<const Mmio32*>(from)[i];
  for (; i + 4 <= dwords; i += 4) {
    __m128i* source = const_cast<__m128i*>(reinterpret_cast<const __m128i*>(from + 4 * i));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(to + i), _mm_stream_load_si128(source));
  }
  Read32(to + i, from + 4 * i, dwords - i);
}

// 8 bytes per load: what a write-combining mapping takes without SSE4.1.
void Read64(uint32_t* to, const uint8_t* from, uint64_t dwords) {
  uint64_t i = 0;
  if (reinterpret_cast<uintptr_t>(from) % 8 != 0 && dwords > 0) {
    to[0] = *reinterpret_cast<const Mmio32*>(from);
    i = 1;
  }
  for (; i + 2 <= dwords; i += 2) {
    const uint64_t pair = *reinterpret_cast<const volatile uint64_t*>(from + 4 * i);
    std::memcpy(to + i, &pair, 8);
  }
  Read32(to + i, from + 4 * i, dwords - i);
}

// Stores from 4 MiB up are streaming: on a cached mapping ordinary ones
// would only evict the cache for lines never read back; on a write-combining
// mapping both kinds fill the same line buffers. (Far above the L2 of a core.)
constexpr uint64_t kStreamingStoreBytes = 4 << 20;

// 32-bit stores up to the first 32-byte boundary, then whole 64-byte lines
// (two 32-byte stores each, aligned), then 32-bit stores, and a store fence.
// A fill stores from[0..15] over and over: a line of its value.
template <bool kFill, bool kStream>
__attribute__((target("avx2"))) void StoreLinesAvx2(uint8_t* to, const uint32_t* from, uint64_t dwords) {
  Mmio32* target = reinterpret_cast<Mmio32*>(to);
  uint64_t i = 0;
  for (; i < dwords && reinterpret_cast<uintptr_t>(to + 4 * i) % 32 != 0; i++) target[i] = from[kFill ? 0 : i];
  for (; i + 16 <= dwords; i += 16) {
    const uint32_t* source = kFill ? from : from + i;
    const __m256i low = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(source));
    const __m256i high = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(source + 8));
    __m256i* line = reinterpret_cast<__m256i*>(to + 4 * i);
    if (kStream) {
      _mm256_stream_si256(line, low);
      _mm256_stream_si256(line + 1, high);
    } else {
      _mm256_store_si256(line, low);
      _mm256_store_si256(line + 1, high);
    }
  }
  for (; i < dwords; i++) target[i] = from[kFill ? 0 : i];
  _mm_sfence();
}

// Without AVX2: a 32-bit store to reach 8-byte alignment, then 64-bit stores.
template <bool kFill>
void Store64(uint8_t* to, const uint32_t* from, uint64_t dwords) {
  Mmio32* target = reinterpret_cast<Mmio32*>(to);
  uint64_t i = 0;
  if (reinterpret_cast<uintptr_t>(to) % 8 != 0 && dwords > 0) target[i++] = from[0];
  for (; i + 2 <= dwords; i += 2) {
    uint64_t pair;
    std::memcpy(&pair, from + (kFill ? 0 : i), 8);
    *reinterpret_cast<volatile uint64_t*>(to + 4 * i) = pair;
  }
  if (i < dwords) target[i] = from[kFill ? 0 : i];
  _mm_sfence();
}

// The loads for write-combining mappings, chosen once from CPUID, and the
// bytes each load or store moves.
struct WideKernels {
  void (*read)(uint32_t*, const uint8_t*, uint64_t);
  bool avx2;
  uint32_t read_bytes;
  uint32_t write_bytes;
};

const WideKernels& Wide() {
  static const WideKernels kernels = [] {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx2")) return WideKernels{ReadStreamingAvx2, true, 32, 32};
    if (__builtin_cpu_supports("sse4.1")) return WideKernels{ReadStreamingSse41, false, 16, 8};
    return WideKernels{Read64, false, 8, 8};
  }();
  return kernels;
}

template <bool kFill>
void StoreWide(uint8_t* to, const uint32_t* from, uint64_t dwords) {
  if (!Wide().avx2) Store64<kFill>(to, from, dwords);
  else if (4 * dwords >= kStreamingStoreBytes) StoreLinesAvx2<kFill, true>(to, from, dwords);
  else StoreLinesAvx2<kFill, false>(to, from, dwords);
}

void WriteWide(uint8_t* to, const uint32_t* from, uint64_t dwords) { StoreWide<false>(to, from, dwords); }

void FillWide(uint8_t* to, uint32_t value, uint64_t dwords) {
  uint32_t line[16];
  std::fill(line, line + 16, value);
  StoreWide<true>(to, line, dwords);
}

// ---- Arguments -------------------------------------------------------------

struct Words {
  uint32_t* data;
  size_t length;
};

// Argument `i`, which must be a Uint32Array.
Words Uint32Argument(Napi::Env env, napi_callback_info info, size_t i, const char* name) {
  napi_value args[2];
  size_t count = 2;
  napi_get_cb_info(env, info, &count, args, nullptr, nullptr);
  napi_typedarray_type type;
  Words words{nullptr, 0};
  void* data = nullptr;
  if (i >= count || napi_get_typedarray_info(env, args[i], &type, &words.length, &data, nullptr, nullptr) != napi_ok ||
      type != napi_uint32_array)
    throw Napi::TypeError::New(env, std::string(name) + " must be a Uint32Array");
  words.data = static_cast<uint32_t*>(data);
  return words;
}

// A count from the buffer: a whole number of at most `max`.
uint64_t CountArgument(Napi::Env env, double count, uint64_t max, const char* what) {
  if (!(count >= 0 && count <= static_cast<double>(max)) || std::trunc(count) != count)
    throw Napi::RangeError::New(env, std::string(what) + " is out of range");
  return static_cast<uint64_t>(count);
}

// The range [offset, offset + 4 * dwords) of the buffer's BAR, checked.
struct Range {
  Bar* bar;
  uint64_t offset;
  uint64_t dwords;
};

// Whether `bytes` from offset `at` lie inside a BAR of `size` bytes, from a
// whole offset aligned to 4 bytes.
bool InsideAligned(double at, uint64_t bytes, uint64_t size) {
  return at >= 0 && at + static_cast<double>(bytes) <= static_cast<double>(size) && std::trunc(at) == at &&
         static_cast<uint64_t>(at) % 4 == 0;
}

Range BurstRange(Napi::Env env, const AddonData& data, const RegisterArgs& args, const char* call) {
  Bar& bar = data.bars->Attached(env, args.bar, call);
  const uint64_t dwords = CountArgument(env, args.count, bar.size / 4, "dwordLen");
  if (!InsideAligned(args.offset, 4 * dwords, bar.size))
    throw Napi::RangeError::New(env, "the burst is outside the BAR or not aligned to 4 bytes");
  return {&bar, static_cast<uint64_t>(args.offset), dwords};
}

// A burst's range and the Uint32Array argument it reads from or into, which
// must hold the range's dwords.
struct ArrayBurst {
  Range range;
  Words words;
};

ArrayBurst ArrayBurstArguments(Napi::Env env, napi_callback_info info, const char* call, const char* name) {
  const AddonData& data = Data(env);
  const Range range = BurstRange(env, data, data.registers, call);
  const Words words = Uint32Argument(env, info, 0, name);
  if (range.dwords > words.length) throw Napi::RangeError::New(env, std::string("dwordLen is longer than ") + name);
  return {range, words};
}

// Runs one backend call on `bar`. The slot is read first: a CL hook run by
// the call may detach the BAR, which frees it.
template <typename Access>
void Run(Napi::Env env, const Bar& bar, const char* call, Access access) {
  const int slot = bar.slot;
  const int rc = access();
  if (rc != 0) throw SdkError(env, call, rc, slot);
}

// The SDK mapping of a checked range.
uint8_t* Mapped(Napi::Env env, const Range& range, const char* call) {
  void* address = nullptr;
  Run(env, *range.bar, call, [&] {
    return range.bar->backend->fpga_pci_get_address(range.bar->handle, range.offset, range.dwords * 4, &address);
  });
  return static_cast<uint8_t*>(address);
}

// ---- Bursts ----------------------------------------------------------------

// Data taken from a view is BAR memory, mapped a second time for the view:
// its address in the SDK's own mapping, or null when it is not such data.
// A burst whose source overlaps its destination then copies as the SDK's
// loop does, a dword at a time from the first.
const uint32_t* SdkAddressOf(const BarTable& table, const void* data, uint64_t bytes) {
  const ViewMapping* mapping = table.MappingOf(data, bytes);
  if (mapping == nullptr || mapping->bar == nullptr || !mapping->bar->attached()) return nullptr;
  const Bar& source = *mapping->bar;
  const uint64_t at = mapping->bar_offset + static_cast<uint64_t>(static_cast<const uint8_t*>(data) - mapping->base);
  void* address = nullptr;
  const int rc = source.backend->fpga_pci_get_address(source.handle, at, bytes, &address);
  return rc == 0 ? static_cast<const uint32_t*>(address) : nullptr;
}

void WriteWords(Napi::Env env, const Range& range, const uint32_t* data, const uint32_t* from_bar);

// burstWrite(data): dwords from data[0] to BAR offset, count in the buffer.
void BurstWrite(Napi::Env env, napi_callback_info info) {
  const ArrayBurst burst = ArrayBurstArguments(env, info, "bar.writeBurst", "data");
  const uint32_t* words = burst.words.data;
  WriteWords(env, burst.range, words, SdkAddressOf(*Data(env).bars, words, burst.range.dwords * 4));
}

// burstWriteStaged(): as burstWrite, from the staged dwords.
void BurstWriteStaged(Napi::Env env, napi_callback_info) {
  AddonData& data = Data(env);
  const RegisterArgs args = data.registers;
  const Range range = BurstRange(env, data, args, "bar.writeBurst");
  if (range.dwords > kStagedDwords) throw Napi::RangeError::New(env, "more dwords than are staged");
  // Copied out first: a CL hook's own burst would stage over them. A copy is
  // never BAR memory, so there is no view to look for.
  uint32_t staged[kStagedDwords];
  std::memcpy(staged, data.staged, 4 * range.dwords);
  WriteWords(env, range, staged, nullptr);
}

// Writes the range from `data`, or from `from_bar` (the SDK's address of the
// same dwords) when they are BAR memory.
void WriteWords(Napi::Env env, const Range& range, const uint32_t* data, const uint32_t* from_bar) {
  Bar& bar = *range.bar;
  if (range.dwords == 0) return;
  const uint32_t* from = from_bar != nullptr ? from_bar : data;
  if (bar.backend->simulated()) {
    Run(env, bar, "bar.writeBurst", [&] {
      return bar.backend->fpga_pci_write_burst(bar.handle, range.offset, const_cast<uint32_t*>(from), range.dwords);
    });
    return;
  }
  uint8_t* to = Mapped(env, range, "bar.writeBurst");
  if (bar.burst && from_bar == nullptr) WriteWide(to, from, range.dwords);
  else Write32(to, from, range.dwords);
}

// burstFill(): `value` in dwords from the offset.
void BurstFill(Napi::Env env, napi_callback_info) {
  AddonData& data = Data(env);
  const RegisterArgs args = data.registers;
  const Range range = BurstRange(env, data, args, "bar.memset");
  const double value = args.value;
  if (!(value >= 0 && value <= 4294967295.0) || std::trunc(value) != value)
    throw Napi::RangeError::New(env, "value must fit in 32 bits");
  Bar& bar = *range.bar;
  if (range.dwords == 0) return;
  if (bar.backend->simulated()) {
    Run(env, bar, "bar.memset", [&] {
      return bar.backend->fpga_pci_memset(bar.handle, range.offset, static_cast<uint32_t>(value), range.dwords);
    });
    return;
  }
  uint8_t* to = Mapped(env, range, "bar.memset");
  if (bar.burst) FillWide(to, static_cast<uint32_t>(value), range.dwords);
  else Fill32(to, static_cast<uint32_t>(value), range.dwords);
}

// Copies `words` into argument `i` once the accesses are done: a hook may
// have shrunk or detached it meanwhile.
void WriteBack(Napi::Env env, napi_callback_info info, size_t i, const std::vector<uint32_t>& words, const char* name) {
  const Words out = Uint32Argument(env, info, i, name);
  if (out.length < words.size())
    throw Napi::Error::New(env, std::string(name) + " was shrunk or detached while the device read into it");
  if (!words.empty()) std::memcpy(out.data, words.data(), 4 * words.size());
}

// burstRead(out): dwords from the offset into out[0...].
void BurstRead(Napi::Env env, napi_callback_info info) {
  const ArrayBurst burst = ArrayBurstArguments(env, info, "bar.readBurst", "out");
  const Range& range = burst.range;
  const Words& out = burst.words;
  Bar& bar = *range.bar;
  if (range.dwords == 0) return;
  if (bar.backend->simulated()) {
    if (!Data(env).cl_hooks) {
      Run(env, bar, "bar.readBurst", [&] {
        return bar.backend->aws_fpga_mock_read_burst(bar.handle, range.offset, out.data, range.dwords);
      });
      return;
    }
    std::vector<uint32_t> words(range.dwords);
    Run(env, bar, "bar.readBurst", [&] {
      return bar.backend->aws_fpga_mock_read_burst(bar.handle, range.offset, words.data(), range.dwords);
    });
    WriteBack(env, info, 0, words, "out");
    return;
  }
  const uint8_t* from = Mapped(env, range, "bar.readBurst");
  if (bar.burst) Wide().read(out.data, from, range.dwords);
  else Read32(out.data, from, range.dwords);
}

// ---- Batches of register accesses -----------------------------------------

// A batch's array: lent when no JavaScript can run during the accesses, else
// a copy (kept in `copy`).
const uint32_t* Lent(const Words& words, uint64_t count, bool copied, std::vector<uint32_t>* copy) {
  if (!copied) return words.data;
  copy->assign(words.data, words.data + count);
  return copy->data();
}

// The offsets of a batch, each checked against the BAR (4-byte aligned, inside).
const uint32_t* Offsets(Napi::Env env, napi_callback_info info, const Bar& bar, uint64_t count, bool copied,
                        std::vector<uint32_t>* copy) {
  const Words given = Uint32Argument(env, info, 0, "offsets");
  if (count > given.length) throw Napi::RangeError::New(env, "the batch is longer than offsets");
  const uint32_t* offsets = Lent(given, count, copied, copy);
  for (uint64_t i = 0; i < count; i++)
    if (offsets[i] % 4 != 0 || offsets[i] + uint64_t{4} > bar.size)
      throw Napi::RangeError::New(env, "offsets[" + std::to_string(i) + "] (" + std::to_string(offsets[i]) +
                                           ") is outside the BAR or not aligned to 4 bytes");
  return offsets;
}

bool HooksMayRun(const AddonData& data, const Bar& bar) { return data.cl_hooks && bar.backend->simulated(); }

// A batch: its BAR, its checked offsets, and whether its arrays are copied.
struct Batch {
  Bar* bar;
  double id;
  uint64_t count;
  bool copied;
  std::vector<uint32_t> offsets_copy;
  const uint32_t* offsets;
};

void Prepare(Napi::Env env, napi_callback_info info, const char* call, Batch* batch) {
  AddonData& data = Data(env);
  const RegisterArgs args = data.registers;
  batch->bar = &data.bars->Attached(env, args.bar, call);
  batch->id = args.bar;
  batch->count = CountArgument(env, args.count, UINT32_MAX, "the batch's length");
  batch->copied = HooksMayRun(data, *batch->bar);
  batch->offsets = Offsets(env, info, *batch->bar, batch->count, batch->copied, &batch->offsets_copy);
}

// Runs access(bar, i) for each entry, in order. With hooks, the BAR is looked
// up again before each access: the hook of the one before may have detached it.
template <typename Access>
void ForEach(Napi::Env env, const Batch& batch, const char* call, Access access) {
  for (uint64_t i = 0; i < batch.count; i++) {
    Bar& now = batch.copied ? Data(env).bars->Attached(env, batch.id, call) : *batch.bar;
    Run(env, now, call, [&] { return access(now, i); });
  }
}

// peekMany(offsets, out): out[i] = the dword at offsets[i], in order.
void PeekMany(Napi::Env env, napi_callback_info info) {
  Batch batch;
  Prepare(env, info, "bar.peekMany", &batch);
  const Words out = Uint32Argument(env, info, 1, "out");
  if (batch.count > out.length) throw Napi::RangeError::New(env, "out is shorter than the batch");
  std::vector<uint32_t> read(batch.copied ? batch.count : 0);
  uint32_t* values = batch.copied ? read.data() : out.data;
  ForEach(env, batch, "bar.peekMany",
          [&](Bar& bar, uint64_t i) { return bar.backend->fpga_pci_peek(bar.handle, batch.offsets[i], &values[i]); });
  if (batch.copied) WriteBack(env, info, 1, read, "out");
}

// pokeMany(offsets, values): writes values[i] to offsets[i], in order.
void PokeMany(Napi::Env env, napi_callback_info info) {
  Batch batch;
  Prepare(env, info, "bar.pokeMany", &batch);
  const Words given = Uint32Argument(env, info, 1, "values");
  if (batch.count > given.length) throw Napi::RangeError::New(env, "values is shorter than the batch");
  std::vector<uint32_t> values_copy;
  const uint32_t* values = Lent(given, batch.count, batch.copied, &values_copy);
  ForEach(env, batch, "bar.pokeMany",
          [&](Bar& bar, uint64_t i) { return bar.backend->fpga_pci_poke(bar.handle, batch.offsets[i], values[i]); });
}

uint64_t NowNs() {
  timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<uint64_t>(now.tv_sec) * 1000000000u + static_cast<uint64_t>(now.tv_nsec);
}

// poll(): reads the dword at the offset until (value & mask) == equals, at most
// `count` reads and `limit` ms; `value` gets the last value read, `count` the
// reads made, and `wide` 1 when it matched. A time-out is the caller's to report.
void Poll(Napi::Env env, napi_callback_info) {
  AddonData& data = Data(env);
  const RegisterArgs args = data.registers;
  Bar& bar = data.bars->Attached(env, args.bar, "bar.poll");
  const double at = args.offset;
  if (!InsideAligned(at, 4, bar.size)) throw Napi::RangeError::New(env, "offset is outside the BAR or not aligned to 4 bytes");
  const uint64_t max_polls = CountArgument(env, args.count, UINT64_MAX / 2, "maxPolls");
  const uint64_t limit_ns = CountArgument(env, args.limit, 60000, "timeoutMs") * 1000000u;
  const uint64_t deadline = NowNs() + limit_ns;
  uint32_t value = 0;
  uint64_t polls = 0;
  bool matched = false;
  while (polls < max_polls) {
    Bar& now = data.bars->Attached(env, args.bar, "bar.poll");
    Run(env, now, "bar.poll", [&] {
      return now.backend->fpga_pci_peek(now.handle, static_cast<uint64_t>(at), &value);
    });
    polls++;
    if ((value & args.mask) == args.equals) {
      matched = true;
      break;
    }
    if (polls % 16 == 0 && NowNs() >= deadline) break;
  }
  data.registers.value = value;
  data.registers.count = static_cast<double>(polls);
  data.registers.wide = matched ? 1 : 0;
}

using Entry = void (*)(Napi::Env, napi_callback_info);

template <Entry kEntry>
napi_value Call(napi_env raw_env, napi_callback_info info) {
  Napi::Env env(raw_env);
  try {
    kEntry(env, info);
  } catch (const Napi::Error& error) {
    error.ThrowAsJavaScriptException();
  }
  return nullptr;
}

template <Entry kEntry>
void Add(Napi::Env env, Napi::Object registers, const char* name) {
  napi_value function;
  if (napi_create_function(env, name, NAPI_AUTO_LENGTH, Call<kEntry>, nullptr, &function) == napi_ok)
    registers.Set(name, Napi::Value(env, function));
}

}  // namespace

void InitBulk(Napi::Env env, Napi::Object registers) {
  // What a burst-capable BAR's loads and stores move on this CPU, for the benchmarks and docs.
  Napi::Object widths = Napi::Object::New(env);
  widths.Set("readBytes", Wide().read_bytes);
  widths.Set("writeBytes", Wide().write_bytes);
  registers.Set("burstWidths", widths);
  Add<BurstWrite>(env, registers, "burstWrite");
  Add<BurstWriteStaged>(env, registers, "burstWriteStaged");
  registers.Set("staged", Napi::ArrayBuffer::New(env, Data(env).staged, sizeof(Data(env).staged)));
  Add<BurstFill>(env, registers, "burstFill");
  Add<BurstRead>(env, registers, "burstRead");
  Add<PeekMany>(env, registers, "peekMany");
  Add<PokeMany>(env, registers, "pokeMany");
  Add<Poll>(env, registers, "poll");
}
