// The two CL models that come with the package, built with mock.defineCl:
// the hello-world CL and the DMA-like copy engine.
import { APP_PF, BURST_CAPABLE, DMA_ENGINE as R, FpgaMgmt, HELLO_WORLD, dmaEngineCl, helloWorldCl, mock } from '../lib';
import { Bars, freshDevice, load } from './harness-support';

let mgmt: FpgaMgmt;
const bars = new Bars();

beforeEach(() => {
  freshDevice();
  mgmt = new FpgaMgmt();
});

afterEach(async () => {
  bars.detachAll();
  await mgmt.close();
});

describe('the hello-world CL', () => {
  it('reads its register back byte-swapped, drives the vLEDs and shows the vDIP switches', async () => {
    await load(mgmt, 0, mock.defineCl(helloWorldCl()));
    const ocl = bars.attach(0);
    ocl.poke(HELLO_WORLD.HELLO, 0x12345678);
    expect(ocl.peek(HELLO_WORLD.HELLO)).toBe(0x78563412);
    expect(await mgmt.getVledStatus(0)).toBe(0x5678);
    await mgmt.setVdip(0, 0xbeef);
    expect(ocl.peek(HELLO_WORLD.VDIP)).toBe(0xbeef);
    expect((await mgmt.describeLocalImage(0)).deviceIds.deviceId).toBe(0xf000);
  });
});

describe('the DMA engine', () => {
  async function engine(options = {}) {
    await load(mgmt, 0, mock.defineCl(dmaEngineCl(options)));
    const ocl = bars.attach(0);
    const pcis = bars.attach(0, APP_PF, 4, BURST_CAPABLE);
    const start = (src: number, dst: number, length: number) => {
      ocl.poke(R.SRC_LO, src % 2 ** 32);
      ocl.poke(R.SRC_HI, Math.floor(src / 2 ** 32));
      ocl.poke(R.DST_LO, dst % 2 ** 32);
      ocl.poke(R.DST_HI, Math.floor(dst / 2 ** 32));
      ocl.poke(R.LEN, length);
      ocl.poke(R.CTRL, R.START);
    };
    return { ocl, pcis, start };
  }

  it('copies within BAR4, busy until polled, then done', async () => {
    const { ocl, pcis, start } = await engine({ busyPolls: 2 });
    pcis.writeBurst(0x1000, [1, 2, 3, 4]);
    start(0x1000, 100 * 2 ** 30, 16);
    expect([ocl.peek(R.STATUS), ocl.peek(R.STATUS)]).toEqual([R.BUSY, R.BUSY]);
    expect(pcis.peek(100 * 2 ** 30)).toBe(0); // not there before done
    expect(ocl.peek(R.STATUS)).toBe(R.DONE);
    expect([0, 4, 8, 12].map((i) => pcis.peek(100 * 2 ** 30 + i))).toEqual([1, 2, 3, 4]);
    expect(ocl.peek(R.COMPLETED)).toBe(1);
    ocl.poke(R.STATUS, R.DONE); // write 1 to clear
    expect(ocl.peek(R.STATUS)).toBe(0);
  });

  it('copies overlapping ranges as memmove does', async () => {
    const { ocl, pcis, start } = await engine();
    pcis.writeBurst(0x0, [1, 2, 3, 4]);
    start(0x0, 0x4, 12);
    while (ocl.peek(R.STATUS) & R.BUSY);
    expect([0, 4, 8, 12].map((i) => pcis.peek(i))).toEqual([1, 1, 2, 3]);
  });

  it('refuses requests past BAR4 or too long, and counts them until read', async () => {
    const { ocl, start } = await engine({ maxLength: 4096 });
    start(128 * 2 ** 30 - 8, 0, 16);
    expect(ocl.peek(R.STATUS)).toBe(R.ERROR);
    start(0, 0, 8192);
    expect(ocl.peek(R.STATUS)).toBe(R.ERROR);
    expect(ocl.peek(R.ERRORS)).toBe(2);
    expect(ocl.peek(R.ERRORS)).toBe(0);
    expect(ocl.peek(R.CTRL)).toBe(0);
  });

  it('ignores START while busy', async () => {
    const { ocl, pcis, start } = await engine({ busyPolls: 1 });
    pcis.poke(0x0, 7);
    start(0x0, 0x100, 4);
    start(0x0, 0x200, 4);
    expect(ocl.peek(R.STATUS)).toBe(R.BUSY);
    expect(ocl.peek(R.STATUS)).toBe(R.DONE);
    expect([pcis.peek(0x100), pcis.peek(0x200)]).toEqual([7, 0]);
  });
});
