// A hello-world CL in the style of the HDK's cl_hello_world, built with
// mock.defineCl: a register that reads back byte-swapped and drives the
// virtual LEDs, and one that shows the virtual DIP switches.
import type { ClDefinition } from '../cl-types';

/** The registers, on app PF BAR0 (OCL), and the made-up AFI id the model answers for by default. */
export const HELLO_WORLD = {
  agfi: 'agfi-0c0ffee0000000001',
  /** Reads back what was written, byte-swapped; its low 16 bits drive the vLEDs. */
  HELLO: 0x500,
  /** Reads the 16 virtual DIP switches. */
  VDIP: 0x504,
} as const;

const byteSwapped = (v: number): number => (((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24)) >>> 0;

export function helloWorldCl(options: { agfi?: string } = {}): ClDefinition {
  return {
    agfi: options.agfi ?? HELLO_WORLD.agfi,
    pciIds: { vendorId: 0x1d0f, deviceId: 0xf000, subsystemVendorId: 0xfedc, subsystemDeviceId: 0x1d51 },
    powerWatts: 12,
    bars: {
      app0: {
        registers: {
          [HELLO_WORLD.HELLO]: {
            read: (cl) => byteSwapped(cl.get(HELLO_WORLD.HELLO)),
            onWrite: (value, cl) => cl.setLeds(value & 0xffff),
          },
          [HELLO_WORLD.VDIP]: { read: (cl) => cl.dipSwitches() },
        },
      },
    },
  };
}
