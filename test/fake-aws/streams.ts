import type { AfiCliIo, AfiCliStream } from '../../lib/afi/cli';
import type { AwsClientOptions } from '../../lib/afi';

/** An output stream that keeps what is written, as a terminal (`isTTY`) or as a pipe. */
export class CapturedStream implements AfiCliStream {
  text = '';
  /** Called after each write, to act at a given point of a command's output. */
  onWrite?: (text: string) => void;

  constructor(readonly isTTY = false) {}

  write(text: string): boolean {
    this.text += text;
    this.onWrite?.(text);
    return true;
  }
}

export function capturedIo(aws: AwsClientOptions, options: { tty?: boolean; signal?: AbortSignal } = {}) {
  const stdout = new CapturedStream(options.tty);
  const stderr = new CapturedStream(options.tty);
  const io: AfiCliIo = { stdout, stderr, aws, signal: options.signal };
  return { io, stdout, stderr };
}
