import { parseArgs } from 'node:util';
import { isAfiId, isAgfiId } from '../lib/afi';
import {
  AFI_EXIT_CODES,
  afiCliCommands,
  createAfiCommand,
  deleteAfiCommand,
  describeAfiCommand,
  waitForAfiCommand,
  type AfiCliCommand,
} from '../lib/afi/cli';
import { fakeAwsOptions } from './fake-aws/clients';
import { useFakeAws } from './fake-aws/lifecycle';
import { createFakeAfi, DCP_BUCKET, jobsFinished, LOGS, scratchDirectory, type ScratchDirectory } from './fake-aws/scenarios';
import { capturedIo, type CapturedStream } from './fake-aws/streams';

const JOB_MS = 30;
const FAST_WAIT = { interval: '0.005', 'max-interval': '0.01' };

/** Parses a command line the way a CLI built on node:util parseArgs would, straight from the option descriptions. */
function parse(command: AfiCliCommand, args: string[]) {
  return parseArgs({ args, options: command.options, strict: true }).values;
}

describe('AFI subcommand descriptions', () => {
  it('name the six subcommands, each with a summary and described options', () => {
    expect(afiCliCommands.map((command) => command.name)).toEqual([
      'create-afi',
      'describe-afi',
      'wait-for-afi',
      'list-afis',
      'copy-afi',
      'delete-afi',
    ]);
    for (const command of afiCliCommands) {
      expect(command.summary).not.toBe('');
      expect(command.options).toMatchObject({ region: { type: 'string' }, json: { type: 'boolean' } });
      expect(Object.values(command.options).every((option) => option.description.length > 0)).toBe(true);
    }
  });

  it('work directly as node:util parseArgs options', () => {
    expect(parse(waitForAfiCommand, ['--afi-id', 'afi-0123456789abcdef0', '--json', '--timeout', '60'])).toEqual({
      'afi-id': 'afi-0123456789abcdef0',
      json: true,
      timeout: '60',
    });
  });

  it('are enforced: leaving out any required option is a usage error naming it', async () => {
    const hints: Record<string, string> = {
      'create-afi': "Give the required options (see 'aws-fpga create-afi --help'), or run it on a terminal to be asked for them.\n",
    };
    for (const command of afiCliCommands.filter(({ name }) => name !== 'list-afis')) {
      const required = Object.keys(command.options).filter((name) => command.options[name].required === true);
      expect(required.length).toBeGreaterThan(0);
      for (const missing of required) {
        const values = Object.fromEntries(required.filter((name) => name !== missing).map((name) => [name, 'x']));
        const { io, stderr } = capturedIo({});
        expect(await command.run(values, io)).toBe(AFI_EXIT_CODES.usage);
        expect(stderr.text).toBe(`${command.name}: --${missing} is required\n${hints[command.name] ?? ''}`);
      }
    }
  });
});

describe('AFI subcommands', () => {
  const fake = useFakeAws({ jobDurationMs: JOB_MS });
  const aws = () => fakeAwsOptions(fake());

  describe('create-afi', () => {
    let scratch: ScratchDirectory;
    beforeAll(async () => {
      scratch = await scratchDirectory();
    });
    afterAll(() => scratch.remove());

    it('uploads the tarball, creates the AFI and prints both ids', async () => {
      const tarball = await scratch.file('cl.tar', 'checkpoint');
      const { io, stdout, stderr } = capturedIo(aws());
      const args = ['--name', 'cl', '--dcp-tarball', tarball, '--dcp-bucket', DCP_BUCKET, '--dcp-key', 'cli/cl.tar', '--logs-prefix', 'logs/'];

      expect(await createAfiCommand.run(parse(createAfiCommand, args), io)).toBe(AFI_EXIT_CODES.ok);

      expect(stderr.text).toBe('');
      const [, afiId, agfiId] = /^AFI ID: +(\S+)\nAGFI ID: +(\S+)\n$/.exec(stdout.text) ?? [];
      expect(isAfiId(afiId) && isAgfiId(agfiId)).toBe(true);
      expect(fake().objects.get(DCP_BUCKET, 'cli/cl.tar')?.toString()).toBe('checkpoint');
      expect(fake().ec2.requestsFor('CreateFpgaImage').at(-1)!.params).toMatchObject({
        'LogsStorageLocation.Bucket': DCP_BUCKET,
        'LogsStorageLocation.Key': 'logs/',
      });
    });

    it('prints JSON and honours --logs-bucket and --region', async () => {
      fake().objects.put(DCP_BUCKET, 'cli/existing.tar', 'checkpoint');
      const { io, stdout } = capturedIo(aws());
      const args = ['--name', 'cl', '--dcp-bucket', DCP_BUCKET, '--dcp-key', 'cli/existing.tar', '--logs-bucket', LOGS.bucket, '--logs-prefix', 'x/'];

      expect(await createAfiCommand.run(parse(createAfiCommand, [...args, '--json', '--region', 'us-east-2']), io)).toBe(0);

      const created = JSON.parse(stdout.text);
      expect(Object.keys(created)).toEqual(['afiId', 'agfiId']);
      const request = fake().ec2.requestsFor('CreateFpgaImage').at(-1)!;
      expect(request.scope.region).toBe('us-east-2');
      expect(request.params['LogsStorageLocation.Bucket']).toBe(LOGS.bucket);
      expect(fake().images.get('us-east-2', created.afiId).agfiId).toBe(created.agfiId);
    });

    it('reports a bad argument with exit code 2', async () => {
      const { io, stdout, stderr } = capturedIo(aws());
      const args = ['--name', 'cl', '--dcp-bucket', 's3://bucket', '--dcp-key', 'k', '--logs-prefix', 'l/'];
      expect(await createAfiCommand.run(parse(createAfiCommand, args), io)).toBe(AFI_EXIT_CODES.usage);
      expect(stdout.text).toBe('');
      expect(stderr.text).toBe('create-afi: dcp.bucket must be a bucket name without "s3://" or "/", got "s3://bucket"\n');
    });
  });

  describe('describe-afi', () => {
    it('prints the description as aligned text, and for a failed AFI the error lines of its log', async () => {
      const { afiId, agfiId } = await createFakeAfi(fake(), aws(), { name: 'shown', failureReason: 'bad clocks' });
      await jobsFinished(JOB_MS);
      const { io, stdout } = capturedIo(aws());

      expect(await describeAfiCommand.run({ 'afi-id': afiId }, io)).toBe(AFI_EXIT_CODES.ok);

      expect(stdout.text).toMatch(new RegExp(`^AFI ID: +${afiId}\nAGFI ID: +${agfiId}\nState: +failed \\(bad clocks\\)\nName: +shown\n`));
      expect(stdout.text).toMatch(/\nCreated: +\d{4}-\d\d-\d\dT/);
      expect(stdout.text).toContain(`s3://${LOGS.bucket}/${LOGS.prefix}\nTags: `);
      const [fields, log] = stdout.text.split('\nLog ');
      const valueColumns = fields.split('\n').map((line) => /^[^:]+: +/.exec(line)![0].length);
      expect(new Set(valueColumns).size).toBe(1);
      expect(log).toMatch(new RegExp(`^s3://${LOGS.bucket}/${LOGS.prefix}${afiId}/afi_generation.log \\(\\d{4}-[^)]+\\):\n  \\S+ ERROR: bad clocks\n$`));
    });

    it('prints JSON, and accepts an AGFI id', async () => {
      const { afiId, agfiId } = await createFakeAfi(fake(), aws());
      await jobsFinished(JOB_MS);
      const { io, stdout } = capturedIo(aws());

      expect(await describeAfiCommand.run({ 'afi-id': agfiId, json: true }, io)).toBe(AFI_EXIT_CODES.ok);

      const described = JSON.parse(stdout.text);
      expect(described).toMatchObject({ afiId, agfiId, state: 'available', pciIds: { deviceId: '0xf000' } });
      expect(new Date(described.createdAt).getTime()).not.toBeNaN();
    });

    it('exits 1 for an AFI that does not exist', async () => {
      const { io, stdout, stderr } = capturedIo(aws());
      expect(await describeAfiCommand.run({ 'afi-id': 'afi-0123456789abcdef0' }, io)).toBe(AFI_EXIT_CODES.failed);
      expect(stdout.text).toBe('');
      expect(stderr.text).toBe('describe-afi: afi-0123456789abcdef0 was not found in region us-west-2\n');
    });

    it('rejects unknown and repeated options and values of the wrong kind', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ 'afi-id': 'afi-0123456789abcdef0', colour: 'red' }, 'describe-afi: unknown option --colour\n'],
        [{ 'afi-id': ['afi-0123456789abcdef0', 'afi-0123456789abcdef1'] }, 'describe-afi: --afi-id may be given only once\n'],
        [{ 'afi-id': true }, 'describe-afi: --afi-id needs a value\n'],
        [{ 'afi-id': 'afi-0123456789abcdef0', json: 'yes' }, 'describe-afi: --json takes no value\n'],
      ];
      for (const [values, message] of cases) {
        const { io, stderr } = capturedIo(aws());
        expect(await describeAfiCommand.run(values as never, io)).toBe(AFI_EXIT_CODES.usage);
        expect(stderr.text).toBe(message);
      }
    });
  });

  describe('wait-for-afi', () => {
    /** An AFI that stays pending for two polls, then becomes available: three progress reports. */
    async function afiAvailableOnThirdPoll(stderr: CapturedStream): Promise<string> {
      const { afiId } = await createFakeAfi(fake(), aws());
      fake().images.force(afiId, { code: 'pending' });
      await jobsFinished(JOB_MS);
      let reports = 0;
      stderr.onWrite = (text) => {
        if (text.includes(afiId) && (reports += 1) === 2) fake().images.force(afiId, undefined);
      };
      return afiId;
    }

    it('prints a progress line per poll to a pipe, then the description, and exits 0', async () => {
      const { io, stdout, stderr } = capturedIo(aws());
      const afiId = await afiAvailableOnThirdPoll(stderr);

      expect(await waitForAfiCommand.run({ 'afi-id': afiId, ...FAST_WAIT }, io)).toBe(AFI_EXIT_CODES.ok);

      expect(stderr.text.split('\n')).toEqual([
        expect.stringMatching(new RegExp(`^${afiId}: pending, 0:00:00 elapsed, poll 1$`)),
        expect.stringMatching(new RegExp(`^${afiId}: pending, 0:00:00 elapsed, poll 2$`)),
        expect.stringMatching(new RegExp(`^${afiId}: available, 0:00:00 elapsed, poll 3$`)),
        '',
      ]);
      expect(stdout.text).toMatch(/\nState: +available\n/);
    });

    it('rewrites the progress line in place on a terminal', async () => {
      const { io, stderr } = capturedIo(aws(), { tty: true });
      const afiId = await afiAvailableOnThirdPoll(stderr);

      expect(await waitForAfiCommand.run({ 'afi-id': afiId, ...FAST_WAIT }, io)).toBe(AFI_EXIT_CODES.ok);

      expect(stderr.text.split('\r\x1b[2K')).toEqual([
        '',
        `${afiId}: pending, 0:00:00 elapsed, poll 1`,
        `${afiId}: pending, 0:00:00 elapsed, poll 2`,
        `${afiId}: available, 0:00:00 elapsed, poll 3\n`,
      ]);
    });

    it('exits 1 with the reason, and still prints the description with the logs location, when the AFI fails', async () => {
      const { afiId } = await createFakeAfi(fake(), aws(), { failureReason: 'route congestion' });
      const { io, stdout, stderr } = capturedIo(aws());

      expect(await waitForAfiCommand.run({ 'afi-id': afiId, json: true, ...FAST_WAIT }, io)).toBe(AFI_EXIT_CODES.failed);

      expect(JSON.parse(stdout.text)).toMatchObject({ afiId, state: 'failed', stateMessage: 'route congestion', logs: LOGS });
      expect(stderr.text.endsWith(`wait-for-afi: ${afiId} is failed: route congestion\n`)).toBe(true);
    });

    it('exits 1 on timeout', async () => {
      const { afiId } = await createFakeAfi(fake(), aws());
      fake().images.force(afiId, { code: 'pending' });
      const { io, stdout, stderr } = capturedIo(aws(), { tty: true });

      expect(await waitForAfiCommand.run({ 'afi-id': afiId, timeout: '0.03', ...FAST_WAIT }, io)).toBe(AFI_EXIT_CODES.failed);

      expect(stdout.text).toBe('');
      expect(stderr.text).toMatch(new RegExp(`pending, 0:00:00 elapsed, poll \\d+\nwait-for-afi: ${afiId} was still pending after waiting 30 ms\n$`));
    });

    it('exits 130 when interrupted', async () => {
      const { afiId } = await createFakeAfi(fake(), aws());
      fake().images.force(afiId, { code: 'pending' });
      const controller = new AbortController();
      const { io, stderr } = capturedIo(aws(), { signal: controller.signal });
      const running = waitForAfiCommand.run({ 'afi-id': afiId, interval: '60' }, io);
      setTimeout(() => controller.abort(), 20);

      expect(await running).toBe(AFI_EXIT_CODES.interrupted);
      expect(stderr.text.endsWith('wait-for-afi: interrupted\n')).toBe(true);
    });

    it.each(['0', '-5', 'soon', ''])('rejects --timeout %p with exit code 2', async (timeout) => {
      const { io, stderr } = capturedIo(aws());
      expect(await waitForAfiCommand.run({ 'afi-id': 'afi-0123456789abcdef0', timeout }, io)).toBe(AFI_EXIT_CODES.usage);
      expect(stderr.text).toBe(`wait-for-afi: --timeout must be a positive number of seconds, got "${timeout}"\n`);
    });
  });

  describe('delete-afi', () => {
    it('deletes the AFI and says so', async () => {
      const { afiId } = await createFakeAfi(fake(), aws());
      const { io, stdout } = capturedIo(aws());
      expect(await deleteAfiCommand.run({ 'afi-id': afiId }, io)).toBe(AFI_EXIT_CODES.ok);
      expect(stdout.text).toBe(`Deleted ${afiId}\n`);
      expect(() => fake().images.get('us-west-2', afiId)).toThrow();
    });

    it('prints JSON', async () => {
      const { afiId } = await createFakeAfi(fake(), aws());
      const { io, stdout } = capturedIo(aws());
      expect(await deleteAfiCommand.run({ 'afi-id': afiId, json: true }, io)).toBe(AFI_EXIT_CODES.ok);
      expect(JSON.parse(stdout.text)).toEqual({ afiId, deleted: true });
    });

    it('exits 2 for an AGFI id, which it does not look up', async () => {
      const { io, stderr } = capturedIo(aws());
      expect(await deleteAfiCommand.run({ 'afi-id': 'agfi-0123456789abcdef0' }, io)).toBe(AFI_EXIT_CODES.usage);
      expect(stderr.text).toContain('afiIdFor()');
    });
  });
});
