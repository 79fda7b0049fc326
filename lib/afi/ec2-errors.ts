import { AfiNotFoundError } from './errors';

const AFI_NOT_FOUND_CODE = 'InvalidFpgaImageID.NotFound';

/** Error codes AWS services use to ask callers to slow down. */
const THROTTLING_CODES: ReadonlySet<string> = new Set([
  'RequestLimitExceeded',
  'Throttling',
  'ThrottlingException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'SlowDown',
]);

interface SdkErrorShape {
  readonly name?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: number };
  readonly $retryable?: { readonly throttling?: boolean };
}

/** The SDK names service exceptions after the service's error code. */
function errorCode(error: unknown): unknown {
  return (error as SdkErrorShape | undefined)?.name;
}

export function isThrottlingError(error: unknown): boolean {
  const shape = error as SdkErrorShape | undefined;
  const code = errorCode(error);
  return (
    (typeof code === 'string' && THROTTLING_CODES.has(code)) ||
    shape?.$retryable?.throttling === true ||
    shape?.$metadata?.httpStatusCode === 429
  );
}

/** EC2's not-found error for `id` becomes an AfiNotFoundError naming the region; other errors pass through. */
export async function notFoundAsAfiError(
  error: unknown,
  id: string,
  regionOf: () => Promise<string> | string,
): Promise<unknown> {
  if (errorCode(error) !== AFI_NOT_FOUND_CODE) return error;
  return new AfiNotFoundError(id, await regionOf(), { cause: error });
}
