#include "snapshot.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <optional>
#include <stdexcept>

#include "device.h"

// Layout: a header (signature, format version, payload length, FNV-1a
// checksum of the payload), then the payload: little-endian integers,
// strings as a u32 length and bytes, optionals as a u8 flag and the value.
// One visitor per structure serves both directions, so that what is written
// and what is read cannot drift apart.

namespace fpga_mock {

namespace {

constexpr char kSignature[8] = {'A', 'W', 'S', 'F', 'P', 'G', 'A', 'S'};
// Bump on any change of the payload: a snapshot of another version is refused.
constexpr uint32_t kFormatVersion = 1;
constexpr size_t kHeaderSize = sizeof(kSignature) + 4 + 4 + 8 + 8;
constexpr uint64_t kBlock = 4096;  // BAR memory is kept in blocks of this size
constexpr size_t kMaxString = 256;

// What goes wrong while reading the payload.
struct Damaged : std::runtime_error {
  using std::runtime_error::runtime_error;
};

uint64_t fnv1a(const uint8_t* data, size_t size) {
  uint64_t hash = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < size; i++) hash = (hash ^ data[i]) * 0x100000001b3ull;
  return hash;
}

uint64_t wall_ms() {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
}

class Writer {
 public:
  static constexpr bool kReading = false;
  template <typename T>
  void integer(T& value) {
    for (size_t i = 0; i < sizeof(T); i++) out_.push_back(static_cast<uint8_t>(static_cast<uint64_t>(value) >> (8 * i)));
  }
  void flag(bool& value) {
    uint8_t byte = value ? 1 : 0;
    integer(byte);
  }
  void string(std::string& value) {
    uint32_t length = static_cast<uint32_t>(value.size());
    integer(length);
    out_.insert(out_.end(), value.begin(), value.end());
  }
  void bytes(const uint8_t* data, size_t size) { out_.insert(out_.end(), data, data + size); }
  // A count of items to follow, at most `max`.
  void count(uint32_t& n, uint32_t /*max*/, const char* /*what*/) { integer(n); }
  std::vector<uint8_t>& out() { return out_; }

 private:
  std::vector<uint8_t> out_;
};

class Reader {
 public:
  static constexpr bool kReading = true;
  Reader(const uint8_t* data, size_t size) : at_(data), end_(data + size) {}
  template <typename T>
  void integer(T& value) {
    need(sizeof(T));
    uint64_t v = 0;
    for (size_t i = 0; i < sizeof(T); i++) v |= static_cast<uint64_t>(at_[i]) << (8 * i);
    value = static_cast<T>(v);
    at_ += sizeof(T);
  }
  void flag(bool& value) {
    uint8_t byte = 0;
    integer(byte);
    if (byte > 1) throw Damaged("a yes/no field holds " + std::to_string(byte));
    value = byte == 1;
  }
  void string(std::string& value) {
    uint32_t length = 0;
    count(length, kMaxString, "a string");
    need(length);
    value.assign(reinterpret_cast<const char*>(at_), length);
    at_ += length;
  }
  void bytes(uint8_t* data, size_t size) {
    need(size);
    std::memcpy(data, at_, size);
    at_ += size;
  }
  void count(uint32_t& n, uint32_t max, const char* what) {
    integer(n);
    if (n > max) throw Damaged(std::string(what) + " has " + std::to_string(n) + " items, at most " + std::to_string(max));
  }
  bool done() const { return at_ == end_; }

 private:
  void need(size_t n) {
    if (static_cast<size_t>(end_ - at_) < n) throw Damaged("it ends in the middle of a field");
  }
  const uint8_t* at_;
  const uint8_t* end_;
};

template <typename Io, typename T>
void optional(Io& io, std::optional<T>& value, void (*visit)(Io&, T&)) {
  bool present = value.has_value();
  io.flag(present);
  if (Io::kReading) value = present ? std::optional<T>(T()) : std::nullopt;
  if (present) visit(io, *value);
}

// An AFI by its id: the catalog supplies the rest when reading.
template <typename Io>
void afi(Io& io, AfiEntry& entry) {
  io.string(entry.id);
  if (!Io::kReading) return;
  std::optional<AfiEntry> known = Catalog::get().find(entry.id);
  if (!known) throw Damaged("it names the AFI \"" + entry.id + "\", which the simulated service does not know");
  entry = *known;
}

// afi_device_ids is packed: its fields go through locals, never references.
template <typename Io>
void ids(Io& io, afi_device_ids& ids) {
  uint16_t fields[] = {ids.vendor_id, ids.device_id, ids.svid, ids.ssid};
  for (uint16_t& field : fields) io.integer(field);
  ids.vendor_id = fields[0];
  ids.device_id = fields[1];
  ids.svid = fields[2];
  ids.ssid = fields[3];
}

template <typename Io>
void report(Io& io, ImageReport& r) {
  io.integer(r.status);
  io.integer(r.status_q);
  io.string(r.afi_id);
  ids(io, r.ids);
}

template <typename Io>
void forced(Io& io, ForcedReport& f) {
  io.integer(f.status);
  io.integer(f.status_q);
  optional<Io, std::string>(io, f.afi_id, [](Io& io, std::string& s) { io.string(s); });
}

template <typename Io>
void image(Io& io, Image& image) {
  report(io, image.report);
  uint8_t op = static_cast<uint8_t>(image.op);
  io.integer(op);
  if (op > static_cast<uint8_t>(Image::Op::kClear)) throw Damaged("unknown image operation " + std::to_string(op));
  image.op = static_cast<Image::Op>(op);
  io.integer(image.op_done_ms);
  io.string(image.op_afi_id);
  optional<Io, AfiEntry>(io, image.op_afi, afi<Io>);
  io.integer(image.op_fails_with);
  report(io, image.before_prefetch);
  optional<Io, ForcedReport>(io, image.forced_outcome, forced<Io>);
  optional<Io, AfiEntry>(io, image.running, afi<Io>);
  uint32_t cached = static_cast<uint32_t>(image.cached.size());
  io.count(cached, FPGA_CACHED_AGFIS_MAX, "the AFI cache");
  image.cached.resize(cached);
  for (uint64_t& number : image.cached) io.integer(number);
  io.flag(image.unresponsive);
  io.flag(image.held_busy);
}

template <typename Io>
void mmcm(Io& io, MmcmSettings& s) {
  for (uint32_t* field : {&s.mult, &s.mult_frac, &s.div, &s.div0, &s.div0_frac, &s.div1, &s.div2}) io.integer(*field);
}

// One block of BAR memory that is not all zero.
struct Block {
  uint64_t offset = 0;
  std::vector<uint8_t> data;
};

// A slot's state apart from the device: copied out under the slot's lock
// when saving, read and checked in full before anything is applied.
struct SlotState {
  Image image;
  Metrics metrics;
  bool clocks_gated = false;
  afi_device_ids app_ids{};
  std::optional<ClockGen> clock_gen;
  std::vector<Block> bars[FPGA_PF_MAX][FPGA_BAR_PER_PF_MAX];
};

}  // namespace

// Reaches the private state of the classes it is a friend of.
struct SnapshotAccess {
  template <typename Io>
  static void metrics(Io& io, Metrics& m) {
    io.integer(m.int_status_);
    for (Metrics::Timeouts* t : {&m.ocl_, &m.sda_, &m.pcis_}) {
      io.integer(t->addr);
      io.integer(t->count);
    }
    io.integer(m.pcim_reads_);
    io.integer(m.pcim_writes_);
    io.integer(m.watts_);
    io.integer(m.max_watts_);
    io.integer(m.since_ms_);
    io.integer(m.changed_ms_);
    io.integer(m.energy_);
  }

  template <typename Io>
  static void clock_gen(Io& io, ClockGen& g) {
    for (ClockGen::Mmcm& m : g.mmcm_) {
      mmcm(io, m.written);
      mmcm(io, m.running);
    }
    io.integer(g.global_reset_);
    io.integer(g.system_reset_);
    io.integer(g.disable_main_reset_);
  }

  static ClockGen* clock_gen_of(LoadedCl& cl) { return cl.clock_gen_.get(); }

  // The clock reads `ms` from now on.
  static void set_now(Clock& clock, uint64_t ms) {
    if (clock.virtual_) {
      clock.virtual_now_ = ms;
      return;
    }
    const int64_t now_ns =
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
    clock.real_start_ns_ = now_ns - static_cast<int64_t>(ms) * 1000000;
  }
};

namespace {

template <typename Io>
void bar_blocks(Io& io, std::vector<Block>& blocks, uint64_t bar_size) {
  uint32_t n = static_cast<uint32_t>(blocks.size());
  io.count(n, static_cast<uint32_t>(std::min<uint64_t>(bar_size / kBlock, UINT32_MAX)), "a BAR's memory");
  blocks.resize(n);
  for (Block& block : blocks) {
    io.integer(block.offset);
    if (block.offset % kBlock != 0 || block.offset >= bar_size)
      throw Damaged("a block of BAR memory lies at " + std::to_string(block.offset) + ", off the BAR");
    block.data.resize(kBlock);
    io.bytes(block.data.data(), kBlock);
  }
}

template <typename Io>
void slot_state(Io& io, SlotState& s, const fpga_slot_spec& spec) {
  image(io, s.image);
  SnapshotAccess::metrics(io, s.metrics);
  io.flag(s.clocks_gated);
  ids(io, s.app_ids);
  optional<Io, ClockGen>(io, s.clock_gen, SnapshotAccess::clock_gen<Io>);
  for (int pf = 0; pf < FPGA_PF_MAX; pf++) {
    for (int bar = 0; bar < FPGA_BAR_PER_PF_MAX; bar++) {
      uint64_t size;
      std::memcpy(&size, &spec.map[pf].resource_size[bar], sizeof(size));
      bar_blocks(io, s.bars[pf][bar], size);
    }
  }
}

bool all_zero(const uint8_t* data, size_t size) {
  return std::all_of(data, data + size, [](uint8_t byte) { return byte == 0; });
}

// The mappings of this process with resident pages, from the kernel's
// summary: far quicker than asking mincore about each page of a 128 GiB BAR.
struct Mapped {
  uintptr_t start, end;
};
class ResidentMappings {
 public:
  ResidentMappings() {
    FILE* smaps = std::fopen("/proc/self/smaps", "r");
    readable_ = smaps != nullptr;
    if (!readable_) return;
    Mapped current{0, 0};
    char line[512];
    while (std::fgets(line, sizeof(line), smaps) != nullptr) {
      unsigned long start, end, kib;
      if (std::sscanf(line, "%lx-%lx ", &start, &end) == 2) {
        current = {start, end};
      } else if (std::sscanf(line, "Rss: %lu kB", &kib) == 1 && kib > 0) {
        mappings_.push_back(current);
      }
    }
    std::fclose(smaps);
  }
  // Whether [base, base + size) may have resident pages (yes, when the summary could not be read).
  bool any(const uint8_t* base, uint64_t size) const {
    const uintptr_t first = reinterpret_cast<uintptr_t>(base), last = first + size;
    return !readable_ || std::any_of(mappings_.begin(), mappings_.end(),
                                     [&](const Mapped& m) { return m.start < last && m.end > first; });
  }

 private:
  bool readable_ = false;
  std::vector<Mapped> mappings_;
};

// The blocks of BAR memory holding something: only pages ever touched are
// resident in its sparse mapping, so only those are looked at.
std::vector<Block> written_blocks(BarMemory& memory, const ResidentMappings& resident_mappings) {
  std::vector<Block> blocks;
  uint8_t* base = memory.size() == 0 ? nullptr : memory.base();
  if (base == nullptr || !resident_mappings.any(base, memory.size())) return blocks;
  const uint64_t page = static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
  const uint64_t chunk = page * 65536;
  std::vector<unsigned char> resident;
  for (uint64_t start = 0; start < memory.size(); start += chunk) {
    const uint64_t length = std::min(chunk, memory.size() - start);
    resident.assign((length + page - 1) / page, 0);
    if (mincore(base + start, length, resident.data()) != 0) continue;
    for (size_t i = 0; i < resident.size(); i++) {
      if ((resident[i] & 1) == 0) continue;
      const uint64_t page_start = start + i * page;
      for (uint64_t at = page_start; at < std::min(page_start + page, memory.size()); at += kBlock) {
        if (all_zero(base + at, kBlock)) continue;
        blocks.push_back({at, std::vector<uint8_t>(base + at, base + at + kBlock)});
      }
    }
  }
  return blocks;
}

SlotState copy_out(Slot& slot, const ResidentMappings& resident) {
  SlotLock lock(slot);
  SlotState s;
  s.image = slot.image;
  s.metrics = slot.metrics;
  s.clocks_gated = slot.clocks_gated;
  const fpga_pci_resource_map& app = slot.spec.map[FPGA_APP_PF];
  s.app_ids = {app.vendor_id, app.device_id, app.subsystem_vendor_id, app.subsystem_device_id};
  if (slot.cl) {
    if (ClockGen* gen = SnapshotAccess::clock_gen_of(*slot.cl)) s.clock_gen = *gen;
  }
  for (int pf = 0; pf < FPGA_PF_MAX; pf++) {
    for (int bar = 0; bar < FPGA_BAR_PER_PF_MAX; bar++) s.bars[pf][bar] = written_blocks(slot.bars[pf][bar], resident);
  }
  return s;
}

void apply(Slot& slot, SlotState& s) {
  SlotLock lock(slot);
  slot.image = s.image;
  slot.metrics = s.metrics;
  slot.clocks_gated = s.clocks_gated;
  fpga_pci_resource_map& app = slot.spec.map[FPGA_APP_PF];
  app.vendor_id = s.app_ids.vendor_id;
  app.device_id = s.app_ids.device_id;
  app.subsystem_vendor_id = s.app_ids.svid;
  app.subsystem_device_id = s.app_ids.ssid;
  if (slot.image.running) {
    slot.cl = std::make_unique<LoadedCl>(*slot.image.running, Device::get().clock(), slot);
    ClockGen* gen = SnapshotAccess::clock_gen_of(*slot.cl);
    if (gen != nullptr && s.clock_gen) *gen = *s.clock_gen;
  }
  for (int pf = 0; pf < FPGA_PF_MAX; pf++) {
    for (int bar = 0; bar < FPGA_BAR_PER_PF_MAX; bar++) {
      if (s.bars[pf][bar].empty()) continue;
      uint8_t* base = slot.bars[pf][bar].base();
      if (base == nullptr) continue;
      for (const Block& block : s.bars[pf][bar]) std::memcpy(base + block.offset, block.data.data(), kBlock);
    }
  }
}

template <typename Io>
void options(Io& io, aws_fpga_mock_options& o) {
  io.integer(o.slots);
  if (o.slots < 1 || o.slots > FPGA_SLOT_MAX) throw Damaged("it has " + std::to_string(o.slots) + " slots");
  io.integer(o.load_time_ms);
  io.integer(o.clear_time_ms);
  io.integer(o.virtual_time);
}

void put_header(std::vector<uint8_t>* out, const std::vector<uint8_t>& payload) {
  Writer header;
  header.bytes(reinterpret_cast<const uint8_t*>(kSignature), sizeof(kSignature));
  uint32_t version = kFormatVersion, reserved = 0;
  uint64_t size = payload.size(), checksum = fnv1a(payload.data(), payload.size());
  header.integer(version);
  header.integer(reserved);
  header.integer(size);
  header.integer(checksum);
  *out = std::move(header.out());
  out->insert(out->end(), payload.begin(), payload.end());
}

// The payload, after the header's checks; throws Damaged.
const uint8_t* checked_payload(const uint8_t* data, size_t size, size_t* payload_size) {
  if (size < kHeaderSize || std::memcmp(data, kSignature, sizeof(kSignature)) != 0)
    throw Damaged("it is not a simulated device's state (it lacks the format's signature)");
  Reader header(data + sizeof(kSignature), kHeaderSize - sizeof(kSignature));
  uint32_t version, reserved;
  uint64_t length, checksum;
  header.integer(version);
  header.integer(reserved);
  header.integer(length);
  header.integer(checksum);
  if (version != kFormatVersion)
    throw Damaged("it is in format version " + std::to_string(version) + "; this build reads version " +
                  std::to_string(kFormatVersion));
  if (length != size - kHeaderSize)
    throw Damaged("it is " + std::to_string(size) + " bytes long, " + std::to_string(length + kHeaderSize) + " expected");
  if (fnv1a(data + kHeaderSize, length) != checksum) throw Damaged("its checksum does not match its contents");
  *payload_size = length;
  return data + kHeaderSize;
}

}  // namespace

std::vector<uint8_t> save_snapshot() {
  Device& device = Device::get();
  Writer io;
  aws_fpga_mock_options o = device.options();
  options(io, o);
  uint64_t now = device.clock().now_ms(), wall = wall_ms();
  io.integer(now);
  io.integer(wall);
  // Map every BAR first (each maps at its first use), so that the summary covers them.
  for (int i = 0; i < device.slot_count(); i++) {
    for (auto& pf_bars : device.slot(i)->bars)
      for (BarMemory& memory : pf_bars)
        if (memory.size() != 0) memory.base();
  }
  const ResidentMappings resident;
  for (int i = 0; i < device.slot_count(); i++) {
    Slot& slot = *device.slot(i);
    SlotState state = copy_out(slot, resident);
    slot_state(io, state, slot.spec);
  }
  std::vector<uint8_t> out;
  put_header(&out, io.out());
  return out;
}

bool restore_snapshot(const uint8_t* data, size_t size, std::string* error) {
  aws_fpga_mock_options o{};
  uint64_t saved_now = 0, saved_wall = 0;
  std::vector<SlotState> slots;
  try {
    size_t payload_size = 0;
    const uint8_t* payload = checked_payload(data, size, &payload_size);
    Reader io(payload, payload_size);
    options(io, o);
    io.integer(saved_now);
    io.integer(saved_wall);
    slots.resize(o.slots);
    for (uint32_t i = 0; i < o.slots; i++) {
      fpga_slot_spec spec;
      default_slot_spec(static_cast<int>(i), static_cast<int>(o.slots), &spec);
      slot_state(io, slots[i], spec);
    }
    if (!io.done()) throw Damaged("it has bytes past its last slot");
  } catch (const Damaged& damaged) {
    *error = damaged.what();
    return false;
  }
  Device& device = Device::get();
  device.reset(o);
  // Real time went on while no process ran the device; virtual time did not.
  const uint64_t wall = wall_ms();
  const uint64_t elapsed = o.virtual_time == 0 && wall > saved_wall ? wall - saved_wall : 0;
  SnapshotAccess::set_now(device.clock(), saved_now + elapsed);
  for (uint32_t i = 0; i < o.slots; i++) apply(*device.slot(static_cast<int>(i)), slots[i]);
  return true;
}

}  // namespace fpga_mock
