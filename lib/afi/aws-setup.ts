/**
 * What goes wrong before AWS is even asked: no credentials, no region, expired credentials,
 * or a denied permission. The SDK's own words name none of the settings that fix them.
 */

/** The environment variable AWS documents for turning off the SDK's Node.js version notice. */
export const NODE_VERSION_WARNING_VARIABLE = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

/**
 * Builds an SDK client without its NodeVersionSupportWarning (a notice of several lines on
 * stderr under Node before 22, once per process), by setting AWS's documented variable while
 * the client is made.
 * The SDK checks it only then; other warnings are untouched. A value the user set wins.
 */
export function withoutNodeVersionWarning<T>(make: () => T): T {
  if (process.env[NODE_VERSION_WARNING_VARIABLE] !== undefined) return make();
  process.env[NODE_VERSION_WARNING_VARIABLE] = 'true';
  try {
    return make();
  } finally {
    delete process.env[NODE_VERSION_WARNING_VARIABLE];
  }
}

export type AwsSetupProblem = 'no-credentials' | 'no-region' | 'expired-credentials';

const HINTS: Readonly<Record<AwsSetupProblem, string>> = {
  'no-credentials':
    'No AWS credentials were found. Set AWS_PROFILE to a profile of ~/.aws/config or ~/.aws/credentials ' +
    "(made by 'aws configure', or 'aws sso login' for an SSO profile), or set AWS_ACCESS_KEY_ID and " +
    'AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary keys), or run on an EC2 instance with an ' +
    'instance role; the region comes from --region, AWS_REGION or the profile',
  'no-region':
    'No AWS region is set. Pass --region (the region option in the library), set AWS_REGION, ' +
    'or give the profile a region in ~/.aws/config',
  'expired-credentials':
    "The AWS credentials have expired. Refresh them ('aws sso login' for an SSO profile, new " +
    'AWS_SESSION_TOKEN and keys for temporary ones) and try again',
};

/** AWS cannot be reached as configured; `problem` says which setting is missing. */
export class AwsSetupError extends Error {
  override readonly name = 'AwsSetupError';

  constructor(readonly problem: AwsSetupProblem, options?: ErrorOptions) {
    const said = (options?.cause as Error | undefined)?.message;
    super(said === undefined ? HINTS[problem] : `${HINTS[problem]} (the AWS SDK said: ${said})`, options);
  }
}

const EXPIRED_CODES: ReadonlySet<string> = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired']);

function setupProblemOf(error: unknown): AwsSetupProblem | undefined {
  if (!(error instanceof Error)) return undefined;
  if (error.name === 'CredentialsProviderError') return 'no-credentials';
  if (error.message === 'Region is missing') return 'no-region';
  if (EXPIRED_CODES.has(error.name)) return 'expired-credentials';
  return undefined;
}

/** The SDK's configuration errors become AwsSetupErrors that say what to set; others pass through. */
export function explainSetupError(error: unknown): unknown {
  const problem = setupProblemOf(error);
  return problem === undefined ? error : new AwsSetupError(problem, { cause: error });
}

const DENIED_CODES: ReadonlySet<string> = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'AuthorizationError',
  'AuthorizationErrorException',
  'UnauthorizedOperation',
]);

export function isPermissionDenied(error: unknown): boolean {
  return error instanceof Error && DENIED_CODES.has(error.name);
}

/** 'a', 'a and b', 'a, b and c'. */
function inWords(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

// A permission names its own resource ('s3:GetObject on s3://bucket/logs/*') or applies to the denied one.
const namesResource = (permission: string) => permission.includes(' on ');

/** "s3:ListBucket on the bucket b and s3:GetObject on s3://b/logs/*", or "sns:Subscribe and sns:Publish on it". */
function grants(needed: readonly string[]): string {
  if (!needed.some(namesResource)) return `${inWords(needed)} on it`;
  return inWords(needed.map((permission) => (namesResource(permission) ? permission : `${permission} on it`)));
}

/**
 * AWS refused `action` (e.g. `sns:Publish`) on `resource`; `needed` lists what the identity
 * must be allowed, each on `resource` unless it names its own ('s3:GetObject on s3://b/logs/*').
 */
export class AwsPermissionError extends Error {
  override readonly name = 'AwsPermissionError';

  constructor(
    readonly action: string,
    readonly resource: string,
    readonly needed: readonly string[],
    options?: ErrorOptions,
  ) {
    const said = (options?.cause as Error | undefined)?.message;
    super(`${action} on ${resource} was denied. Allow the identity ${grants(needed)}${said === undefined ? '' : ` (AWS said: ${said})`}`, options);
  }
}

/** Runs an AWS call; a denied permission becomes an AwsPermissionError naming what to allow. */
export async function explainDenied<T>(
  call: () => Promise<T>,
  action: string,
  resource: string,
  needed: readonly string[],
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isPermissionDenied(error)) throw new AwsPermissionError(action, resource, needed, { cause: error });
    throw error;
  }
}
