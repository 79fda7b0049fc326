// Registers with behaviour inside the CL, answering BAR accesses before they
// reach BAR memory. Called with the slot's mutex held.
#pragma once

#include <cstdint>

namespace fpga_mock {

enum class Answer {
  kUnclaimed,   // not the model's: BAR memory answers
  kAnswered,    // the model answered
  kNoResponse,  // the model's, but the CL did not respond: the interface times out
};

class ClModel {
 public:
  virtual ~ClModel() = default;
  // `width` is 1, 2, 4 or 8 bytes; `value` is set when the answer is kAnswered.
  virtual Answer read(int pf, int bar, uint64_t offset, unsigned width, uint64_t* value) = 0;
  virtual Answer write(int pf, int bar, uint64_t offset, unsigned width, uint64_t value) = 0;
};

// A block of 32-bit AXI-Lite registers. Accesses of other widths or alignments
// are split into the 32-bit registers they touch; a write covering part of a
// register reads it and writes back the merged value.
class RegisterBlock : public ClModel {
 public:
  Answer read(int pf, int bar, uint64_t offset, unsigned width, uint64_t* value) final;
  Answer write(int pf, int bar, uint64_t offset, unsigned width, uint64_t value) final;

 protected:
  // Whether an access starting at `offset` of this PF/BAR belongs to the block.
  virtual bool claims(int pf, int bar, uint64_t offset) const = 0;
  // `offset` is 4-byte aligned.
  virtual uint32_t read32(uint64_t offset) = 0;
  virtual void write32(uint64_t offset, uint32_t value) = 0;
};

}  // namespace fpga_mock
