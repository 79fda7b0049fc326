// npm run bench:sdk: the bulk rows and the call rows through the real SDK
// library, on the fake F2 sysfs tree of ../shared/real-sdk (run by
// scripts/bench-sdk.sh). The BAR memory there is the resource files, so the
// figures compare the loops that move the data, not a PCIe link: the
// package's bursts against the SDK's own fpga_pci_write_burst and
// fpga_pci_memset, and against memcpy and memset through a view of the same
// mapping; attach, getSlotSpec and describe against the same C calls.
import { backendInfo } from '../dist';
import { bulkRows } from './bulk';
import { runCBaseline } from './c-baseline';
import { callRows } from './calls';
import { printTable } from './report';

async function main(): Promise<void> {
  const info = backendInfo();
  if (info.simulated) throw new Error('bench:sdk measures the SDK backend: run it through scripts/bench-sdk.sh');
  const ops = 20_000;
  // Timed again before each section, as in bench/run.ts.
  const c = () => runCBaseline(ops, info.library);
  const rows = [
    ...bulkRows(ops, c(), { write: 'writeBurst', fill: 'memset', label: "the SDK's library (C)" }),
    ...(await callRows(ops, c())),
  ];
  printTable(rows, `aws-fpga through the real SDK library (${info.library}), fake sysfs, Node ${process.version}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
