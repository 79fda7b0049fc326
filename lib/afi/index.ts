/**
 * aws-fpga/afi: create Amazon FPGA Images (AFIs) from design checkpoints, wait for them,
 * and manage them, on the AWS SDK for JavaScript v3 (optional peer dependencies
 * @aws-sdk/client-ec2 and @aws-sdk/client-s3, and @aws-sdk/client-sns for e-mail notices).
 */
export { AwsPermissionError, AwsSetupError, NODE_VERSION_WARNING_VARIABLE, type AwsSetupProblem } from './aws-setup';
export type { AwsClientOptions } from './clients';
export { copyAfi, type CopiedAfi, type CopyAfiOptions } from './copy';
export { createAfi, type CreateAfiOptions, type CreatedAfi, type DcpLocation } from './create';
export { deleteAfi } from './delete';
export { describeAfi, listAfis, type ListAfisOptions } from './describe';
export { LOGS_LOCATION_TAG, type AfiDescription, type AfiPciIds, type AfiState } from './description';
export { AfiFailedError, AfiNotFoundError, AfiNotificationError, AfiWaitTimeoutError } from './errors';
export { isAfiId, isAgfiId } from './ids';
export { errorLinesOf, fetchAfiLog, LOGS_PLACEHOLDER, type AfiLog, type FetchAfiLogOptions } from './logs';
export {
  DEFAULT_SNS_TOPIC,
  publishAfiNotice,
  subscribeToAfiNotices,
  type AfiNotice,
  type AfiNotificationTopic,
  type AfiNotifyOptions,
  type AfiSubscriptionState,
} from './notify';
export type { AfiOutcome } from './notify-message';
export { afiIdFor, agfiIdFor } from './pairing';
export type { S3ObjectLocation, S3PrefixLocation } from './s3-location';
export { AwsSdkMissingError } from './sdk';
export { prepareAfiStorage, type PrepareAfiStorageOptions, type PreparedAfiStorage } from './storage';
export { MAX_TARBALL_BYTES } from './upload';
export {
  DEFAULT_MAX_POLL_INTERVAL_MS,
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_WAIT_TIMEOUT_MS,
  waitForAfi,
  type AfiWaitNotifyOptions,
  type AfiWaitProgress,
  type WaitForAfiOptions,
} from './wait';
