// The beat detector's AXI4-Lite register map on the app PF's BAR0 (OCL), as
// Vivado HLS lays out the s_axilite bundle of
//   void beat_detector(input_t x[30], result_t *y)
// with ap_ctrl_hs on the same bundle (docs/beat-detector.md gives the rules
// and where they come from). Each 16-bit element of x shares a 32-bit word
// with its neighbour: x[2n] in bits 15:0, x[2n+1] in bits 31:16.

export interface RegisterLayout {
  /** Control signals: ap_start, ap_done, ap_idle, ap_ready, auto_restart. */
  ctrl: number;
  /** Global interrupt enable. */
  gie: number;
  /** IP interrupt enable: bit 0 ap_done, bit 1 ap_ready. */
  ier: number;
  /** IP interrupt status (toggle on write): bit 0 ap_done, bit 1 ap_ready. */
  isr: number;
  /** y, bits 15:0 (read-only). */
  result: number;
  /** y_ap_vld in bit 0, cleared by reading it. */
  resultValid: number;
  /** x's memory: 30 × 16 bits in 15 words from here. */
  input: number;
}

export const LAYOUT: Readonly<RegisterLayout> = Object.freeze({
  ctrl: 0x00,
  gie: 0x04,
  ier: 0x08,
  isr: 0x0c,
  result: 0x10,
  resultValid: 0x14,
  input: 0x40, // the 60 bytes of x in a 64-byte window, aligned to its size
});

/** Bits of the control register. */
export const AP_START = 1 << 0;
export const AP_DONE = 1 << 1;
export const AP_IDLE = 1 << 2;
export const AP_READY = 1 << 3;
export const AUTO_RESTART = 1 << 7;

/** Bits of IER and ISR. */
export const IRQ_DONE = 1 << 0;
export const IRQ_READY = 1 << 1;

/** A read of all ones: the shell's answer when the CL does not respond. */
export const NO_RESPONSE = 0xffffffff;
