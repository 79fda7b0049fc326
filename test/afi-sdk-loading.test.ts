/** The AWS SDK packages are optional peers: nothing may load them before an AWS call needs them. */

function moduleNotFound(packageName: string): Error {
  return Object.assign(new Error(`Cannot find module '${packageName}' from 'lib/afi/sdk.ts'`), { code: 'MODULE_NOT_FOUND' });
}

describe('optional AWS SDK peers', () => {
  afterEach(() => {
    jest.resetModules();
    jest.dontMock('@aws-sdk/client-ec2');
    jest.dontMock('@aws-sdk/client-s3');
    jest.dontMock('@aws-sdk/client-sns');
  });

  it('are not loaded by importing the module or its CLI layer', () => {
    const loaded: string[] = [];
    jest.doMock('@aws-sdk/client-ec2', () => loaded.push('ec2'));
    jest.doMock('@aws-sdk/client-s3', () => loaded.push('s3'));
    jest.doMock('@aws-sdk/client-sns', () => loaded.push('sns'));
    const cli = require('../lib/afi/cli') as typeof import('../lib/afi/cli');
    require('../lib/afi');
    expect(cli.afiCliCommands.length).toBeGreaterThan(0);
    expect(loaded).toEqual([]);
  });

  it('missing, make AWS calls reject with an install hint', async () => {
    jest.doMock('@aws-sdk/client-ec2', () => {
      throw moduleNotFound('@aws-sdk/client-ec2');
    });
    const afi = require('../lib/afi') as typeof import('../lib/afi');
    const error = await afi.describeAfi('afi-0123456789abcdef0').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(afi.AwsSdkMissingError);
    expect(error).toMatchObject({ packageName: '@aws-sdk/client-ec2', cause: { code: 'MODULE_NOT_FOUND' } });
    expect((error as Error).message).toBe(
      'aws-fpga/afi needs the optional peer dependency @aws-sdk/client-ec2; install it with: npm install @aws-sdk/client-ec2',
    );
  });

  it('missing SNS, make notices reject with its install hint before any other AWS call', async () => {
    jest.doMock('@aws-sdk/client-sns', () => {
      throw moduleNotFound('@aws-sdk/client-sns');
    });
    const afi = require('../lib/afi') as typeof import('../lib/afi');
    const error = await afi.waitForAfi('afi-0123456789abcdef0', { notify: { email: 'me@example.com' } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(afi.AwsSdkMissingError);
    expect((error as Error).message).toBe(
      'aws-fpga/afi needs the optional peer dependency @aws-sdk/client-sns; install it with: npm install @aws-sdk/client-sns',
    );
  });

  it('failing to load for another reason, pass that error on', async () => {
    jest.doMock('@aws-sdk/client-ec2', () => {
      throw moduleNotFound('@smithy/some-transitive-dependency');
    });
    const afi = require('../lib/afi') as typeof import('../lib/afi');
    await expect(afi.describeAfi('afi-0123456789abcdef0')).rejects.toThrow("Cannot find module '@smithy/some-transitive-dependency'");
  });
});
