// The worked example of the README's "Testing with the simulated device",
// as written there: keep the two the same.
import { APP_PF, FpgaError, FpgaMgmt, FpgaPci, mock, type BarHandle } from '../lib';

// The driver under test: start a job, wait for it, read its result.
function runJob(ocl: BarHandle, input: number): number {
  ocl.poke(0x00, input); // INPUT
  ocl.poke(0x04, 1); // CTRL: START
  while ((ocl.peek(0x08) & 1) === 0); // STATUS: DONE
  return ocl.peek(0x0c); // RESULT
}

describe('runJob', () => {
  let mgmt: FpgaMgmt;

  beforeEach(async () => {
    mock.reset({ virtualTime: true, loadTimeMs: 100 });
    const agfi = mock.defineCl({
      bars: {
        app0: {
          registers: {
            0x00: {}, // INPUT: plain storage
            0x04: {
              read: 0, // CTRL: reads 0; START doubles INPUT into RESULT and raises DONE
              onWrite: (value, cl) => {
                if (value & 1) {
                  cl.set(0x0c, (cl.get(0x00) * 2) >>> 0);
                  cl.set(0x08, 1);
                }
              },
            },
            0x08: { readOnly: true, clearOnRead: true }, // STATUS: DONE, cleared by reading it
            0x0c: { readOnly: true }, // RESULT
          },
        },
      },
    });
    mgmt = new FpgaMgmt();
    await mgmt.loadLocalImageSyncFlags(0, agfi); // virtual time: no real wait
  });

  afterEach(() => mgmt.close());

  it('doubles its input, in four register accesses', () => {
    using ocl = new FpgaPci().attach(0, APP_PF, 0);
    mock.startTrace();
    expect(runJob(ocl, 21)).toBe(42);
    expect(mock.trace().map(({ op, offset }) => [op, offset])).toEqual([
      ['poke', 0x00],
      ['poke', 0x04],
      ['peek', 0x08],
      ['peek', 0x0c],
    ]);
  });

  it('reports a register read that fails', () => {
    using ocl = new FpgaPci().attach(0, APP_PF, 0);
    mock.failNext('peek', -5); // the next peek returns -EIO
    expect(() => runJob(ocl, 1)).toThrow(FpgaError);
  });
});
