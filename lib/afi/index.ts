/**
 * aws-fpga/afi: create Amazon FPGA Images (AFIs) from design checkpoints, wait for them,
 * and manage them, on the AWS SDK for JavaScript v3 (optional peer dependencies
 * @aws-sdk/client-ec2 and @aws-sdk/client-s3).
 */
export type { AwsClientOptions } from './clients';
export { copyAfi, type CopiedAfi, type CopyAfiOptions } from './copy';
export { createAfi, type CreateAfiOptions, type CreatedAfi, type DcpLocation } from './create';
export { deleteAfi } from './delete';
export { describeAfi, listAfis, type ListAfisOptions } from './describe';
export { LOGS_LOCATION_TAG, type AfiDescription, type AfiPciIds, type AfiState } from './description';
export { AfiFailedError, AfiNotFoundError, AfiWaitTimeoutError } from './errors';
export { isAfiId, isAgfiId } from './ids';
export { afiIdFor, agfiIdFor } from './pairing';
export type { S3ObjectLocation, S3PrefixLocation } from './s3-location';
export { AwsSdkMissingError } from './sdk';
export { MAX_TARBALL_BYTES } from './upload';
export {
  DEFAULT_MAX_POLL_INTERVAL_MS,
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_WAIT_TIMEOUT_MS,
  waitForAfi,
  type AfiWaitProgress,
  type WaitForAfiOptions,
} from './wait';
