import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AFI_EXIT_CODES, defineCommand, type AfiCliIo } from './cli-define';
import type { RawCliValues } from './cli-options';
import { formatFields, formatJson } from './cli-output';
import { Prompter, type Question } from './cli-prompt';
import { createAfi } from './create';
import { LOGS_PLACEHOLDER } from './logs';
import { formatS3Url } from './s3-location';
import { tarballSize } from './upload';
import { requireBucketName } from './validate';

/** The regions with F2 instances, as the HDK's create_afi.py knows them; the first is its default. */
export const F2_REGIONS = ['us-east-1', 'us-west-2', 'ap-southeast-2', 'eu-west-2'] as const;

const createOptions = {
  name: { type: 'string', required: true, valueName: 'name', description: 'Name of the AFI' },
  description: { type: 'string', valueName: 'text', description: 'Description of the AFI' },
  'dcp-tarball': { type: 'string', valueName: 'path', description: 'Local tarball to upload to --dcp-bucket/--dcp-key' },
  'dcp-bucket': { type: 'string', required: true, valueName: 'bucket', description: 'S3 bucket of the tarball' },
  'dcp-key': { type: 'string', required: true, valueName: 'key', description: 'S3 key of the tarball' },
  'logs-bucket': { type: 'string', valueName: 'bucket', description: 'S3 bucket for the creation logs (default: --dcp-bucket)' },
  'logs-prefix': { type: 'string', required: true, valueName: 'prefix', description: 'S3 key prefix (folder) for the creation logs' },
  'create-buckets': {
    type: 'boolean',
    description: `Create the buckets where missing (in --region) and put ${LOGS_PLACEHOLDER} in an empty logs folder`,
  },
  'client-token': { type: 'string', valueName: 'token', description: 'Idempotency token, to retry a creation safely' },
} as const;

/** The HDK's builds leave their tarballs here, named <date>.Developer_CL.tar. */
async function newestCheckpoint(): Promise<string | undefined> {
  const clDir = process.env.CL_DIR;
  if (clDir === undefined || clDir === '') return undefined;
  const folder = join(clDir, 'build', 'checkpoints');
  const names = await readdir(folder).catch(() => [] as string[]);
  const tarballs = await Promise.all(
    names.filter((name) => name.endsWith('.Developer_CL.tar')).map(async (name) => ({ path: join(folder, name), info: await stat(join(folder, name)) })),
  );
  return tarballs.sort((a, b) => b.info.mtimeMs - a.info.mtimeMs)[0]?.path;
}

/** create_afi.py keeps each run apart in a folder `<name>_<yyyymmdd_hhmmss>`. */
function runFolder(name: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '_').slice(0, 15);
  return `${name}_${stamp}`;
}

const bucketCheck = (answer: string) => {
  try {
    requireBucketName(answer, 'the bucket');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
};

const tarballCheck = async (answer: string) => {
  if (answer.startsWith('s3://')) return /^s3:\/\/[^/]+\/.+$/.test(answer) ? undefined : 'an S3 tarball is written s3://bucket/key';
  return tarballSize(answer, 'the tarball').then(
    () => undefined,
    (error: Error) => error.message,
  );
};

type Answers = Record<string, string | boolean | undefined>;

/** Asks for what the command line left out, each with the guide's default where it has one. */
async function askMissing(raw: RawCliValues, prompter: Prompter, io: AfiCliIo): Promise<Answers> {
  const values: Answers = { ...(raw as Answers) };
  const given = (name: string) => typeof values[name] === 'string';
  const ask = async (name: string, question: Question) => {
    if (!given(name)) values[name] = await prompter.ask(question);
    return values[name] as string;
  };
  const region = io.aws?.region ?? process.env.AWS_REGION ?? F2_REGIONS[0];
  await ask('region', { text: `AWS region to create the AFI in (F2 regions: ${F2_REGIONS.join(', ')})`, default: region });
  if (!given('dcp-tarball') && !(given('dcp-bucket') && given('dcp-key'))) {
    const tarball = await prompter.ask({
      text: 'Design checkpoint tarball: a local path to upload, or s3://bucket/key of one in S3',
      default: await newestCheckpoint(),
      check: tarballCheck,
    });
    const inS3 = /^s3:\/\/([^/]+)\/(.+)$/.exec(tarball);
    if (inS3 === null) values['dcp-tarball'] = tarball;
    else [values['dcp-bucket'], values['dcp-key']] = [inS3[1], inS3[2]];
  }
  const clName = process.env.CL_DIR === undefined ? undefined : basename(process.env.CL_DIR) || undefined;
  const name = await ask('name', { text: 'AFI name', default: clName });
  await ask('description', { text: 'AFI description', default: name });
  const folder = runFolder(name);
  const dcpBucket = await ask('dcp-bucket', { text: 'S3 bucket for the tarball', check: bucketCheck });
  const tarballName = basename(typeof values['dcp-tarball'] === 'string' ? values['dcp-tarball'] : 'design.tar');
  await ask('dcp-key', { text: 'S3 key for the tarball', default: `${folder}/${tarballName}` });
  await ask('logs-bucket', { text: 'S3 bucket for the creation logs', default: dcpBucket, check: bucketCheck });
  await ask('logs-prefix', { text: 'S3 folder for the creation logs', default: `${folder}/logs/` });
  if (values['create-buckets'] === undefined) {
    values['create-buckets'] = await prompter.confirm('Create the buckets and the logs folder where missing?', true);
  }
  return values;
}

function summary(values: Answers): string {
  const text = (name: string) => values[name] as string | undefined;
  const logsBucket = text('logs-bucket') ?? text('dcp-bucket')!;
  const upload = text('dcp-tarball') === undefined ? undefined : `${text('dcp-tarball')} → ${formatS3Url(text('dcp-bucket')!, text('dcp-key')!)}`;
  return formatFields([
    ['Region', text('region')],
    ['Name', text('name')],
    ['Description', text('description')],
    ['Upload', upload],
    ['Tarball', upload === undefined ? formatS3Url(text('dcp-bucket')!, text('dcp-key')!) : undefined],
    ['Logs', formatS3Url(logsBucket, text('logs-prefix')!)],
    ['Create buckets', values['create-buckets'] === true ? 'where missing, and the logs folder' : 'no'],
  ]);
}

/** On a terminal, the values the command line lacks are asked for, then the whole is confirmed. */
async function completeOnTerminal(raw: RawCliValues, io: AfiCliIo): Promise<RawCliValues> {
  const missing = Object.entries(createOptions).some(([name, option]) => 'required' in option && raw[name] === undefined);
  if (!missing || io.stdin?.isTTY !== true) return raw;
  const prompter = new Prompter(io.stdin, io.stderr, io.signal);
  try {
    const values = await askMissing(raw, prompter, io);
    io.stderr.write(`\n${summary(values)}`);
    if (!(await prompter.confirm('Create this AFI?', false))) throw new Error('cancelled; nothing was created');
    return values;
  } finally {
    prompter.close();
  }
}

export const createAfiCommand = defineCommand({
  name: 'create-afi',
  summary: 'Create an AFI from a design checkpoint tarball, uploading it first with --dcp-tarball; on a terminal, asks for what is not given',
  options: createOptions,
  usageHint: "Give the required options (see 'aws-fpga create-afi --help'), or run it on a terminal to be asked for them.",
  complete: completeOnTerminal,
  async run(values, io, aws) {
    const created = await createAfi({
      ...aws,
      name: values.name,
      description: values.description,
      dcp: { bucket: values['dcp-bucket'], key: values['dcp-key'], uploadFrom: values['dcp-tarball'] },
      logs: { bucket: values['logs-bucket'] ?? values['dcp-bucket'], prefix: values['logs-prefix'] },
      clientToken: values['client-token'],
      createBuckets: values['create-buckets'],
    });
    const { storage } = created;
    const logsBucket = values['logs-bucket'] ?? values['dcp-bucket'];
    io.stdout.write(
      values.json
        ? formatJson(created)
        : formatFields([
            ['AFI ID', created.afiId],
            ['AGFI ID', created.agfiId],
            ['Buckets created', storage === undefined || storage.createdBuckets.length === 0 ? undefined : storage.createdBuckets.join(', ')],
            ['Logs placeholder', storage?.placeholderKey === undefined ? undefined : formatS3Url(logsBucket, storage.placeholderKey)],
          ]),
    );
    return AFI_EXIT_CODES.ok;
  },
});
