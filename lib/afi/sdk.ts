import type * as Ec2Sdk from '@aws-sdk/client-ec2';
import type * as S3Sdk from '@aws-sdk/client-s3';
import type * as SnsSdk from '@aws-sdk/client-sns';

export type Ec2Module = typeof Ec2Sdk;
export type S3Module = typeof S3Sdk;
export type SnsModule = typeof SnsSdk;

/** Thrown when an optional AWS SDK peer dependency is not installed. */
export class AwsSdkMissingError extends Error {
  override readonly name = 'AwsSdkMissingError';

  constructor(readonly packageName: string, options?: ErrorOptions) {
    super(`aws-fpga/afi needs the optional peer dependency ${packageName}; install it with: npm install ${packageName}`, options);
  }
}

/*
 * The SDK packages are optional peers: they are required on first use, not imported at the
 * top, so that the rest of aws-fpga, and this module's help text, work without them.
 * (`require` rather than `import()`: TypeScript emits the latter as a native ESM import.)
 */
function requireOptionalPeer<T>(packageName: string): T {
  try {
    return require(packageName) as T;
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    // A missing transitive dependency also reports MODULE_NOT_FOUND; only the peer itself is "not installed".
    if (code === 'MODULE_NOT_FOUND' && message.includes(`'${packageName}'`)) {
      throw new AwsSdkMissingError(packageName, { cause: error });
    }
    throw error;
  }
}

export function loadEc2Sdk(): Ec2Module {
  return requireOptionalPeer<Ec2Module>('@aws-sdk/client-ec2');
}

export function loadS3Sdk(): S3Module {
  return requireOptionalPeer<S3Module>('@aws-sdk/client-s3');
}

export function loadSnsSdk(): SnsModule {
  return requireOptionalPeer<SnsModule>('@aws-sdk/client-sns');
}
