#include "declared_cl.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <tuple>

#include "device.h"
#include "harness.h"
#include "lanes.h"

namespace fpga_mock {

namespace {

constexpr uint32_t kKnownFlags = AWS_FPGA_MOCK_REG_READ_ONLY | AWS_FPGA_MOCK_REG_WRITE_1_TO_CLEAR |
                                 AWS_FPGA_MOCK_REG_CLEAR_ON_READ | AWS_FPGA_MOCK_REG_READ_HOOK |
                                 AWS_FPGA_MOCK_REG_WRITE_HOOK;

// The size of a BAR that reaches the CL (OCL, PCIS, SDA), or 0 for any other.
uint64_t cl_bar_size(int pf, int bar) {
  const bool reaches_cl = (pf == FPGA_APP_PF && (bar == 0 || bar == 4)) || (pf == FPGA_MGMT_PF && bar == 4);
  if (!reaches_cl) return 0;
  fpga_slot_spec spec;
  default_slot_spec(0, 1, &spec);
  uint64_t size;
  std::memcpy(&size, &spec.map[pf].resource_size[bar], sizeof(size));
  return size;
}

bool fits(int pf, int bar, uint64_t offset, uint64_t length) {
  const uint64_t size = cl_bar_size(pf, bar);
  return length <= size && offset <= size - length;
}

bool valid_register(const aws_fpga_mock_cl_register& r, const aws_fpga_mock_cl_hooks& hooks) {
  const bool contradictory =
      (r.flags & AWS_FPGA_MOCK_REG_READ_ONLY) && (r.flags & AWS_FPGA_MOCK_REG_WRITE_1_TO_CLEAR);
  return r.offset % 4 == 0 && fits(r.pf, r.bar, r.offset, 4) && (r.flags & ~kKnownFlags) == 0 && !contradictory &&
         (!(r.flags & AWS_FPGA_MOCK_REG_READ_HOOK) || hooks.read_register != nullptr) &&
         (!(r.flags & AWS_FPGA_MOCK_REG_WRITE_HOOK) || hooks.write_register != nullptr);
}

bool valid_range(const aws_fpga_mock_cl_range& r, const aws_fpga_mock_cl_hooks& hooks) {
  return r.length > 0 && r.offset % 8 == 0 && r.length % 8 == 0 && fits(r.pf, r.bar, r.offset, r.length) &&
         hooks.read_range != nullptr && hooks.write_range != nullptr;
}

bool inside(const aws_fpga_mock_cl_range& range, int pf, int bar, uint64_t offset) {
  return range.pf == pf && range.bar == bar && offset >= range.offset && offset - range.offset < range.length;
}

bool overlap(const aws_fpga_mock_cl_range& a, const aws_fpga_mock_cl_range& b) {
  return a.pf == b.pf && a.bar == b.bar && a.offset < b.offset + b.length && b.offset < a.offset + a.length;
}

auto address(const aws_fpga_mock_cl_register& r) { return std::make_tuple(r.pf, r.bar, r.offset); }

}  // namespace

int DeclaredModel::create(const aws_fpga_mock_cl_model& spec, std::shared_ptr<const DeclaredModel>* model) {
  if (spec.register_count > AWS_FPGA_MOCK_CL_REGISTERS_MAX || spec.range_count > AWS_FPGA_MOCK_CL_RANGES_MAX ||
      (spec.register_count > 0 && spec.registers == nullptr) || (spec.range_count > 0 && spec.ranges == nullptr))
    return -EINVAL;
  std::shared_ptr<DeclaredModel> m(new DeclaredModel());
  m->owns_context_ = false;  // until every check has passed
  m->hooks_ = spec.hooks;
  m->hook_thread_ = std::this_thread::get_id();
  m->registers_.assign(spec.registers, spec.registers + spec.register_count);
  m->ranges_.assign(spec.ranges, spec.ranges + spec.range_count);
  for (const auto& r : m->registers_)
    if (!valid_register(r, m->hooks_)) return -EINVAL;
  for (size_t i = 0; i < m->ranges_.size(); i++) {
    if (!valid_range(m->ranges_[i], m->hooks_)) return -EINVAL;
    for (size_t j = 0; j < i; j++)
      if (overlap(m->ranges_[i], m->ranges_[j])) return -EINVAL;
  }
  for (size_t i = 0; i < m->registers_.size(); i++) {
    const auto& r = m->registers_[i];
    if (m->range_at(r.pf, r.bar, r.offset) >= 0) return -EINVAL;
    m->by_address_.push_back(static_cast<int>(i));
  }
  std::sort(m->by_address_.begin(), m->by_address_.end(),
            [&](int a, int b) { return address(m->registers_[a]) < address(m->registers_[b]); });
  for (size_t i = 1; i < m->by_address_.size(); i++)
    if (address(m->registers_[m->by_address_[i - 1]]) == address(m->registers_[m->by_address_[i]])) return -EINVAL;
  m->owns_context_ = true;
  *model = std::move(m);
  return 0;
}

DeclaredModel::~DeclaredModel() {
  if (owns_context_ && hooks_.release != nullptr) hooks_.release(hooks_.context);
}

int DeclaredModel::register_at(int pf, int bar, uint64_t word) const {
  const auto key = std::make_tuple(pf, bar, word);
  auto found = std::lower_bound(by_address_.begin(), by_address_.end(), key,
                                [&](int index, const auto& k) { return address(registers_[index]) < k; });
  return found != by_address_.end() && address(registers_[*found]) == key ? *found : -1;
}

int DeclaredModel::range_at(int pf, int bar, uint64_t offset) const {
  for (size_t i = 0; i < ranges_.size(); i++)
    if (inside(ranges_[i], pf, bar, offset)) return static_cast<int>(i);
  return -1;
}

DeclaredCl::DeclaredCl(std::shared_ptr<const DeclaredModel> model, Slot& slot)
    : model_(std::move(model)), slot_(slot), values_(model_->register_count()) {
  for (size_t i = 0; i < values_.size(); i++) values_[i] = model_->reg(static_cast<int>(i)).reset_value;
}

template <typename Call>
int DeclaredCl::run_hook(Call call) {
  HookScope scope(slot_);
  return call(model_->hooks().context, slot_.index);
}

void DeclaredCl::survey(int pf, int bar, uint64_t offset, unsigned width, uint32_t hook_flag, bool* registers,
                        bool* hooked) const {
  *registers = *hooked = false;
  for_each_register(offset, width, [&](uint64_t word, uint32_t, int) {
    const int index = model_->register_at(pf, bar, word);
    if (index < 0) return;
    *registers = true;
    *hooked = *hooked || (model_->reg(index).flags & hook_flag) != 0;
  });
}

Answer DeclaredCl::read(int pf, int bar, uint64_t offset, unsigned width, uint64_t* value) {
  const int range = model_->range_at(pf, bar, offset);
  if (range >= 0) return read_range(range, offset, width, value);
  bool registers, hooked;
  survey(pf, bar, offset, width, AWS_FPGA_MOCK_REG_READ_HOOK, &registers, &hooked);
  if (!registers) return Answer::kUnclaimed;
  if (hooked && !model_->on_hook_thread()) return Answer::kNoResponse;
  Outcome outcome = Outcome::kDone;
  uint64_t result = 0;
  for_each_register(offset, width, [&](uint64_t word, uint32_t lanes, int shift) {
    const int index = model_->register_at(pf, bar, word);
    uint64_t bits;
    if (index >= 0) {
      bits = read_register(index, &outcome);
    } else {
      slot_.read_memory(pf, bar, word, 4, &bits);
    }
    result |= access_bits(static_cast<uint32_t>(bits), lanes, shift);
  });
  if (outcome == Outcome::kNoResponse) return Answer::kNoResponse;
  *value = result;
  return Answer::kAnswered;
}

Answer DeclaredCl::write(int pf, int bar, uint64_t offset, unsigned width, uint64_t value) {
  const int range = model_->range_at(pf, bar, offset);
  if (range >= 0) return write_range(range, offset, width, value);
  bool registers, hooked;
  survey(pf, bar, offset, width, AWS_FPGA_MOCK_REG_WRITE_HOOK, &registers, &hooked);
  if (!registers) return Answer::kUnclaimed;
  // Checked before anything changes, so that no write is half done.
  if (hooked && !model_->on_hook_thread()) return Answer::kNoResponse;
  Outcome outcome = Outcome::kDone;
  for_each_register(offset, width, [&](uint64_t word, uint32_t lanes, int shift) {
    const int index = model_->register_at(pf, bar, word);
    const uint32_t bits = register_bits(value, lanes, shift);
    if (index >= 0) {
      write_register(index, bits, lanes, &outcome);
    } else {
      uint64_t memory;
      slot_.read_memory(pf, bar, word, 4, &memory);
      slot_.write_memory(pf, bar, word, 4, (memory & ~uint64_t{lanes}) | bits);
    }
  });
  return outcome == Outcome::kNoResponse ? Answer::kNoResponse : Answer::kAnswered;
}

uint32_t DeclaredCl::read_register(int index, Outcome* outcome) {
  const aws_fpga_mock_cl_register& reg = model_->reg(index);
  uint32_t value = values_[index];
  if (reg.flags & AWS_FPGA_MOCK_REG_READ_HOOK) {
    const int rc = run_hook([&](void* context, int slot) {
      return model_->hooks().read_register(context, slot, static_cast<uint32_t>(index), &value);
    });
    if (rc == AWS_FPGA_MOCK_HOOK_NO_RESPONSE) *outcome = Outcome::kNoResponse;
    if (rc != AWS_FPGA_MOCK_HOOK_OK) return 0xffffffffu;
  }
  if (reg.flags & AWS_FPGA_MOCK_REG_CLEAR_ON_READ) values_[index] = 0;
  return value;
}

void DeclaredCl::write_register(int index, uint32_t bits, uint32_t lanes, Outcome* outcome) {
  const aws_fpga_mock_cl_register& reg = model_->reg(index);
  const uint32_t stored = values_[index];
  const bool clears = (reg.flags & AWS_FPGA_MOCK_REG_WRITE_1_TO_CLEAR) != 0;
  // What the register sees on the bus: lanes not written keep the stored bits,
  // except that for write-1-to-clear they are zeros (clear nothing).
  const uint32_t written = clears ? bits : (stored & ~lanes) | bits;
  if (!(reg.flags & AWS_FPGA_MOCK_REG_READ_ONLY)) values_[index] = clears ? stored & ~bits : written;
  if (reg.flags & AWS_FPGA_MOCK_REG_WRITE_HOOK) {
    const int rc = run_hook([&](void* context, int slot) {
      return model_->hooks().write_register(context, slot, static_cast<uint32_t>(index), written);
    });
    if (rc == AWS_FPGA_MOCK_HOOK_NO_RESPONSE) *outcome = Outcome::kNoResponse;
  }
}

Answer DeclaredCl::read_range(int index, uint64_t offset, unsigned width, uint64_t* value) {
  if (!model_->on_hook_thread()) return Answer::kNoResponse;
  uint64_t result = 0;
  const int rc = run_hook([&](void* context, int slot) {
    return model_->hooks().read_range(context, slot, static_cast<uint32_t>(index), offset, width, &result);
  });
  if (rc == AWS_FPGA_MOCK_HOOK_NO_RESPONSE) return Answer::kNoResponse;
  *value = rc == AWS_FPGA_MOCK_HOOK_OK ? result & all_ones(width) : all_ones(width);
  return Answer::kAnswered;
}

Answer DeclaredCl::write_range(int index, uint64_t offset, unsigned width, uint64_t value) {
  if (!model_->on_hook_thread()) return Answer::kNoResponse;
  const int rc = run_hook([&](void* context, int slot) {
    return model_->hooks().write_range(context, slot, static_cast<uint32_t>(index), offset, width, value);
  });
  return rc == AWS_FPGA_MOCK_HOOK_NO_RESPONSE ? Answer::kNoResponse : Answer::kAnswered;
}

bool DeclaredCl::get(int pf, int bar, uint64_t offset, uint32_t* value) const {
  const int index = offset % 4 == 0 ? model_->register_at(pf, bar, offset) : -1;
  if (index < 0) return false;
  *value = values_[index];
  return true;
}

bool DeclaredCl::set(int pf, int bar, uint64_t offset, uint32_t value) {
  const int index = offset % 4 == 0 ? model_->register_at(pf, bar, offset) : -1;
  if (index < 0) return false;
  values_[index] = value;
  return true;
}

}  // namespace fpga_mock
