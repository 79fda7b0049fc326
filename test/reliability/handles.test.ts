// BAR handles by the thousand (test:reliability repeats this at scale and
// bounds the memory): none is lost, whether detached or left to the collector.
import { SDK_HANDLES } from './helpers/handles';
import { describeCycles, runCycles } from './helpers/cycles';

test('thousands of attach/detach cycles and dropped handles leave all 64 handles free', () => {
  const report = runCycles(5_000, 1_000);
  console.log(`handles: ${describeCycles(report)}`);
  expect(report.freeHandles).toBe(SDK_HANDLES);
}, 60_000);
