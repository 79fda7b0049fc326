// npm run bench:sdk: bursts through the real SDK library, on the fake F2 sysfs
// tree of ../shared/real-sdk (run by scripts/bench-sdk.sh). The BAR memory is
// the resource files, so the figures compare the loops that move the data, not
// a PCIe link: the package's writeBurst, memset and readBurst against the SDK's
// own fpga_pci_write_burst and fpga_pci_memset called from C, and against a
// memcpy into a view of the same mapping (Uint32Array.set).
import { APP_PF, BURST_CAPABLE, backendInfo, FpgaPci } from '../dist';
import { runCBaseline } from './c-baseline';
import { printTable, Row, withTarget } from './report';
import { nsPerOp } from './timing';

const SIZES = [65536, 1 << 20];
const label = (bytes: number) => (bytes >= 1 << 20 ? `${bytes >> 20} MiB` : `${bytes >> 10} KiB`);

function main(): void {
  const info = backendInfo();
  if (info.simulated) throw new Error('bench:sdk measures the SDK backend: run it through scripts/bench-sdk.sh');
  const c = runCBaseline(20_000, info.library);
  const pcis = new FpgaPci().attach(0, APP_PF, 4, BURST_CAPABLE);
  const rows: Row[] = [];
  for (const bytes of SIZES) {
    const words = new Uint32Array(bytes / 4).fill(0x5a5a5a5a);
    const view = new Uint32Array(pcis.view(0, bytes));
    const calls = Math.max(16, Math.floor((256 << 20) / bytes));
    const speed = (ns: number) => (bytes / ns) * 1e9;
    const write = nsPerOp(calls, (n) => { for (let i = 0; i < n; i++) pcis.writeBurst(0, words); });
    const fill = nsPerOp(calls, (n) => { for (let i = 0; i < n; i++) pcis.memset(0, 0xa5a5a5a5, bytes / 4); });
    const read = nsPerOp(calls, (n) => { for (let i = 0; i < n; i++) pcis.readBurst(0, words); });
    const copyIn = nsPerOp(calls, (n) => { for (let i = 0; i < n; i++) view.set(words); });
    const copyOut = nsPerOp(calls, (n) => { for (let i = 0; i < n; i++) words.set(view); });
    const sdkWrite = c[`writeBurst:${bytes}`];
    const sdkFill = c[`memset:${bytes}`];
    const at1MiB = bytes === 1 << 20;
    const writeRow: Row = { group: 'writeBurst', name: label(bytes), value: speed(write), unit: 'B/s', ratio: sdkWrite / write, ratioTo: "speed vs the SDK's loop" };
    const fillRow: Row = { group: 'memset', name: label(bytes), value: speed(fill), unit: 'B/s', ratio: sdkFill / fill, ratioTo: "speed vs the SDK's loop" };
    rows.push(
      at1MiB ? withTarget(writeRow, '>=', 3) : writeRow,
      { group: 'writeBurst', name: `${label(bytes)} vs memcpy`, value: speed(write), unit: 'B/s', ratio: copyIn / write, ratioTo: 'speed vs memcpy' },
      at1MiB ? withTarget(fillRow, '>=', 3) : fillRow,
      { group: 'readBurst', name: label(bytes), value: speed(read), unit: 'B/s', ratio: copyOut / read, ratioTo: 'speed vs memcpy' },
      { group: "the SDK's fpga_pci_write_burst (C)", name: label(bytes), value: speed(sdkWrite), unit: 'B/s' },
      { group: "the SDK's fpga_pci_memset (C)", name: label(bytes), value: speed(sdkFill), unit: 'B/s' },
      { group: 'memcpy into the mapping (Uint32Array.set)', name: label(bytes), value: speed(copyIn), unit: 'B/s' },
    );
  }
  pcis.detach();
  printTable(rows, `aws-fpga bursts through the real SDK library (${info.library}), fake sysfs, Node ${process.version}`);
}

main();
