import { afiIdFor, agfiIdFor, copyAfi, deleteAfi, describeAfi, isAfiId, isAgfiId, listAfis, waitForAfi } from '../lib/afi';

const AFI = 'afi-0123456789abcdef0';
const AGFI = 'agfi-0123456789abcdef0';
/** No request may be sent for bad arguments; this endpoint refuses connections if one is. */
const unreachable = { region: 'us-east-1', endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 };

describe('id predicates', () => {
  it.each([AFI, 'afi-00000000000000000', 'afi-fffffffffffffffff'])('accepts the AFI id %s', (id) => {
    expect(isAfiId(id)).toBe(true);
    expect(isAgfiId(id)).toBe(false);
  });

  it.each([AGFI, 'agfi-00000000000000000'])('accepts the AGFI id %s', (id) => {
    expect(isAgfiId(id)).toBe(true);
    expect(isAfiId(id)).toBe(false);
  });

  it.each([
    'afi-0123456789ABCDEF0',
    'afi-0123456789abcdef',
    'afi-0123456789abcdef01',
    'afi-0123456789abcdefg',
    ' afi-0123456789abcdef0',
    'ami-0123456789abcdef0',
    '',
    undefined,
    17,
  ])('rejects %p', (value) => {
    expect(isAfiId(value)).toBe(false);
    expect(isAgfiId(value)).toBe(false);
  });
});

describe('id arguments', () => {
  it.each([
    ['describeAfi', () => describeAfi(AGFI, unreachable)],
    ['waitForAfi', () => waitForAfi(AGFI, unreachable)],
    ['deleteAfi', () => deleteAfi(AGFI, unreachable)],
    ['agfiIdFor', () => agfiIdFor(AGFI, unreachable)],
  ])('%s points to afiIdFor when given an AGFI id', async (_name, call) => {
    await expect(call()).rejects.toThrow(new RangeError(`afiId must be an AFI id (afi-…), got the AGFI id ${AGFI}; afiIdFor() looks up the matching AFI id`));
  });

  it('afiIdFor points to agfiIdFor when given an AFI id', async () => {
    await expect(afiIdFor(AFI, unreachable)).rejects.toThrow(
      new RangeError(`agfiId must be an AGFI id (agfi-…), got the AFI id ${AFI}; agfiIdFor() looks up the matching AGFI id`),
    );
  });

  it('rejects malformed ids with the expected format', async () => {
    await expect(describeAfi('afi-123', unreachable)).rejects.toThrow(
      new RangeError('afiId must match afi- followed by 17 lowercase hex digits, got "afi-123"'),
    );
    await expect(afiIdFor('agfi-XYZ', unreachable)).rejects.toThrow(
      new RangeError('agfiId must match agfi- followed by 17 lowercase hex digits, got "agfi-XYZ"'),
    );
  });

  it('rejects ids that are not strings', async () => {
    await expect(describeAfi(42 as never, unreachable)).rejects.toThrow(new TypeError('afiId must be a string like afi-0123456789abcdef0, got number'));
    await expect(afiIdFor(null as never, unreachable)).rejects.toThrow(new TypeError('agfiId must be a string like agfi-0123456789abcdef0, got object'));
  });
});

describe('other arguments', () => {
  it('copyAfi checks its source', async () => {
    await expect(copyAfi(undefined as never)).rejects.toThrow(new TypeError('options must be an object'));
    await expect(copyAfi({ ...unreachable, sourceAfiId: 'afi-1', sourceRegion: 'us-east-1' })).rejects.toThrow(/^sourceAfiId must match/);
    await expect(copyAfi({ ...unreachable, sourceAfiId: AFI, sourceRegion: '' })).rejects.toThrow(new TypeError('sourceRegion must be a non-empty string'));
    await expect(copyAfi({ ...unreachable, sourceAfiId: AFI, sourceRegion: 'us-east-1', name: 7 as never })).rejects.toThrow(
      new TypeError('name must be a string when given'),
    );
  });

  it('listAfis checks owners and filters', async () => {
    await expect(listAfis({ ...unreachable, owners: 'self' as never })).rejects.toThrow(new TypeError('owners must be an array of non-empty strings'));
    await expect(listAfis({ ...unreachable, filters: { state: [''] } })).rejects.toThrow(
      new TypeError('filters["state"] must be an array of non-empty strings'),
    );
    await expect(listAfis({ ...unreachable, filters: 'state=available' as never })).rejects.toThrow(new TypeError('filters must be an object'));
  });
});
