// CL models declared through aws_fpga_mock_set_cl_model: 32-bit registers with
// behaviour and ranges handed to hooks, on the three BARs that reach the CL.
#pragma once

#include <memory>
#include <thread>
#include <vector>

#include "cl_model.h"
#include "control.h"

namespace fpga_mock {

struct Slot;

// The model as declared: checked, then shared read-only by every slot running
// it. Releases the hooks' context when the last slot and the catalog let go.
class DeclaredModel {
 public:
  // 0 and the model, or -EINVAL when the tables break a rule of control.h.
  // Hooks will run on the calling thread.
  static int create(const aws_fpga_mock_cl_model& spec, std::shared_ptr<const DeclaredModel>* model);
  ~DeclaredModel();
  DeclaredModel(const DeclaredModel&) = delete;
  DeclaredModel& operator=(const DeclaredModel&) = delete;

  // For a model nobody took: its context stays the caller's.
  void disown_context() const { owns_context_ = false; }

  const aws_fpga_mock_cl_register& reg(int index) const { return registers_[index]; }
  size_t register_count() const { return registers_.size(); }
  const aws_fpga_mock_cl_hooks& hooks() const { return hooks_; }
  bool on_hook_thread() const { return std::this_thread::get_id() == hook_thread_; }
  // The register at the 4-byte word `word`, or -1.
  int register_at(int pf, int bar, uint64_t word) const;
  // The range holding `offset`, or -1.
  int range_at(int pf, int bar, uint64_t offset) const;

 private:
  DeclaredModel() = default;

  std::vector<aws_fpga_mock_cl_register> registers_;
  std::vector<aws_fpga_mock_cl_range> ranges_;
  std::vector<int> by_address_;  // register indexes, ordered by (pf, bar, offset)
  aws_fpga_mock_cl_hooks hooks_{};
  std::thread::id hook_thread_;
  mutable bool owns_context_ = true;
};

// One slot's running copy of a model: the registers' stored values.
class DeclaredCl : public ClModel {
 public:
  DeclaredCl(std::shared_ptr<const DeclaredModel> model, Slot& slot);

  Answer read(int pf, int bar, uint64_t offset, unsigned width, uint64_t* value) override;
  Answer write(int pf, int bar, uint64_t offset, unsigned width, uint64_t value) override;

  // The CL's own access to a declared register: no hooks, no side effects.
  bool get(int pf, int bar, uint64_t offset, uint32_t* value) const;
  bool set(int pf, int bar, uint64_t offset, uint32_t value);

 private:
  enum class Outcome { kDone, kNoResponse };
  // Whether the access touches a declared register, and one flagged `hook_flag`.
  void survey(int pf, int bar, uint64_t offset, unsigned width, uint32_t hook_flag, bool* registers, bool* hooked) const;
  uint32_t read_register(int index, Outcome* outcome);
  void write_register(int index, uint32_t bits, uint32_t lanes, Outcome* outcome);
  Answer read_range(int index, uint64_t offset, unsigned width, uint64_t* value);
  Answer write_range(int index, uint64_t offset, unsigned width, uint64_t value);
  // Runs a hook, marked as running on this thread for this slot.
  template <typename Call>
  int run_hook(Call call);

  std::shared_ptr<const DeclaredModel> model_;
  Slot& slot_;
  std::vector<uint32_t> values_;  // by register index
};

}  // namespace fpga_mock
