import { createInterface } from 'node:readline';
import type { AfiCliInput } from './cli-define';
import type { AfiCliStream } from './cli-output';

/** The input ended before every question was answered. */
export class PromptEndedError extends Error {
  override readonly name = 'PromptEndedError';
}

export interface Question {
  /** What to ask, without the default or the colon. */
  readonly text: string;
  /** Taken for an empty answer, and shown in brackets. */
  readonly default?: string;
  /** Says what is wrong with an answer (it is then asked again), or undefined to take it. */
  readonly check?: (answer: string) => string | undefined | Promise<string | undefined>;
}

/**
 * Questions on a terminal, one line per answer. Lines are read through an async iterator,
 * which buffers them, so answers typed (or piped) ahead are not lost between questions.
 */
export class Prompter {
  private readonly lines: AsyncIterator<string>;
  /** Stops reading the input, so that the process can end. */
  readonly close: () => void;

  constructor(
    input: AfiCliInput,
    private readonly output: AfiCliStream,
    private readonly signal?: AbortSignal,
  ) {
    // Not `terminal`: the terminal's own line editing serves, and no escape codes are echoed.
    const reader = createInterface({ input, terminal: false });
    this.lines = reader[Symbol.asyncIterator]();
    this.close = () => reader.close();
  }

  private async nextLine(): Promise<string> {
    const { signal } = this;
    signal?.throwIfAborted();
    let onAbort!: () => void;
    const aborted = new Promise<never>((_resolve, reject) => {
      onAbort = () => reject(signal!.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const next = await Promise.race([this.lines.next(), aborted]);
      if (next.done === true) throw new PromptEndedError('the input ended before every value was given');
      return next.value.trim();
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async ask(question: Question): Promise<string> {
    for (;;) {
      this.output.write(`${question.text}${question.default === undefined ? '' : ` [${question.default}]`}: `);
      const answer = (await this.nextLine()) || (question.default ?? '');
      const problem = answer === '' ? 'a value is needed' : await question.check?.(answer);
      if (problem === undefined) return answer;
      this.output.write(`  ${problem}\n`);
    }
  }

  async confirm(text: string, byDefault: boolean): Promise<boolean> {
    const check = (answer: string) => (/^(y|yes|n|no)$/i.test(answer) ? undefined : 'answer y or n');
    const answer = await this.ask({ text: `${text} (y/n)`, default: byDefault ? 'y' : 'n', check });
    return /^y/i.test(answer);
  }
}
