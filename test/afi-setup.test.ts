import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsSetupError, describeAfi, NODE_VERSION_WARNING_VARIABLE } from '../lib/afi';
import { FAKE_CREDENTIALS } from './fake-aws/clients';
import { useFakeAws } from './fake-aws/lifecycle';

/** Every setting the SDK's default providers read credentials or a region from. */
const AWS_SETTINGS = [
  'AWS_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_CONFIG_FILE',
  'AWS_EC2_METADATA_DISABLED',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  NODE_VERSION_WARNING_VARIABLE,
];

/** Runs `body` with only `settings` among the AWS settings, then puts the environment back. */
async function withAwsEnvironment(settings: Record<string, string>, body: () => Promise<void>): Promise<void> {
  const saved = Object.fromEntries(AWS_SETTINGS.map((name) => [name, process.env[name]]));
  for (const name of AWS_SETTINGS) delete process.env[name];
  Object.assign(process.env, settings);
  try {
    await body();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

describe('AWS set-up errors', () => {
  const fake = useFakeAws();
  let emptyDirectory: string;
  beforeAll(async () => {
    emptyDirectory = await mkdtemp(join(tmpdir(), 'aws-fpga-no-config-'));
  });
  afterAll(() => rm(emptyDirectory, { recursive: true, force: true }));

  /** No credentials anywhere: no variables, no config files, no instance metadata. */
  const nowhere = () => ({
    AWS_SHARED_CREDENTIALS_FILE: join(emptyDirectory, 'credentials'),
    AWS_CONFIG_FILE: join(emptyDirectory, 'config'),
    AWS_EC2_METADATA_DISABLED: 'true',
  });

  it('missing credentials say what to set', async () => {
    await withAwsEnvironment(nowhere(), async () => {
      const error = await describeAfi('afi-0123456789abcdef0', { region: 'us-west-2', endpoint: fake().endpoint }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AwsSetupError);
      expect(error).toMatchObject({ problem: 'no-credentials', cause: { name: 'CredentialsProviderError' } });
      const { message } = error as Error;
      for (const hint of ['AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'instance role', '--region', 'AWS_REGION']) {
        expect(message).toContain(hint);
      }
      expect(message).toMatch(/\(the AWS SDK said: Could not load credentials from any providers\)$/);
    });
  });

  it('a missing region says what to set', async () => {
    await withAwsEnvironment(nowhere(), async () => {
      const error = await describeAfi('afi-0123456789abcdef0', { credentials: FAKE_CREDENTIALS, endpoint: fake().endpoint }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AwsSetupError);
      expect(error).toMatchObject({ problem: 'no-region' });
      expect((error as Error).message).toBe(
        'No AWS region is set. Pass --region (the region option in the library), set AWS_REGION, or give the profile a region in ~/.aws/config (the AWS SDK said: Region is missing)',
      );
    });
  });
});

describe("the AWS SDK's Node.js version notice", () => {
  const fake = useFakeAws();
  const realVersion = process.version;
  let warnings: string[];

  beforeEach(() => {
    // The SDK warns below Node 22: pose as Node 20, whichever Node runs the tests.
    Object.defineProperty(process, 'version', { value: 'v20.0.0', configurable: true });
    warnings = [];
    jest.spyOn(process, 'emitWarning').mockImplementation((warning: string | Error) => {
      warnings.push(String(warning));
    });
  });
  afterEach(() => {
    Object.defineProperty(process, 'version', { value: realVersion, configurable: true });
    jest.restoreAllMocks();
  });

  /** A describe call through a fresh copy of the library and the SDK, whose notice is given once per copy. */
  function describeWithFreshSdk(): Promise<void> {
    // The library requires the SDK on first use, so the call too runs inside the isolation.
    return jest.isolateModulesAsync(async () => {
      const afi = require('../lib/afi') as typeof import('../lib/afi');
      const options = { region: 'us-west-2', endpoint: fake().endpoint, credentials: FAKE_CREDENTIALS, maxAttempts: 1 };
      await afi.describeAfi('afi-0123456789abcdef0', options).catch(() => undefined);
    });
  }

  it('is not printed for the clients the package makes, and the variable is left as it was', async () => {
    await withAwsEnvironment({}, async () => {
      await describeWithFreshSdk();
      expect(process.env[NODE_VERSION_WARNING_VARIABLE]).toBeUndefined();
    });
    expect(warnings.filter((warning) => warning.includes('NodeVersionSupportWarning'))).toEqual([]);
  });

  it('is printed when the user set the variable to something other than true, and other warnings pass', async () => {
    await withAwsEnvironment({ [NODE_VERSION_WARNING_VARIABLE]: 'false' }, async () => {
      await describeWithFreshSdk();
      process.emitWarning('an unrelated warning');
    });
    expect(warnings).toEqual([expect.stringContaining('NodeVersionSupportWarning'), 'an unrelated warning']);
  });
});
