// npm run bench [-- --json] [-- --quick]: every figure measured side by side in
// this one run on the simulated device, with its ratio to a floor or baseline.
// It measures the compiled package in dist/, the code users run.
import { configure } from '../dist';
import { bulkRows } from './bulk';
import { callRows } from './calls';
import { eventLoopRows } from './event-loop';
import { runCBaseline } from './c-baseline';
import { mmioRows } from './mmio';
import { printTable, Row } from './report';

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const ops = process.argv.includes('--quick') ? 200_000 : 2_000_000;
  configure({ backend: 'mock' });
  const c = runCBaseline(ops);
  const rows: Row[] = [...mmioRows(ops, c), ...bulkRows(ops, c), ...(await callRows(ops, c)), ...(await eventLoopRows())];
  if (json) {
    console.log(JSON.stringify({ node: process.version, ops, rows }, null, 2));
  } else {
    printTable(rows, `aws-fpga benchmarks, simulated device, Node ${process.version}, ${ops} operations per sample`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
