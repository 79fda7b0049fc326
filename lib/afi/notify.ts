import type { Subscription } from '@aws-sdk/client-sns';
import { explainDenied } from './aws-setup';
import { withSns, type AwsClientOptions, type SnsSession } from './clients';
import { formatAfiNotice, type AfiOutcome } from './notify-message';
import { optionalString, requireObject } from './validate';

/** The topic wait_for_afi.py of the HDK uses, and so the default here. */
export const DEFAULT_SNS_TOPIC = 'CREATE_AFI';

/** Everything a notice needs from SNS; the denial of any one names them all. */
const SNS_PERMISSIONS = ['sns:CreateTopic', 'sns:ListSubscriptionsByTopic', 'sns:Subscribe', 'sns:Publish'];

const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;
const TOPIC_ARN = /^arn:aws[a-z-]*:sns:([a-z0-9-]+):\d{12}:([A-Za-z0-9_-]{1,256})$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
/** SNS lists a subscription whose e-mail was not confirmed yet with this in place of its ARN. */
const PENDING_ARN = 'PendingConfirmation';

export interface AfiNotifyOptions {
  /** Address to subscribe to the topic (by e-mail), once; SNS sends it a link to confirm first. */
  readonly email?: string;
  /** Topic name, created if this account has none of that name in the region, or a topic ARN. Default CREATE_AFI. */
  readonly topic?: string;
}

export type AfiSubscriptionState =
  /** Subscribed by this call: SNS sent the confirmation e-mail, and delivers nothing before it is confirmed. */
  | 'subscribed'
  /** Subscribed before, and still waiting for the confirmation. */
  | 'pending-confirmation'
  | 'confirmed';

export interface AfiNotificationTopic {
  readonly topicArn: string;
  /** The e-mail address and its subscription, when one was given. */
  readonly email?: string;
  readonly subscription?: AfiSubscriptionState;
}

export interface AfiNotice {
  readonly topicArn: string;
  readonly messageId: string;
  readonly subject: string;
  readonly message: string;
}

interface CheckedTopic {
  readonly name: string;
  /** Known when the topic was given as an ARN, whose region then decides the client's. */
  readonly arn?: string;
  readonly region?: string;
}

function checkTopic(topic: unknown): CheckedTopic {
  const value = optionalString(topic, 'topic') ?? DEFAULT_SNS_TOPIC;
  const arn = TOPIC_ARN.exec(value);
  if (arn !== null) return { name: arn[2], arn: value, region: arn[1] };
  if (!TOPIC_NAME.test(value)) {
    throw new RangeError(`topic must be an SNS topic name (letters, digits, - and _, up to 256) or a topic ARN, got "${value}"`);
  }
  return { name: value };
}

function checkEmail(email: unknown): string | undefined {
  const value = optionalString(email, 'email');
  if (value !== undefined && !EMAIL.test(value)) throw new RangeError(`email must be an e-mail address, got "${value}"`);
  return value;
}

/** A topic given by ARN is reached in its own region unless the caller brings an SNS client. */
function snsOptions(options: AwsClientOptions, topic: CheckedTopic): AwsClientOptions {
  return topic.region === undefined || options.snsClient !== undefined ? options : { ...options, region: topic.region };
}

function denied<T>(call: () => Promise<T>, action: string, resource: string): Promise<T> {
  return explainDenied(call, action, resource, SNS_PERMISSIONS);
}

async function topicArnOf({ client, sdk }: SnsSession, topic: CheckedTopic): Promise<string> {
  if (topic.arn !== undefined) return topic.arn;
  // CreateTopic returns the topic of that name when it exists: find and create in one call.
  const created = await denied(() => client.send(new sdk.CreateTopicCommand({ Name: topic.name })), 'sns:CreateTopic', `the topic ${topic.name}`);
  if (created.TopicArn === undefined) throw new Error('SNS returned a CreateTopic response without TopicArn');
  return created.TopicArn;
}

async function findSubscription({ client, sdk }: SnsSession, topicArn: string, email: string): Promise<Subscription | undefined> {
  let token: string | undefined;
  do {
    const page = await denied(
      () => client.send(new sdk.ListSubscriptionsByTopicCommand({ TopicArn: topicArn, NextToken: token })),
      'sns:ListSubscriptionsByTopic',
      topicArn,
    );
    // SNS keeps addresses as given; mail domains are case-blind, and people retype them.
    const found = page.Subscriptions?.find((s) => s.Protocol === 'email' && s.Endpoint?.toLowerCase() === email.toLowerCase());
    if (found !== undefined) return found;
    token = page.NextToken;
  } while (token !== undefined && token !== '');
  return undefined;
}

async function subscribe(session: SnsSession, topicArn: string, email: string): Promise<AfiSubscriptionState> {
  const existing = await findSubscription(session, topicArn, email);
  if (existing !== undefined) return existing.SubscriptionArn === PENDING_ARN ? 'pending-confirmation' : 'confirmed';
  const { client, sdk } = session;
  await denied(
    () => client.send(new sdk.SubscribeCommand({ TopicArn: topicArn, Protocol: 'email', Endpoint: email })),
    'sns:Subscribe',
    topicArn,
  );
  return 'subscribed';
}

/**
 * Finds or creates the SNS topic and subscribes the e-mail address to it unless it is
 * already (a pending subscription is not repeated). Do this before a long wait: SNS
 * delivers nothing to an address until its owner confirms from the e-mail SNS sends.
 */
export async function subscribeToAfiNotices(options: AfiNotifyOptions & AwsClientOptions = {}): Promise<AfiNotificationTopic> {
  requireObject(options, 'options');
  const topic = checkTopic(options.topic);
  const email = checkEmail(options.email);
  return withSns(snsOptions(options, topic), async (session) => {
    const topicArn = await topicArnOf(session, topic);
    if (email === undefined) return { topicArn };
    return { topicArn, email, subscription: await subscribe(session, topicArn, email) };
  });
}

/** Publishes one message with the AFI's outcome (state, ids, name, reason, logs location) to the topic. */
export async function publishAfiNotice(topicArn: string, outcome: AfiOutcome, options: AwsClientOptions = {}): Promise<AfiNotice> {
  const topic = checkTopic(topicArn);
  if (topic.arn === undefined) throw new RangeError(`topicArn must be an SNS topic ARN, got "${topicArn}"`);
  const { subject, message } = formatAfiNotice(outcome);
  return withSns(snsOptions(options, topic), async ({ client, sdk }) => {
    const sent = await denied(
      () => client.send(new sdk.PublishCommand({ TopicArn: topicArn, Subject: subject, Message: message })),
      'sns:Publish',
      topicArn,
    );
    return { topicArn, messageId: sent.MessageId ?? '', subject, message };
  });
}
