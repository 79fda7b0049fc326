import { FpgaError, FpgaMgmt } from '../../lib';
import { ready } from '../../lib/backend';
import { contractDevice } from './device';

beforeAll(contractDevice);

test('every code from -133 to 32 has the name fpga_mgmt_strerror gives it', () => {
  const differing: [number, string, string][] = [];
  for (let code = -133; code <= 32; code++) {
    const sdk = ready().sdkStrerror(code);
    if (FpgaMgmt.strerror(code) !== sdk) differing.push([code, FpgaMgmt.strerror(code), sdk]);
  }
  expect(differing).toEqual([]);
  expect(FpgaMgmt.strerror(-3)).toBe('No such process');
  expect(FpgaMgmt.strerror(-111)).toBe('Connection refused');
});

test.each([
  [5, 'invalid-afi-id', 'invalid-afi-id (SDK error 5)'],
  [-110, 'ETIMEDOUT', 'Connection timed out (ETIMEDOUT, -110)'],
  [-1, 'unspecified-error', "unspecified-error (the SDK's generic failure, -1)"],
  [-3, 'ESRCH', 'No such process (ESRCH, -3)'],
  [-4000, 'ERRNO_4000', 'Unknown error 4000 (ERRNO_4000, -4000)'],
  [99, 'internal-error', 'internal-error (SDK error 99)'],
])('FpgaError for %d: code %s, the SDK name in the message', (errno, code, named) => {
  const error = new FpgaError('slot.load', errno, 2);
  expect(error).toBeInstanceOf(Error);
  expect(error).toMatchObject({ name: 'FpgaError', code, errno, call: 'slot.load', slot: 2 });
  expect(error.message.startsWith(`slot.load failed on slot 2: ${named}`)).toBe(true);
  expect(String(error).startsWith('FpgaError: slot.load failed')).toBe(true);
});

test('the explanation is in the message unless a detail says more', () => {
  const explained = new FpgaError('slot.load', 5);
  expect(explained.explanation).toMatch(/AFI id was refused/);
  expect(explained.message).toMatch(/^slot.load failed: invalid-afi-id \(SDK error 5\)\. The AFI id was refused: .* describe-fpga-images\.$/);
  const detailed = new FpgaError('bar.peek', -22, 0, 'the BAR handle is detached');
  expect(detailed.message).toBe('bar.peek failed on slot 0: Invalid argument (EINVAL, -22): the BAR handle is detached');
});
