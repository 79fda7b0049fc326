// The line a terminal shows while a load or clear waits: what is waited for
// and the time elapsed, rewritten in place. Pipes and logs get nothing.
import { formatDuration, ProgressLine } from '../afi/cli-output';
import type { CliStream } from './command';

const TICK_MS = 1000;

/** Runs `wait`, showing `label` and the time elapsed on `stream` when it is a terminal. */
export async function withProgress<T>(stream: CliStream, label: string, wait: () => Promise<T>): Promise<T> {
  if (stream.isTTY !== true) return wait();
  const line = new ProgressLine(stream);
  const started = Date.now();
  const show = () => line.update(`${label}: ${formatDuration(Date.now() - started)} elapsed`);
  show();
  const ticker = setInterval(show, TICK_MS);
  try {
    return await wait();
  } finally {
    clearInterval(ticker);
    line.end();
  }
}
