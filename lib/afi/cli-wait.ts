import { AFI_EXIT_CODES, defineCommand, readableAfiIdOption, resolveAfiId, type AfiCliIo } from './cli-define';
import { failedLogOptions, logsLocationOption, printAfiWithLog } from './cli-logs';
import { secondsOption } from './cli-options';
import { formatDuration, ProgressLine } from './cli-output';
import type { AfiDescription } from './description';
import { AfiFailedError, AfiNotificationError } from './errors';
import { DEFAULT_SNS_TOPIC, type AfiNotificationTopic } from './notify';
import {
  DEFAULT_MAX_POLL_INTERVAL_MS,
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_WAIT_TIMEOUT_MS,
  waitForAfi,
  type AfiWaitNotifyOptions,
  type AfiWaitProgress,
} from './wait';

function describeSubscription({ email, subscription }: AfiNotificationTopic, topic: string): string {
  if (email === undefined) return `The result will be published to the SNS topic ${topic}.`;
  switch (subscription) {
    case 'subscribed':
      return `Subscribed ${email} to the SNS topic ${topic}: confirm the subscription from the e-mail AWS sent, or the result will not reach you.`;
    case 'pending-confirmation':
      return `${email} was subscribed to ${topic} before but has not confirmed yet: confirm from the e-mail AWS sent, or the result will not reach you.`;
    default:
      return `${email} is subscribed to ${topic}; the result will be sent there.`;
  }
}

function notifyOptions(email: string | undefined, topic: string | undefined, io: AfiCliIo): AfiWaitNotifyOptions | undefined {
  if (email === undefined && topic === undefined) return undefined;
  const shown = topic ?? DEFAULT_SNS_TOPIC;
  return {
    email,
    topic,
    onReady: (ready) => io.stderr.write(`${describeSubscription(ready, shown)}\n`),
    onSent: () => io.stderr.write(`Sent the result to the SNS topic ${shown}.\n`),
  };
}

/** The AFI's final description a failed wait carries, if it got that far. */
function finalDescription(error: unknown): AfiDescription | undefined {
  if (error instanceof AfiFailedError) return error.afi;
  if (error instanceof AfiNotificationError) return error.outcome instanceof Error ? finalDescription(error.outcome) : error.outcome;
  return undefined;
}

export const waitForAfiCommand = defineCommand({
  name: 'wait-for-afi',
  summary: 'Wait until an AFI is available, optionally e-mailing the result through SNS; exits 0 only if it becomes available',
  options: {
    ...readableAfiIdOption,
    timeout: { type: 'string', valueName: 'seconds', description: `Give up after this long (default ${DEFAULT_WAIT_TIMEOUT_MS / 1000})` },
    interval: { type: 'string', valueName: 'seconds', description: `First delay between polls (default ${DEFAULT_POLL_INTERVAL_MS / 1000})` },
    'max-interval': { type: 'string', valueName: 'seconds', description: `Longest delay between polls (default ${DEFAULT_MAX_POLL_INTERVAL_MS / 1000})` },
    email: {
      type: 'string',
      valueName: 'address',
      description: 'Subscribe this address to the SNS topic (once) and send it the result; needs @aws-sdk/client-sns',
    },
    'sns-topic': {
      type: 'string',
      valueName: 'name',
      description: `SNS topic name or ARN to publish the result to, created if missing (default ${DEFAULT_SNS_TOPIC} with --email)`,
    },
    ...failedLogOptions,
  },
  async run(values, io, aws) {
    const timing = {
      timeoutMs: secondsOption(values.timeout, 'timeout'),
      intervalMs: secondsOption(values.interval, 'interval'),
      maxIntervalMs: secondsOption(values['max-interval'], 'max-interval'),
    };
    logsLocationOption(values);
    const notify = notifyOptions(values.email, values['sns-topic'], io);
    const afiId = await resolveAfiId(values['afi-id'], aws);
    const progress = new ProgressLine(io.stderr);
    const onProgress = ({ state, elapsedMs, attempt }: AfiWaitProgress) =>
      progress.update(`${afiId}: ${state}, ${formatDuration(elapsedMs)} elapsed, poll ${attempt}`);
    try {
      const afi = await waitForAfi(afiId, { ...aws, ...timing, signal: io.signal, onProgress, notify }).finally(() => progress.end());
      await printAfiWithLog(afi, values, io, aws);
      return AFI_EXIT_CODES.ok;
    } catch (error) {
      // A failed AFI is printed with the lines of its log that say why.
      const afi = finalDescription(error);
      if (afi !== undefined) await printAfiWithLog(afi, values, io, aws);
      throw error;
    }
  },
});
