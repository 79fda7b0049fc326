import {
  AfiFailedError,
  AfiNotificationError,
  AfiWaitTimeoutError,
  AwsPermissionError,
  DEFAULT_SNS_TOPIC,
  publishAfiNotice,
  subscribeToAfiNotices,
  waitForAfi,
  type AfiNotice,
  type AfiNotificationTopic,
} from '../lib/afi';
import { FAKE_REGION, fakeAwsOptions } from './fake-aws/clients';
import { useFakeAws } from './fake-aws/lifecycle';
import { createFakeAfi, LOGS } from './fake-aws/scenarios';
import { PENDING_CONFIRMATION } from './fake-aws/sns-service';

const JOB_MS = 30;
const FAST = { intervalMs: 5, maxIntervalMs: 10 } as const;
let nextAddress = 0;
/** A fresh address per test, so that subscriptions made by one test do not show in another. */
const newAddress = () => `fpga-dev-${(nextAddress += 1)}@example.com`;

describe('subscribeToAfiNotices', () => {
  // Two subscriptions per page, so that finding one takes the listing's later pages.
  const fake = useFakeAws({ jobDurationMs: JOB_MS, snsPageSize: 2 });
  const aws = () => fakeAwsOptions(fake());

  it('creates the CREATE_AFI topic and subscribes the address, which awaits confirmation', async () => {
    const email = newAddress();
    const topic = await subscribeToAfiNotices({ ...aws(), email });

    const topicArn = fake().sns.topicArn(FAKE_REGION, DEFAULT_SNS_TOPIC);
    expect(topic).toEqual({ topicArn, email, subscription: 'subscribed' });
    expect(fake().sns.subscriptions.filter((s) => s.endpoint === email)).toEqual([
      { topicArn, protocol: 'email', endpoint: email, subscriptionArn: PENDING_CONFIRMATION },
    ]);
  });

  it('reuses the topic and subscribes an address only once, whether pending or confirmed', async () => {
    const email = newAddress();
    const others = [newAddress(), newAddress(), newAddress()];
    for (const other of others) await subscribeToAfiNotices({ ...aws(), email: other, topic: 'team-afis' });
    const first = await subscribeToAfiNotices({ ...aws(), email, topic: 'team-afis' });
    const subscribesBefore = fake().sns.requestsFor('Subscribe').length;

    // Found on the listing's second page, and with the address retyped in capitals.
    const again = await subscribeToAfiNotices({ ...aws(), email: email.toUpperCase(), topic: 'team-afis' });
    fake().sns.confirm(first.topicArn, email);
    const confirmed = await subscribeToAfiNotices({ ...aws(), email, topic: 'team-afis' });

    expect(first.subscription).toBe('subscribed');
    expect(again).toMatchObject({ topicArn: first.topicArn, subscription: 'pending-confirmation' });
    expect(confirmed).toMatchObject({ topicArn: first.topicArn, subscription: 'confirmed' });
    expect(fake().sns.requestsFor('Subscribe')).toHaveLength(subscribesBefore);
    expect(fake().sns.subscriptions.filter((s) => s.topicArn === first.topicArn)).toHaveLength(4);
    expect([...fake().sns.topics].filter((arn) => arn.endsWith(':team-afis'))).toHaveLength(1);
  });

  it('uses a topic given by ARN in the ARN\'s region, without creating one', async () => {
    const topicArn = fake().sns.topicArn('eu-west-2', 'existing');
    fake().sns.topics.add(topicArn);
    const creates = fake().sns.requestsFor('CreateTopic').length;

    const topic = await subscribeToAfiNotices({ ...aws(), topic: topicArn, email: newAddress() });

    expect(topic).toMatchObject({ topicArn, subscription: 'subscribed' });
    expect(fake().sns.requestsFor('CreateTopic')).toHaveLength(creates);
    expect(fake().sns.requestsFor('Subscribe').at(-1)!.scope.region).toBe('eu-west-2');
  });

  it('without an address, only finds or creates the topic', async () => {
    const subscribes = fake().sns.requestsFor('Subscribe').length;
    expect(await subscribeToAfiNotices({ ...aws(), topic: 'publish-only' })).toEqual({
      topicArn: fake().sns.topicArn(FAKE_REGION, 'publish-only'),
    });
    expect(fake().sns.requestsFor('Subscribe')).toHaveLength(subscribes);
  });

  it.each([
    [{ email: 'not-an-address' }, RangeError, 'email must be an e-mail address, got "not-an-address"'],
    [{ topic: 'has space' }, RangeError, 'topic must be an SNS topic name'],
    [{ topic: 7 }, TypeError, 'topic must be a string'],
  ])('rejects %p before calling SNS', async (options, type, message) => {
    const requests = fake().sns.requests.length;
    const error = await subscribeToAfiNotices({ ...aws(), ...(options as object) }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(type);
    expect((error as Error).message).toContain(message);
    expect(fake().sns.requests).toHaveLength(requests);
  });

  it.each(['CreateTopic', 'ListSubscriptionsByTopic', 'Subscribe'])('names every permission needed when SNS denies %s', async (action) => {
    fake().sns.denied.add(action);
    try {
      const error = await subscribeToAfiNotices({ ...aws(), email: newAddress() }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AwsPermissionError);
      expect(error).toMatchObject({ action: `sns:${action}`, cause: { name: 'AuthorizationErrorException' } });
      expect((error as Error).message).toMatch(
        new RegExp(`^sns:${action} on .+ was denied\\. Allow the identity sns:CreateTopic, sns:ListSubscriptionsByTopic, sns:Subscribe and sns:Publish on it \\(AWS said: .*not authorized`),
      );
    } finally {
      fake().sns.denied.delete(action);
    }
  });
});

describe('publishAfiNotice', () => {
  const fake = useFakeAws({ jobDurationMs: JOB_MS });
  const aws = () => fakeAwsOptions(fake());

  it('publishes the state, both ids, the name and the logs location of an available AFI', async () => {
    const { topicArn } = await subscribeToAfiNotices(aws());
    const { afiId, agfiId } = await createFakeAfi(fake(), aws(), { name: 'cl_sde' });
    const afi = await waitForAfi(afiId, { ...aws(), ...FAST });

    const notice = await publishAfiNotice(topicArn, afi, aws());

    expect(fake().sns.published.at(-1)).toEqual({ topicArn, subject: `AFI ${afiId} is available (cl_sde)`, message: notice.message, messageId: notice.messageId });
    expect(notice.message).toMatch(new RegExp(`^AFI ${afiId} is available\\.\n\nAFI ID: +${afiId}\nAGFI ID: +${agfiId}\nName: +cl_sde\nState: +available\n`));
    expect(notice.message).toContain(`Logs: `);
    expect(notice.message).toContain(`s3://${LOGS.bucket}/${LOGS.prefix}\n`);
    expect(notice.message).toContain(`sudo fpga-load-local-image -S 0 -I ${agfiId}`);
  });

  it('keeps the subject within what SNS takes: printable ASCII, 100 characters', async () => {
    const { topicArn } = await subscribeToAfiNotices(aws());
    const { afiId } = await createFakeAfi(fake(), aws(), { name: `désign-${'x'.repeat(120)}` });
    const afi = await waitForAfi(afiId, { ...aws(), ...FAST });
    const notice = await publishAfiNotice(topicArn, afi, aws());
    expect(notice.subject).toHaveLength(100);
    expect(notice.subject).toMatch(new RegExp(`^AFI ${afiId} is available \\(d\\?sign-x+\\.\\.\\.$`));
  });

  it('rejects a topic name where an ARN is needed', async () => {
    await expect(publishAfiNotice('CREATE_AFI', { afiId: 'afi-0123456789abcdef0' } as never, aws())).rejects.toThrow(
      'topicArn must be an SNS topic ARN, got "CREATE_AFI"',
    );
  });
});

describe('waitForAfi with notify', () => {
  const fake = useFakeAws({ jobDurationMs: JOB_MS });
  const aws = () => fakeAwsOptions(fake());

  it('subscribes before the first poll and publishes the final state once', async () => {
    const { afiId } = await createFakeAfi(fake(), aws());
    const email = newAddress();
    const events: string[] = [];
    let ready: AfiNotificationTopic | undefined;
    let sent: AfiNotice | undefined;
    const published = fake().sns.published.length;

    const afi = await waitForAfi(afiId, {
      ...aws(),
      ...FAST,
      onProgress: ({ state }) => events.push(state),
      notify: {
        email,
        onReady: (topic) => events.push(`ready ${(ready = topic).subscription}`),
        onSent: (notice) => events.push(`sent ${(sent = notice).subject}`),
      },
    });

    expect(afi.state).toBe('available');
    expect(events[0]).toBe('ready subscribed');
    expect(events.at(-2)).toBe('available');
    expect(events.at(-1)).toBe(`sent AFI ${afiId} is available (test-afi)`);
    expect(fake().sns.published.slice(published)).toEqual([expect.objectContaining({ topicArn: ready!.topicArn, messageId: sent!.messageId })]);
  });

  it('publishes a failure with its reason, then rejects with the AfiFailedError', async () => {
    const { afiId } = await createFakeAfi(fake(), aws(), { failureReason: 'CLK_ILLEGAL: bad clock recipe' });
    const error = await waitForAfi(afiId, { ...aws(), ...FAST, notify: { email: newAddress() } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AfiFailedError);
    expect(fake().sns.published.at(-1)!.subject).toBe(`AFI ${afiId} is failed (test-afi)`);
    expect(fake().sns.published.at(-1)!.message).toMatch(/\nReason: +CLK_ILLEGAL: bad clock recipe\n/);
  });

  it('publishes a time-out, then rejects with the AfiWaitTimeoutError', async () => {
    const { afiId } = await createFakeAfi(fake(), aws());
    fake().images.force(afiId, { code: 'pending' });
    const error = await waitForAfi(afiId, { ...aws(), ...FAST, timeoutMs: 20, notify: {} }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AfiWaitTimeoutError);
    expect(fake().sns.published.at(-1)).toMatchObject({
      subject: `AFI ${afiId} is still pending`,
      message: `AFI ${afiId} is still pending after waiting 0:00:00 (H:MM:SS). Its creation goes on: wait again, or describe it later.\n`,
    });
  });

  it('fails before polling when SNS refuses the subscription', async () => {
    const { afiId } = await createFakeAfi(fake(), aws());
    const polls = fake().ec2.requestsFor('DescribeFpgaImages').length;
    fake().sns.denied.add('Subscribe');
    try {
      await expect(waitForAfi(afiId, { ...aws(), ...FAST, notify: { email: newAddress() } })).rejects.toBeInstanceOf(AwsPermissionError);
    } finally {
      fake().sns.denied.delete('Subscribe');
    }
    expect(fake().ec2.requestsFor('DescribeFpgaImages')).toHaveLength(polls);
  });

  it('rejects with AfiNotificationError, carrying the available AFI, when publishing is denied', async () => {
    const { afiId } = await createFakeAfi(fake(), aws());
    fake().sns.denied.add('Publish');
    try {
      const error = await waitForAfi(afiId, { ...aws(), ...FAST, notify: {} }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AfiNotificationError);
      expect(error).toMatchObject({ afiId, outcome: { afiId, state: 'available' }, cause: { action: 'sns:Publish' } });
      expect((error as Error).message).toMatch(new RegExp(`^${afiId} is available, but the notice could not be sent: sns:Publish on arn:aws:sns:`));
    } finally {
      fake().sns.denied.delete('Publish');
    }
  });
});
