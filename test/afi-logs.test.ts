import { AwsPermissionError, createAfi, describeAfi, errorLinesOf, fetchAfiLog, LOGS_PLACEHOLDER, waitForAfi } from '../lib/afi';
import { fakeAwsOptions } from './fake-aws/clients';
import { useFakeAws } from './fake-aws/lifecycle';
import { createFakeAfi, DCP_BUCKET, jobsFinished, LOGS } from './fake-aws/scenarios';

const JOB_MS = 30;

describe('errorLinesOf', () => {
  it('keeps the lines with Vivado errors, critical warnings and the image service\'s codes', () => {
    const log = [
      'INFO: [Common 17-206] Exiting Vivado',
      'WARNING: [Route 35-328] Router estimated timing not met',
      'CRITICAL WARNING: [Timing 38-282] The design failed to meet the timing requirements',
      'ERROR: [Place 30-640] Place Check : This design requires more LUT cells than are available',
      'MANIFEST_PARSE_FAILED: Parsing the manifest file failed',
      'Error: the checkpoint is corrupt',
      'Errors: 0, warnings: 3',
      'no_errors_here: lower case is not a code',
    ].join('\n');
    expect(errorLinesOf(log)).toEqual([
      'CRITICAL WARNING: [Timing 38-282] The design failed to meet the timing requirements',
      'ERROR: [Place 30-640] Place Check : This design requires more LUT cells than are available',
      'MANIFEST_PARSE_FAILED: Parsing the manifest file failed',
      'Error: the checkpoint is corrupt',
    ]);
  });
});

describe('fetchAfiLog', () => {
  const fake = useFakeAws({ jobDurationMs: JOB_MS });
  const aws = () => fakeAwsOptions(fake());

  it('reads the log EC2 wrote for a failed AFI, with its error lines', async () => {
    const { afiId } = await createFakeAfi(fake(), aws(), { failureReason: 'DCP_NOT_FOUND: no DCP file in the tarball' });
    const afi = await waitForAfi(afiId, { ...aws(), intervalMs: 5 }).catch((error: { afi: unknown }) => error.afi);

    const log = await fetchAfiLog(afi as never, aws());

    expect(log).toMatchObject({ bucket: LOGS.bucket, key: `${LOGS.prefix}${afiId}/afi_generation.log` });
    expect(log!.lastModified).toBeInstanceOf(Date);
    expect(log!.errorLines).toEqual([expect.stringMatching(/ ERROR: DCP_NOT_FOUND: no DCP file in the tarball$/)]);
    expect(log!.text.split('\n')).toHaveLength(5);
  });

  it('resolves to undefined while the folder has no log, and sees it once the job has ended', async () => {
    const { afiId } = await createFakeAfi(fake(), aws(), { failureReason: 'late' });
    const pending = await describeAfi(afiId, aws());
    expect(pending.state).toBe('pending');
    expect(await fetchAfiLog({ afiId, logs: { bucket: LOGS.bucket, prefix: 'afi-logs/nothing-here/' } }, aws())).toBeUndefined();
    await jobsFinished(JOB_MS);
    expect((await fetchAfiLog(pending, aws()))!.errorLines).toEqual([expect.stringContaining('ERROR: late')]);
  });

  it('prefers the AFI\'s own log, then .log files, then the newest; never the placeholder or folder markers', async () => {
    const afiId = 'afi-0123456789abcdef0';
    const prefix = 'shared-logs';
    const put = (key: string, body: string, secondsAgo: number) =>
      fake().objects.put(LOGS.bucket, `${prefix}/${key}`, body, new Date(Date.now() - secondsAgo * 1000));
    put('', '', 1);
    put(LOGS_PLACEHOLDER, '', 0);
    put('afi-0fffffffffffffff0/newest_other.log', 'ERROR: another AFI', 1);
    put(`${afiId}/manifest.txt`, 'newest but no log', 2);
    put(`${afiId}/older_vivado.log`, 'ERROR: old', 30);
    put(`${afiId}/newer_vivado.log`, 'ERROR: new', 20);

    const log = await fetchAfiLog({ afiId, logs: { bucket: LOGS.bucket, prefix } }, aws());

    expect(log).toMatchObject({ key: `${prefix}/${afiId}/newer_vivado.log`, text: 'ERROR: new', errorLines: ['ERROR: new'] });
  });

  it('takes options.logs over the tag, and names what to pass when neither is known', async () => {
    fake().objects.put(LOGS.bucket, 'elsewhere/run.log', 'ERROR: here');
    const tagged = { afiId: 'afi-0123456789abcdef1', logs: { bucket: LOGS.bucket, prefix: 'not-here/' } };
    expect((await fetchAfiLog(tagged, { ...aws(), logs: { bucket: LOGS.bucket, prefix: 'elsewhere' } }))!.key).toBe('elsewhere/run.log');

    fake().objects.put(DCP_BUCKET, 'untagged.tar', 'checkpoint');
    const { afiId } = await createAfi({ ...aws(), name: 'untagged', dcp: { bucket: DCP_BUCKET, key: 'untagged.tar' }, logs: LOGS, tagLogsLocation: false });
    const untagged = await describeAfi(afiId, aws());
    await expect(fetchAfiLog(untagged, aws())).rejects.toThrow(
      new TypeError(
        `the logs location of ${afiId} is not known (it is tagged only on AFIs made by createAfi); pass options.logs, { bucket, prefix }, as given to CreateFpgaImage`,
      ),
    );
  });

  it('says which permission is missing when S3 refuses', async () => {
    const error = await fetchAfiLog({ afiId: 'afi-0123456789abcdef0', logs: { bucket: 'no-such-bucket-here', prefix: 'x/' } }, aws()).catch(
      (caught: unknown) => caught,
    );
    expect((error as Error).name).toBe('NoSuchBucket');
    fake().objects.buckets.set('someone-elses', 'us-west-2');
    fake().s3.deniedBuckets.add('someone-elses');
    const denied = await fetchAfiLog({ afiId: 'afi-0123456789abcdef0', logs: { bucket: 'someone-elses', prefix: 'x/' } }, aws()).catch(
      (caught: unknown) => caught,
    );
    expect(denied).toBeInstanceOf(AwsPermissionError);
    expect((denied as Error).message).toMatch(
      /^s3:ListBucket on s3:\/\/someone-elses\/x\/ was denied\. Allow the identity s3:ListBucket on the bucket someone-elses and s3:GetObject on s3:\/\/someone-elses\/x\/\* \(AWS said: /,
    );
  });
});
