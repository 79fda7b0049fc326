import { toAfiDescription } from '../lib/afi/description';
import { isThrottlingError } from '../lib/afi/ec2-errors';

describe('toAfiDescription', () => {
  const image = { FpgaImageId: 'afi-0123456789abcdef0', FpgaImageGlobalId: 'agfi-0123456789abcdef0', State: { Code: 'pending' as const } };

  it('maps the minimal image EC2 can return', () => {
    expect(toAfiDescription(image)).toEqual({
      afiId: image.FpgaImageId,
      agfiId: image.FpgaImageGlobalId,
      state: 'pending',
      tags: {},
    });
  });

  it('leaves the logs location out when the tag does not hold an S3 URL', () => {
    expect(toAfiDescription({ ...image, Tags: [{ Key: 'aws-fpga:logs-location', Value: 'somewhere' }] }).logs).toBeUndefined();
  });

  it('refuses states it does not know rather than guess', () => {
    expect(() => toAfiDescription({ ...image, State: { Code: 'deprecated' as never } })).toThrow(
      'EC2 returned an FPGA image in an unknown state: deprecated',
    );
    expect(() => toAfiDescription({ ...image, State: undefined })).toThrow('unknown state: undefined');
  });

  it('refuses an image without ids', () => {
    expect(() => toAfiDescription({ ...image, FpgaImageGlobalId: undefined })).toThrow('EC2 returned a response without fpgaImageGlobalId');
  });
});

describe('isThrottlingError', () => {
  it.each([
    [{ name: 'RequestLimitExceeded' }],
    [{ name: 'ThrottlingException' }],
    [{ name: 'SlowDown' }],
    [{ name: 'Whatever', $retryable: { throttling: true } }],
    [{ name: 'Whatever', $metadata: { httpStatusCode: 429 } }],
  ])('recognises %p', (error) => {
    expect(isThrottlingError(error)).toBe(true);
  });

  it.each([[{ name: 'InvalidFpgaImageID.NotFound', $metadata: { httpStatusCode: 400 } }], [new Error('socket hang up')], [undefined], ['RequestLimitExceeded']])(
    'does not take %p for throttling',
    (error) => {
      expect(isThrottlingError(error)).toBe(false);
    },
  );
});
