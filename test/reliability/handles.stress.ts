// A million attach/detach cycles (through FpgaPci and Slot.bar, a quarter of
// them with a view) and 10 000 handles dropped to the collector (with views),
// in ten rounds after a warm-up: no handle lost, and memory flat from one half
// of the rounds to the next.
import { SDK_HANDLES } from './helpers/handles';
import { describeCycles, growth, runCycles } from './helpers/cycles';

// A leak of 20 bytes per attach over the second half's 500 000 would be 10 MB.
const RSS_GROWTH_BYTES = 6 * 2 ** 20;
const EXTERNAL_GROWTH_BYTES = 2 ** 20;

test('1 000 000 cycles and 10 000 dropped handles: all handles free, memory flat', () => {
  const report = runCycles(1_000_000, 10_000);
  console.log(`handles (stress): ${describeCycles(report)}`);
  expect(report.freeHandles).toBe(SDK_HANDLES);
  expect(growth(report, 'rss')).toBeLessThan(RSS_GROWTH_BYTES);
  expect(growth(report, 'external')).toBeLessThan(EXTERNAL_GROWTH_BYTES);
}, 300_000);
