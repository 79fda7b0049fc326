import { mkdir, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { isAfiId, LOGS_PLACEHOLDER } from '../lib/afi';
import {
  AFI_EXIT_CODES,
  copyAfiCommand,
  createAfiCommand,
  describeAfiCommand,
  listAfisCommand,
  waitForAfiCommand,
  type AfiCliIo,
} from '../lib/afi/cli';
import { formatAfiTable } from '../lib/afi/cli-list';
import { runCli } from '../lib/cli/run';
import { FAKE_REGION, fakeAwsOptions } from './fake-aws/clients';
import { useFakeAws } from './fake-aws/lifecycle';
import { createFakeAfi, jobsFinished, LOGS, scratchDirectory, type ScratchDirectory } from './fake-aws/scenarios';
import { capturedIo, CapturedStream } from './fake-aws/streams';

const JOB_MS = 30;
const FAST_WAIT = { interval: '0.005', 'max-interval': '0.01' };
const STAMP = '\\d{8}_\\d{6}';

/** A terminal whose user types `lines`, one answer each (typed ahead, as a fast typist or a paste does). */
function terminalInput(lines: readonly string[], end = false): PassThrough & { isTTY: boolean } {
  const input = Object.assign(new PassThrough(), { isTTY: true });
  input.write(lines.map((line) => `${line}\n`).join(''));
  if (end) input.end();
  return input;
}

describe('create-afi on a terminal', () => {
  const fake = useFakeAws({ jobDurationMs: JOB_MS });
  let scratch: ScratchDirectory;
  let tarball: string;
  const savedClDir = process.env.CL_DIR;

  beforeAll(async () => {
    scratch = await scratchDirectory();
    const clDir = join(scratch.path, 'cl_sde');
    await mkdir(join(clDir, 'build', 'checkpoints'), { recursive: true });
    const older = await scratch.file('cl_sde/build/checkpoints/2025_01_30-100000.Developer_CL.tar', 'old checkpoint');
    await utimes(older, new Date('2025-01-30'), new Date('2025-01-30'));
    tarball = await scratch.file('cl_sde/build/checkpoints/2025_01_31-120000.Developer_CL.tar', 'checkpoint');
    process.env.CL_DIR = clDir;
  });
  afterAll(async () => {
    if (savedClDir === undefined) delete process.env.CL_DIR;
    else process.env.CL_DIR = savedClDir;
    await scratch.remove();
  });

  function terminalIo(input: PassThrough, signal?: AbortSignal) {
    const stdout = new CapturedStream(true);
    const stderr = new CapturedStream(true);
    const io: AfiCliIo = { stdout, stderr, stdin: input, signal, aws: fakeAwsOptions(fake()) };
    return { io, stdout, stderr };
  }

  it("asks for each value, offering the HDK's defaults, and creates the buckets, logs folder and AFI once confirmed", async () => {
    // Region, tarball, name, description, key, logs bucket and prefix, bucket creation: the defaults; the bucket typed.
    const input = terminalInput(['', '', '', '', 'new-afi-bucket', '', '', '', '', 'y']);
    const { io, stdout, stderr } = terminalIo(input);

    expect(await createAfiCommand.run({}, io)).toBe(AFI_EXIT_CODES.ok);

    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const prompts = [
      escape(`AWS region to create the AFI in (F2 regions: us-east-1, us-west-2, ap-southeast-2, eu-west-2) [${FAKE_REGION}]`),
      escape(`Design checkpoint tarball: a local path to upload, or s3://bucket/key of one in S3 [${tarball}]`),
      escape('AFI name [cl_sde]'),
      escape('AFI description [cl_sde]'),
      escape('S3 bucket for the tarball'),
      `S3 key for the tarball \\[cl_sde_${STAMP}/2025_01_31-120000\\.Developer_CL\\.tar\\]`,
      escape('S3 bucket for the creation logs [new-afi-bucket]'),
      `S3 folder for the creation logs \\[cl_sde_${STAMP}/logs/\\]`,
      escape('Create the buckets and the logs folder where missing? (y/n) [y]'),
    ];
    expect(stderr.text).toMatch(new RegExp(`^${prompts.join(': ')}: \n`));
    expect(stderr.text).toMatch(/\nCreate buckets: +where missing, and the logs folder\nCreate this AFI\? \(y\/n\) \[n\]: $/);
    const [, afiId] = /^AFI ID: +(\S+)\n/.exec(stdout.text) ?? [];
    expect(isAfiId(afiId)).toBe(true);
    expect(stdout.text).toMatch(/\nBuckets created: +new-afi-bucket\nLogs placeholder: +s3:\/\/new-afi-bucket\/cl_sde_\d{8}_\d{6}\/logs\/LOGS_FILES_GO_HERE.txt\n$/);
    const { params } = fake().ec2.requestsFor('CreateFpgaImage').at(-1)!;
    expect(params).toMatchObject({ Name: 'cl_sde', Description: 'cl_sde', 'InputStorageLocation.Bucket': 'new-afi-bucket' });
    expect(fake().objects.get('new-afi-bucket', params['InputStorageLocation.Key'])?.toString()).toBe('checkpoint');
    expect(fake().objects.get('new-afi-bucket', `${params['LogsStorageLocation.Key']}${LOGS_PLACEHOLDER}`)).toEqual(Buffer.alloc(0));
  });

  it('asks only for what the command line leaves out, and asks again after a wrong answer', async () => {
    fake().objects.put(LOGS.bucket, 'in-s3/design.tar', 'checkpoint');
    const answers = ['', `s3://${LOGS.bucket}/in-s3/design.tar`, 's3://wrong', LOGS.bucket, '', 'n', 'y'];
    const { io, stderr } = terminalIo(terminalInput(answers));

    expect(await createAfiCommand.run({ name: 'given', 'dcp-bucket': undefined, description: 'given too' }, io)).toBe(AFI_EXIT_CODES.ok);

    expect(stderr.text).not.toContain('AFI name');
    expect(stderr.text).not.toContain('S3 key for the tarball');
    expect(stderr.text).not.toContain('S3 bucket for the tarball');
    expect(stderr.text).toContain('  the bucket must be a bucket name without "s3://" or "/", got "s3://wrong"\nS3 bucket for the creation logs');
    expect(fake().ec2.requestsFor('CreateFpgaImage').at(-1)!.params).toMatchObject({
      Name: 'given',
      'InputStorageLocation.Key': 'in-s3/design.tar',
      'LogsStorageLocation.Bucket': LOGS.bucket,
    });
  });

  it('creates nothing when the summary is not confirmed', async () => {
    const creates = fake().ec2.requestsFor('CreateFpgaImage').length;
    const { io, stdout, stderr } = terminalIo(terminalInput(['', '', '', '', 'some-bucket', '', '', '', 'n', '']));
    expect(await createAfiCommand.run({}, io)).toBe(AFI_EXIT_CODES.failed);
    expect(stdout.text).toBe('');
    expect(stderr.text.endsWith('create-afi: cancelled; nothing was created\n')).toBe(true);
    expect(fake().ec2.requestsFor('CreateFpgaImage')).toHaveLength(creates);
  });

  it('stops when the input ends, and on an interrupt', async () => {
    const ended = terminalIo(terminalInput(['us-east-1'], true));
    expect(await createAfiCommand.run({}, ended.io)).toBe(AFI_EXIT_CODES.failed);
    expect(ended.stderr.text.endsWith('create-afi: the input ended before every value was given\n')).toBe(true);

    const controller = new AbortController();
    const interrupted = terminalIo(terminalInput([]), controller.signal);
    interrupted.stderr.onWrite = (text) => {
      if (text.startsWith('AWS region')) controller.abort();
    };
    expect(await createAfiCommand.run({}, interrupted.io)).toBe(AFI_EXIT_CODES.interrupted);
    expect(interrupted.stderr.text.endsWith('create-afi: interrupted\n')).toBe(true);
  });

  it('reports a mistyped option before asking anything', async () => {
    const { io, stderr } = terminalIo(terminalInput([]));
    expect(await createAfiCommand.run({ nmae: 'x' }, io)).toBe(AFI_EXIT_CODES.usage);
    expect(stderr.text).toBe('create-afi: unknown option --nmae\nGive the required options (see \'aws-fpga create-afi --help\'), or run it on a terminal to be asked for them.\n');
  });

  it('off a terminal, refuses with the usage instead of asking', async () => {
    const input = Object.assign(new PassThrough(), { isTTY: false });
    const { io, stderr } = terminalIo(input);
    expect(await createAfiCommand.run({ name: 'x' }, io)).toBe(AFI_EXIT_CODES.usage);
    expect(stderr.text).toBe(
      "create-afi: --dcp-bucket is required\nGive the required options (see 'aws-fpga create-afi --help'), or run it on a terminal to be asked for them.\n",
    );
  });
});

describe('list-afis', () => {
  const fake = useFakeAws({ jobDurationMs: JOB_MS });
  const aws = () => fakeAwsOptions(fake(), 'ap-southeast-2');

  it("prints this account's AFIs in the region, newest first, in fixed columns, with -H style headers", async () => {
    const first = await createFakeAfi(fake(), aws(), { name: 'first' });
    await jobsFinished(JOB_MS);
    const second = await createFakeAfi(fake(), aws(), { name: 'second', failureReason: 'bad' });
    const { io, stdout } = capturedIo(aws());

    expect(await listAfisCommand.run({ headers: true }, io)).toBe(AFI_EXIT_CODES.ok);

    const lines = stdout.text.split('\n');
    expect(lines[0]).toBe('FpgaImageId            FpgaImageGlobalId       State        CreateTime            Name');
    expect(lines[1]).toMatch(new RegExp(`^${second.afiId}  ${second.agfiId}  pending      \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ  second$`));
    expect(lines[2]).toMatch(new RegExp(`^${first.afiId}  ${first.agfiId}  available    .{20}  first$`));
    expect(lines.slice(3)).toEqual(['']);
  });

  it('shows - for a creation time EC2 did not give', () => {
    const afi = { afiId: 'afi-0123456789abcdef0', agfiId: 'agfi-0123456789abcdef0', state: 'pending', tags: {} } as const;
    expect(formatAfiTable([afi], false)).toBe('afi-0123456789abcdef0  agfi-0123456789abcdef0  pending      -\n');
    expect(formatAfiTable([{ ...afi, createdAt: new Date('2025-01-31T12:00:00.123Z'), name: 'x' }], false)).toBe(
      'afi-0123456789abcdef0  agfi-0123456789abcdef0  pending      2025-01-31T12:00:00Z  x\n',
    );
  });

  it('filters by state, and prints JSON', async () => {
    await jobsFinished(JOB_MS);
    const { io, stdout } = capturedIo(aws());
    expect(await listAfisCommand.run({ state: 'failed,unavailable', json: true }, io)).toBe(AFI_EXIT_CODES.ok);
    expect(JSON.parse(stdout.text).map((afi: { name: string; state: string }) => [afi.name, afi.state])).toEqual([['second', 'failed']]);
  });

  it('rejects an unknown state', async () => {
    const { io, stderr } = capturedIo(aws());
    expect(await listAfisCommand.run({ state: 'done' }, io)).toBe(AFI_EXIT_CODES.usage);
    expect(stderr.text).toBe('list-afis: --state takes pending, available, failed, unavailable (comma-separated), got "done"\n');
  });

  it('is registered with aws-fpga', async () => {
    const { io, stdout } = capturedIo(aws());
    expect(await runCli(['list-afis', '--state', 'available', '--region', 'ap-southeast-2'], io)).toBe(AFI_EXIT_CODES.ok);
    expect(stdout.text).toMatch(/^afi-\S+  agfi-\S+  available  .*  first\n$/);
  });
});

describe('copy-afi', () => {
  const fake = useFakeAws({ jobDurationMs: JOB_MS });

  it('copies into --region: a new AFI id there, the same AGFI id', async () => {
    const source = await createFakeAfi(fake(), fakeAwsOptions(fake(), 'us-east-1'), { name: 'original' });
    const { io, stdout } = capturedIo(fakeAwsOptions(fake(), 'us-east-1'));

    const args = { 'source-afi-id': source.afiId, 'source-region': 'us-east-1', region: 'eu-west-2' };
    expect(await copyAfiCommand.run(args, io)).toBe(AFI_EXIT_CODES.ok);

    const [, afiId] = /^AFI ID: +(\S+)\n/.exec(stdout.text) ?? [];
    expect(afiId).not.toBe(source.afiId);
    expect(stdout.text).toBe(`AFI ID:      ${afiId}\nAGFI ID:     ${source.agfiId}\nCopied from: ${source.afiId} in us-east-1\n`);
    expect(fake().images.get('eu-west-2', afiId)).toMatchObject({ agfiId: source.agfiId, name: 'original' });
  });

  it('takes the AGFI id as the source, and prints JSON', async () => {
    const source = await createFakeAfi(fake(), fakeAwsOptions(fake(), 'us-east-1'));
    const { io, stdout } = capturedIo(fakeAwsOptions(fake(), 'us-west-2'));
    const args = { 'source-afi-id': source.agfiId, 'source-region': 'us-east-1', name: 'renamed', json: true };
    expect(await copyAfiCommand.run(args, io)).toBe(AFI_EXIT_CODES.ok);
    const copied = JSON.parse(stdout.text);
    expect(copied).toEqual({ afiId: expect.stringMatching(/^afi-/), agfiId: source.agfiId, sourceAfiId: source.afiId, sourceRegion: 'us-east-1' });
    expect(fake().images.get('us-west-2', copied.afiId).name).toBe('renamed');
  });

  it('says when the source is not in the source region', async () => {
    const { io, stderr } = capturedIo(fakeAwsOptions(fake()));
    expect(await copyAfiCommand.run({ 'source-afi-id': 'afi-0123456789abcdef0', 'source-region': 'eu-west-2' }, io)).toBe(AFI_EXIT_CODES.failed);
    expect(stderr.text).toBe('copy-afi: afi-0123456789abcdef0 was not found in region eu-west-2\n');
  });
});

describe('a failed AFI in describe-afi and wait-for-afi', () => {
  const fake = useFakeAws({ jobDurationMs: JOB_MS });
  const aws = () => fakeAwsOptions(fake());

  it('wait-for-afi prints the error lines of the log, and all of it with --logs-full', async () => {
    const { afiId } = await createFakeAfi(fake(), aws(), { failureReason: 'CLK_ILLEGAL: clock recipe A9 does not exist' });
    const { io, stdout, stderr } = capturedIo(aws());

    expect(await waitForAfiCommand.run({ 'afi-id': afiId, ...FAST_WAIT }, io)).toBe(AFI_EXIT_CODES.failed);

    expect(stdout.text).toMatch(/\nLog s3:\/\/fpga-logs-bucket\/afi-logs\/afi-\w+\/afi_generation.log \([^)]+\):\n {2}\S+ ERROR: CLK_ILLEGAL: clock recipe A9 does not exist\n$/);
    expect(stderr.text.endsWith(`wait-for-afi: ${afiId} is failed: CLK_ILLEGAL: clock recipe A9 does not exist\n`)).toBe(true);

    const full = capturedIo(aws());
    expect(await describeAfiCommand.run({ 'afi-id': afiId, 'logs-full': true }, full.io)).toBe(AFI_EXIT_CODES.ok);
    const log = full.stdout.text.split(/\nLog [^\n]+:\n/)[1];
    expect(log.split('\n')).toEqual([
      expect.stringContaining(`INFO: AFI generation of ${afiId}`),
      expect.stringContaining('INFO: Checking the manifest'),
      expect.stringContaining('ERROR: CLK_ILLEGAL'),
      expect.stringContaining('INFO: AFI generation failed'),
      '',
    ]);
  });

  it('describe-afi --json carries the log; --logs reads another location', async () => {
    const { afiId } = await createFakeAfi(fake(), aws(), { failureReason: 'bad' });
    await jobsFinished(JOB_MS);
    fake().objects.put(LOGS.bucket, `moved/${afiId}/afi_generation.log`, 'ERROR: read from the moved copy\n');
    const { io, stdout } = capturedIo(aws());

    const values = { 'afi-id': afiId, json: true, logs: `s3://${LOGS.bucket}/moved/` };
    expect(await describeAfiCommand.run(values, io)).toBe(AFI_EXIT_CODES.ok);

    expect(JSON.parse(stdout.text)).toMatchObject({
      afiId,
      state: 'failed',
      log: { bucket: LOGS.bucket, key: `moved/${afiId}/afi_generation.log`, errorLines: ['ERROR: read from the moved copy'] },
    });
    expect(JSON.parse(stdout.text).log.text).toBeUndefined();
  });

  it('notes on stderr a log that is missing or unreadable, and rejects a --logs that is no S3 URL', async () => {
    const { afiId } = await createFakeAfi(fake(), aws(), { failureReason: 'bad' });
    await jobsFinished(JOB_MS);
    const empty = capturedIo(aws());
    expect(await describeAfiCommand.run({ 'afi-id': afiId, logs: `s3://${LOGS.bucket}/empty/` }, empty.io)).toBe(AFI_EXIT_CODES.ok);
    expect(empty.stderr.text).toBe(`${afiId}: no log under s3://${LOGS.bucket}/empty/ yet\n`);

    fake().s3.deniedBuckets.add('locked-logs');
    fake().objects.buckets.set('locked-logs', FAKE_REGION);
    const locked = capturedIo(aws());
    expect(await describeAfiCommand.run({ 'afi-id': afiId, logs: 's3://locked-logs/l/' }, locked.io)).toBe(AFI_EXIT_CODES.ok);
    expect(locked.stderr.text).toMatch(new RegExp(`^${afiId}: could not read the log under s3://locked-logs/l/: s3:ListBucket on s3://locked-logs/l/ was denied\\.`));

    const wrong = capturedIo(aws());
    expect(await describeAfiCommand.run({ 'afi-id': afiId, logs: 'locked-logs/l/' }, wrong.io)).toBe(AFI_EXIT_CODES.usage);
    expect(wrong.stderr.text).toBe('describe-afi: --logs must be an S3 URL like s3://bucket/logs/, got "locked-logs/l/"\n');
  });
});

describe('wait-for-afi --email', () => {
  const fake = useFakeAws({ jobDurationMs: JOB_MS });
  const aws = () => fakeAwsOptions(fake());

  it('subscribes the address, says to confirm it, and sends the result', async () => {
    const { afiId } = await createFakeAfi(fake(), aws());
    const { io, stderr } = capturedIo(aws());

    expect(await waitForAfiCommand.run({ 'afi-id': afiId, email: 'dev@example.com', ...FAST_WAIT }, io)).toBe(AFI_EXIT_CODES.ok);

    const lines = stderr.text.split('\n');
    expect(lines[0]).toBe(
      'Subscribed dev@example.com to the SNS topic CREATE_AFI: confirm the subscription from the e-mail AWS sent, or the result will not reach you.',
    );
    expect(lines.at(-2)).toBe('Sent the result to the SNS topic CREATE_AFI.');
    expect(fake().sns.published.at(-1)!.subject).toBe(`AFI ${afiId} is available (test-afi)`);

    const again = capturedIo(aws());
    expect(await waitForAfiCommand.run({ 'afi-id': afiId, email: 'dev@example.com', ...FAST_WAIT }, again.io)).toBe(AFI_EXIT_CODES.ok);
    expect(again.stderr.text.split('\n')[0]).toBe(
      'dev@example.com was subscribed to CREATE_AFI before but has not confirmed yet: confirm from the e-mail AWS sent, or the result will not reach you.',
    );
    expect(fake().sns.requestsFor('Subscribe')).toHaveLength(1);
  });

  it('publishes to --sns-topic alone without subscribing anyone', async () => {
    const { afiId } = await createFakeAfi(fake(), aws());
    const { io, stderr } = capturedIo(aws());
    expect(await waitForAfiCommand.run({ 'afi-id': afiId, 'sns-topic': 'lab-afis', ...FAST_WAIT }, io)).toBe(AFI_EXIT_CODES.ok);
    expect(stderr.text.split('\n')[0]).toBe('The result will be published to the SNS topic lab-afis.');
    expect(fake().sns.published.at(-1)!.topicArn).toBe(fake().sns.topicArn(FAKE_REGION, 'lab-afis'));
  });

  it('exits 1 naming the permissions when SNS refuses, after printing the AFI', async () => {
    const { afiId } = await createFakeAfi(fake(), aws(), { failureReason: 'bad' });
    fake().sns.denied.add('Publish');
    try {
      const { io, stdout, stderr } = capturedIo(aws());
      expect(await waitForAfiCommand.run({ 'afi-id': afiId, email: 'dev@example.com', ...FAST_WAIT }, io)).toBe(AFI_EXIT_CODES.failed);
      expect(stdout.text).toMatch(/\nState: +failed \(bad\)\n[\s\S]*ERROR: bad\n$/);
      expect(stderr.text).toMatch(
        new RegExp(
          `wait-for-afi: ${afiId} is failed: bad, but the notice could not be sent: sns:Publish on arn:aws:sns:${FAKE_REGION}:\\d+:CREATE_AFI was denied\\. ` +
            'Allow the identity sns:CreateTopic, sns:ListSubscriptionsByTopic, sns:Subscribe and sns:Publish on it',
        ),
      );
    } finally {
      fake().sns.denied.delete('Publish');
    }
  });

  it('rejects a malformed address before any AWS call', async () => {
    const requests = fake().ec2.requests.length + fake().sns.requests.length;
    const { io, stderr } = capturedIo(aws());
    expect(await waitForAfiCommand.run({ 'afi-id': 'afi-0123456789abcdef0', email: 'dev-at-example' }, io)).toBe(AFI_EXIT_CODES.usage);
    expect(stderr.text).toBe('wait-for-afi: email must be an e-mail address, got "dev-at-example"\n');
    expect(fake().ec2.requests.length + fake().sns.requests.length).toBe(requests);
  });
});
