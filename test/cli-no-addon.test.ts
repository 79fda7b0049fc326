// The aws-fpga command without the native addon: help, --version and the AFI
// commands (which only talk to EC2 and S3) work; device commands say what is missing.
import { execFile } from 'child_process';
import * as path from 'path';
import { promisify } from 'util';
import { FAKE_CREDENTIALS, FAKE_REGION, fakeAwsOptions } from './fake-aws/clients';
import { useFakeAws } from './fake-aws/lifecycle';
import { createFakeAfi } from './fake-aws/scenarios';
import { CLI, awsFpga } from './helpers/spawn';
import { ROOT } from './helpers/child';

const NO_ADDON = path.join(__dirname, 'helpers', 'no-addon.js');
const withoutAddon = ['-r', NO_ADDON, CLI];

const noAddon = (...args: string[]) => awsFpga([...args], {}, withoutAddon);

describe('without the native addon', () => {
  test('the preload does make the addon unloadable', () => {
    const { status, stderr } = noAddon('describe-local-image', '-S', '0', '--mock');
    expect(status).toBe(1);
    expect(stderr).toContain('the native addon could not be loaded');
    expect(stderr).toContain('no native build here');
    expect(stderr).not.toMatch(/^\s+at /m); // a message, not a stack trace
  });

  test('--help, -V and every command\'s --help work', () => {
    expect(noAddon('--help')).toMatchObject({ status: 0, stderr: '' });
    expect(noAddon('-V')).toMatchObject({ status: 0, stdout: expect.stringMatching(/^aws-fpga \d+\.\d+\.\d+/) });
    for (const name of ['load-local-image', 'describe-clkgen', 'watch', 'describe-afi', 'create-afi']) {
      expect(noAddon(name, '--help')).toMatchObject({ status: 0, stdout: expect.stringContaining(`Usage: aws-fpga ${name}`) });
    }
  });

  describe('the AFI commands', () => {
    const fake = useFakeAws();
    const run = promisify(execFile);

    test('describe-afi and wait-for-afi reach EC2', async () => {
      const aws = fakeAwsOptions(fake());
      const { afiId } = await createFakeAfi(fake(), aws);
      const env = {
        ...process.env,
        AWS_ENDPOINT_URL: fake().endpoint,
        AWS_REGION: FAKE_REGION,
        AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
      };
      const options = { cwd: ROOT, env, encoding: 'utf8' as const };
      const waited = await run(process.execPath, [...withoutAddon, 'wait-for-afi', '--afi-id', afiId, '--interval', '0.01'], options);
      expect(waited.stdout).toContain(afiId);
      const described = await run(process.execPath, [...withoutAddon, 'describe-afi', '--afi-id', afiId, '--json'], options);
      expect(JSON.parse(described.stdout)).toMatchObject({ afiId, state: 'available' });
    });
  });
});
