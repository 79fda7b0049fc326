// Differential check of the simulated device: random write and read sequences
// through every access path, against a plain model of the BAR's bytes.
import fc from 'fast-check';
import { APP_PF, BURST_CAPABLE, BarHandle, FpgaPci, mock } from '../lib';

const GiB = 1n << 30n;
// Windows of BAR4 where sequences collide: its start, around 4 GiB, above 100 GiB, its end.
const WINDOWS = [0n, 4n * GiB - 2048n, 100n * GiB + 4096n, 128n * GiB - 4096n];
const WINDOW_BYTES = 4096;

type Op =
  | { kind: 'poke' | 'poke8' | 'poke64' | 'poke64Number' | 'view32'; at: bigint; value: bigint }
  | { kind: 'writeBurst' | 'memset' | 'writeBurstArray'; at: bigint; values: number[] }
  | { kind: 'peek' | 'peek8' | 'peek64' | 'viewRead'; at: bigint };

function address(width: number) {
  return fc
    .tuple(fc.constantFrom(...WINDOWS), fc.nat(WINDOW_BYTES / width - 1))
    .map(([base, slot]) => base + BigInt(slot * width));
}

const opArb: fc.Arbitrary<Op> = fc.oneof(
  address(4).chain((at) => fc.nat({ max: 0xffffffff }).map((v) => ({ kind: 'poke' as const, at, value: BigInt(v) }))),
  address(1).chain((at) => fc.nat({ max: 0xff }).map((v) => ({ kind: 'poke8' as const, at, value: BigInt(v) }))),
  address(8).chain((at) => fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map((value) => ({ kind: 'poke64' as const, at, value }))),
  address(8).chain((at) =>
    fc.maxSafeNat().map((v) => ({ kind: 'poke64Number' as const, at, value: BigInt(v) })),
  ),
  address(4).chain((at) => fc.nat({ max: 0xffffffff }).map((v) => ({ kind: 'view32' as const, at, value: BigInt(v) }))),
  address(4).chain((at) =>
    fc.array(fc.nat({ max: 0xffffffff }), { maxLength: 24 }).map((values) => ({ kind: 'writeBurst' as const, at, values })),
  ),
  address(4).chain((at) =>
    fc.array(fc.nat({ max: 0xffffffff }), { maxLength: 24 }).map((values) => ({ kind: 'writeBurstArray' as const, at, values })),
  ),
  address(4).chain((at) =>
    fc.tuple(fc.nat({ max: 0xffffffff }), fc.nat(24)).map(([v, n]) => ({ kind: 'memset' as const, at, values: Array(n).fill(v) })),
  ),
  address(4).map((at) => ({ kind: 'peek' as const, at })),
  address(1).map((at) => ({ kind: 'peek8' as const, at })),
  address(8).map((at) => ({ kind: 'peek64' as const, at })),
  address(4).map((at) => ({ kind: 'viewRead' as const, at })),
);

/** The expected BAR contents: bytes never written read as zero. */
class ByteModel {
  readonly bytes = new Map<bigint, number>();
  write(at: bigint, value: bigint, width: number): void {
    for (let i = 0; i < width; i++) this.bytes.set(at + BigInt(i), Number((value >> BigInt(8 * i)) & 0xffn));
  }
  read(at: bigint, width: number): bigint {
    let value = 0n;
    for (let i = width - 1; i >= 0; i--) value = (value << 8n) | BigInt(this.bytes.get(at + BigInt(i)) ?? 0);
    return value;
  }
}

function inBar(op: Op, size: bigint): boolean {
  const length = 'values' in op ? op.values.length * 4 : op.kind.startsWith('poke64') || op.kind.endsWith('64') ? 8 : op.kind.endsWith('8') ? 1 : 4;
  return op.at + BigInt(length) <= size;
}

function apply(bar: BarHandle, model: ByteModel, op: Op): void {
  switch (op.kind) {
    case 'poke': bar.poke(op.at, Number(op.value)); model.write(op.at, op.value, 4); return;
    case 'poke8': bar.poke8(op.at, Number(op.value)); model.write(op.at, op.value, 1); return;
    case 'poke64': bar.poke64(op.at, op.value); model.write(op.at, op.value, 8); return;
    case 'poke64Number': bar.poke64(op.at, Number(op.value)); model.write(op.at, op.value, 8); return;
    case 'view32': new DataView(bar.view(op.at, 4)).setUint32(0, Number(op.value), true); model.write(op.at, op.value, 4); return;
    case 'writeBurst':
    case 'writeBurstArray':
      bar.writeBurst(op.at, op.kind === 'writeBurst' ? new Uint32Array(op.values) : op.values);
      op.values.forEach((v, i) => model.write(op.at + BigInt(4 * i), BigInt(v), 4));
      return;
    case 'memset':
      bar.memset(op.at, op.values[0] ?? 0, op.values.length);
      op.values.forEach((v, i) => model.write(op.at + BigInt(4 * i), BigInt(v), 4));
      return;
    case 'peek': expect(BigInt(bar.peek(op.at))).toBe(model.read(op.at, 4)); return;
    case 'peek8': expect(BigInt(bar.peek8(op.at))).toBe(model.read(op.at, 1)); return;
    case 'peek64': expect(bar.peek64(op.at)).toBe(model.read(op.at, 8)); return;
    case 'viewRead': expect(BigInt(new DataView(bar.view(op.at, 4)).getUint32(0, true))).toBe(model.read(op.at, 4)); return;
  }
}

describe('the simulated BAR against a byte model', () => {
  const pci = new FpgaPci();
  let bar: BarHandle;
  beforeAll(() => {
    bar = pci.attach(0, APP_PF, 4, BURST_CAPABLE);
  });
  afterAll(() => bar.detach());

  it('agrees after random sequences of writes and reads on every path', () => {
    let sequences = 0;
    let operations = 0;
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 10, maxLength: 80 }), (ops) => {
        mock.reset();
        const model = new ByteModel();
        for (const op of ops.filter((o) => inBar(o, bar.size))) {
          apply(bar, model, op);
          operations++;
        }
        // Finally every byte the sequence touched must match.
        for (const [at, byte] of model.bytes) expect(bar.peek8(at)).toBe(byte);
        sequences++;
      }),
      { numRuns: 300 },
    );
    console.log(`differential: ${sequences} sequences, ${operations} operations compared with the model`);
    expect(sequences).toBe(300);
  });
});
