// npm run bench [-- --json] [-- --quick] [-- --only=calls,service]: every figure
// measured side by side in this one run on the simulated device, with its ratio
// to a floor or baseline. --only runs some sections (mmio, bulk, batch, calls, service).
// It measures the compiled package in dist/, the code users run.
import { configure } from '../dist';
import { batchRows } from './batch';
import { bulkRows } from './bulk';
import { callRows } from './calls';
import { runCBaseline } from './c-baseline';
import { mmioRows } from './mmio';
import { printTable, Row } from './report';
import { serviceRows } from './service';

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const ops = process.argv.includes('--quick') ? 200_000 : 2_000_000;
  configure({ backend: 'mock' });
  const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
  const wanted = (section: string) => only === undefined || only.includes(section);
  // The C baseline is timed again right before each section that compares
  // with it: on a machine whose speed drifts, like is then compared with like.
  const c = () => runCBaseline(ops);
  const rows: Row[] = [
    ...(wanted('mmio') ? mmioRows(ops, c()) : []),
    ...(wanted('bulk') ? bulkRows(ops, c()) : []),
    ...(wanted('batch') ? batchRows(ops, c()) : []),
    ...(wanted('calls') ? await callRows(ops, c()) : []),
    ...(wanted('service') ? await serviceRows() : []),
  ];
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
