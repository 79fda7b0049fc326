// Fuzzing configure() and the backend choice. An environment chooses once, so
// each sequence runs in a fresh worker thread: random configure() calls, valid
// and not, under AWS_FPGA_BACKEND and AWS_FPGA_SDK_LIBRARY set or not, then
// first use. The choice must follow the calls accepted; after it configure()
// refuses. Here, where the choice is made, configure() refuses everything.
import fc from 'fast-check';
import { backend, configure } from '../../lib';
import { MOCK_LIBRARY } from '../helpers/child';
import { stateError } from './helpers/contract';
import { call, runCalls, Tally } from './helpers/fuzz';
import { nasty } from './helpers/values';
import { reply, startWorker } from './helpers/workers';

const CHOICES = ['auto', 'sdk', 'mock'];
const TOO_LATE = /configure\(\) must be called before first use/;
const NOT_LOADED = /the AWS FPGA SDK library could not be loaded/;

// Only values a worker can be sent (structured clone: no symbols, functions or proxies).
const options = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record(
      {
        backend: fc.constantFrom<unknown>('auto', 'sdk', 'mock', 'fpga', 1, null, undefined),
        sdkLibrary: fc.constantFrom<unknown>(MOCK_LIBRARY, '/nowhere/libfpga_mgmt.so.1', 'libm.so.6', '', 1, undefined),
        sdklibrary: fc.constant('typo'),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom<unknown>('mock', null, 1, [], undefined) },
);
const environment = fc.record({
  AWS_FPGA_BACKEND: fc.constantFrom(undefined, 'mock', 'sdk', 'auto', 'simulated'),
  AWS_FPGA_SDK_LIBRARY: fc.constantFrom(undefined, MOCK_LIBRARY, '/nowhere/libfpga_mgmt.so.1'),
});
type Environment = { AWS_FPGA_BACKEND?: string; AWS_FPGA_SDK_LIBRARY?: string };

interface Outcome {
  ok: boolean;
  value?: unknown;
  error?: string;
  message?: string;
}

function acceptable(given: unknown): given is Record<string, unknown> {
  if (typeof given !== 'object' || given === null || Array.isArray(given)) return false;
  const { backend: choice, sdkLibrary, ...unknown } = given as Record<string, unknown>;
  return (
    Object.keys(unknown).length === 0 &&
    (choice === undefined || CHOICES.includes(choice as string)) &&
    (sdkLibrary === undefined || typeof sdkLibrary === 'string')
  );
}

/** What first use must give after `accepted` configure() calls under `env`. */
function expectedChoice(accepted: Record<string, unknown>[], env: Environment): Partial<Outcome> {
  const merged = accepted.reduce<Record<string, unknown>>((all, given) => ({ ...all, ...given }), {});
  const wanted = merged.backend ?? env.AWS_FPGA_BACKEND ?? 'auto';
  if (!CHOICES.includes(wanted as string)) return { ok: false, error: 'RangeError' };
  if (wanted === 'mock') return { ok: true, value: expect.objectContaining({ backend: 'mock', simulated: true }) };
  // With no library named, the search starts with the SDK's soname, which the
  // simulated library loaded in beforeAll answers to.
  const library = (merged.sdkLibrary ?? env.AWS_FPGA_SDK_LIBRARY) || MOCK_LIBRARY;
  if (library === MOCK_LIBRARY) return { ok: true, value: { backend: 'sdk', library, simulated: true } };
  return { ok: false, error: 'Error', message: expect.stringMatching(NOT_LOADED) };
}

function workerEnv(env: Environment): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  return merged;
}

// The simulated library in the process, so that the SDK's usual name finds it
// whatever the sequences do (without it, it would depend on their order).
beforeAll(async () => {
  await reply(startWorker('configure', { calls: [{ backend: 'sdk', sdkLibrary: MOCK_LIBRARY }] }));
});

test('in a fresh environment, configure() accepts valid options until first use, which follows them', async () => {
  let sequences = 0;
  let calls = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(options, { maxLength: 6 }), environment, async (given, env) => {
      const result = await reply<{ configured: Outcome[]; info: Outcome; again: Outcome; late: Outcome }>(
        startWorker('configure', { calls: given }, { env: workerEnv(env) }),
      );
      given.forEach((each, i) => {
        if (acceptable(each)) expect(result.configured[i]).toEqual({ ok: true });
        else expect(result.configured[i]).toMatchObject({ ok: false, error: expect.stringMatching(/^(TypeError|RangeError)$/) });
      });
      const choice = expectedChoice(given.filter(acceptable), env);
      expect(result.info).toMatchObject(choice);
      expect(result.again).toMatchObject({ ok: choice.ok });
      // Once chosen, the choice stands; a failed choice can still be made another way.
      expect(result.late).toMatchObject(choice.ok ? { ok: false, error: 'Error', message: expect.stringMatching(TOO_LATE) } : { ok: true });
      sequences++;
      calls += given.length + 3;
    }),
    { numRuns: 40 },
  );
  console.log(`fuzz (configure in fresh environments): ${sequences} sequences, ${calls} calls`);
}, 120_000);

test('once the backend is chosen, configure() refuses every call with TypeError, RangeError or a documented Error', async () => {
  backend();
  const tally = new Tally();
  const anything = fc.oneof(options, nasty, fc.record({ backend: nasty, sdkLibrary: nasty }, { requiredKeys: [] }));
  await fc.assert(
    fc.asyncProperty(fc.array(call('configure', anything), { minLength: 1, maxLength: 20 }), async (sequence) => {
      await runCalls(sequence, (_, args) => configure(args[0] as never), tally, { allow: stateError(TOO_LATE) });
      tally.sequences++;
    }),
    { numRuns: 300 },
  );
  tally.print('configure after first use');
  expect(tally.succeeded).toBe(0);
});
