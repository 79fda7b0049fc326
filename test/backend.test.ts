// Backend choice and the run-time loader, each in a fresh process: the choice
// is made once per process.
import { MOCK_LIBRARY, runNode } from './helpers/child';

const attachAndPoke = `
  const pci = new fpga.FpgaPci();
  const bar = pci.attach(0, fpga.APP_PF, 4, fpga.BURST_CAPABLE);
  bar.poke(0x100, 0xcafe);
  console.log(JSON.stringify({ info: fpga.backendInfo(), value: bar.peek(0x100) }));
`;

function lastJson(stdout: string): any {
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

describe('the SDK backend', () => {
  it('loads the library named by AWS_FPGA_SDK_LIBRARY and drives it', () => {
    const run = runNode(attachAndPoke, { AWS_FPGA_BACKEND: 'sdk', AWS_FPGA_SDK_LIBRARY: MOCK_LIBRARY });
    expect(run.stderr).toBe('');
    expect(lastJson(run.stdout)).toEqual({
      info: { backend: 'sdk', library: MOCK_LIBRARY, simulated: true },
      value: 0xcafe,
    });
  });

  it('takes the library from configure() over the environment', () => {
    const script = `fpga.configure({ backend: 'auto', sdkLibrary: ${JSON.stringify(MOCK_LIBRARY)} });` + attachAndPoke;
    const run = runNode(script, { AWS_FPGA_BACKEND: 'mock', AWS_FPGA_SDK_LIBRARY: '/nowhere/libfpga_mgmt.so.1' });
    expect(lastJson(run.stdout).info).toEqual({ backend: 'sdk', library: MOCK_LIBRARY, simulated: true });
  });

  it('controls a standalone simulated library through mock', () => {
    const script = `
      fpga.mock.reset({ slots: 3 });
      console.log(JSON.stringify(new fpga.FpgaPci().getAllSlotSpecs().length));`;
    const run = runNode(script, { AWS_FPGA_BACKEND: 'sdk', AWS_FPGA_SDK_LIBRARY: MOCK_LIBRARY });
    expect(lastJson(run.stdout)).toBe(3);
  });

  it('says what it tried and how to fix it when the library is missing', () => {
    const run = runNode(attachAndPoke, { AWS_FPGA_SDK_LIBRARY: '/nowhere/libfpga_mgmt.so.1' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('the AWS FPGA SDK library could not be loaded');
    expect(run.stderr).toContain('/nowhere/libfpga_mgmt.so.1: ');
    expect(run.stderr).toContain('sdk_setup.sh');
    expect(run.stderr).toContain('AWS_FPGA_BACKEND=mock');
  });

  it('searches the install directories and $SDK_DIR by default', () => {
    const run = runNode(attachAndPoke, { SDK_DIR: '/opt/aws-fpga/sdk' });
    expect(run.status).not.toBe(0);
    for (const place of [
      'libfpga_mgmt.so.1: ',
      '/usr/local/lib64/libfpga_mgmt.so.1: ',
      '/usr/lib/libfpga_mgmt.so.1: ',
      '/opt/aws-fpga/sdk/userspace/lib/so/libfpga_mgmt.so.1: ',
      '/opt/aws-fpga/sdk/userspace/lib/so/libfpga_mgmt.so: ',
    ])
      expect(run.stderr).toContain(place);
  });

  it('names only the SDK remedy when the SDK was asked for explicitly', () => {
    const run = runNode(attachAndPoke, { AWS_FPGA_BACKEND: 'sdk', AWS_FPGA_SDK_LIBRARY: '/nowhere/lib.so' });
    expect(run.stderr).toContain('sdk_setup.sh');
    expect(run.stderr).not.toContain('AWS_FPGA_BACKEND=mock');
  });

  it('refuses a library that is not the SDK, naming the missing symbol', () => {
    const run = runNode(attachAndPoke, { AWS_FPGA_SDK_LIBRARY: 'libm.so.6' });
    expect(run.stderr).toContain('libm.so.6: opened, but it does not export fpga_mgmt_init');
  });

  it('lets the caller choose again after a failed attempt, and never falls back by itself', () => {
    const script = `
      let first;
      try { fpga.backend(); } catch (e) { first = 'failed'; }
      fpga.configure({ backend: 'mock' });
      console.log(JSON.stringify([first, fpga.backend()]));`;
    const run = runNode(script, { AWS_FPGA_SDK_LIBRARY: '/nowhere/lib.so' });
    expect(lastJson(run.stdout)).toEqual(['failed', 'mock']);
  });
});

describe('configure', () => {
  it('refuses to change the backend once in use', () => {
    const script = `
      fpga.backend();
      try { fpga.configure({ backend: 'sdk' }); } catch (e) { console.log(JSON.stringify(e.message)); }`;
    const run = runNode(script, { AWS_FPGA_BACKEND: 'mock' });
    expect(lastJson(run.stdout)).toMatch(/before first use; the mock backend is already in use/);
  });

  it('checks its options and the environment variable', () => {
    const script = `
      const out = [];
      for (const options of [{ backend: 'fpga' }, { sdkLibrary: 1 }, { backnd: 'mock' }, 'mock'])
        try { fpga.configure(options); } catch (e) { out.push(e.constructor.name); }
      try { fpga.backend(); } catch (e) { out.push(e.constructor.name + ': ' + e.message); }
      console.log(JSON.stringify(out));`;
    const run = runNode(script, { AWS_FPGA_BACKEND: 'simulated' });
    expect(lastJson(run.stdout)).toEqual([
      'RangeError',
      'TypeError',
      'TypeError',
      'TypeError',
      'RangeError: AWS_FPGA_BACKEND must be one of auto, sdk, mock, got simulated',
    ]);
  });
});

describe('handle lifetime', () => {
  it('detaches handles dropped to the garbage collector', () => {
    const script = `
      fpga.configure({ backend: 'mock' });
      const pci = new fpga.FpgaPci();
      (async () => {
        for (let round = 0; round < 20; round++) {
          for (let i = 0; i < 60; i++) pci.attach(0, fpga.APP_PF, 0).poke(0, i);
          for (let i = 0; i < 3; i++) { global.gc(); await new Promise((r) => setImmediate(r)); }
        }
        console.log(JSON.stringify('attached 1200'));
      })();`;
    const run = runNode(script, {}, ['--expose-gc']);
    expect(run.stderr).toBe('');
    expect(lastJson(run.stdout)).toBe('attached 1200');
  });

  it('keeps the mapping of a dropped handle while a view of it lives', () => {
    const script = `
      fpga.configure({ backend: 'mock' });
      const pci = new fpga.FpgaPci();
      const collect = async () => { for (let i = 0; i < 3; i++) { global.gc(); await new Promise((r) => setImmediate(r)); } };
      const fill = () => { const kept = []; try { for (;;) kept.push(pci.attach(0, 0, 0)); } catch (e) { for (const h of kept) h.detach(); return kept.length; } };
      let words = new Uint32Array(pci.attach(0, fpga.APP_PF, 0).view(0, 16));
      (async () => {
        await collect();
        words[0] = 41; words[0]++;
        const whileViewLives = fill();
        words = null;
        await collect();
        console.log(JSON.stringify([whileViewLives, fill()]));
      })();`;
    const run = runNode(script, {}, ['--expose-gc']);
    expect(run.stderr).toBe('');
    expect(lastJson(run.stdout)).toEqual([63, 64]);
  });

  it('exits cleanly with handles and views still attached', () => {
    const script = `
      fpga.configure({ backend: 'mock' });
      const pci = new fpga.FpgaPci();
      globalThis.kept = [pci.attach(0, 0, 4), new Uint8Array(pci.attach(0, 1, 0).view(0, 4))];
      console.log(JSON.stringify('done'));`;
    const run = runNode(script);
    expect([run.status, run.signal, run.stderr]).toEqual([0, null, '']);
  });
});
