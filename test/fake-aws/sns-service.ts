import { randomUUID } from 'node:crypto';
import { Ec2Error } from './ec2-error';
import { QueryParams } from './ec2-query';
import { FAKE_ACCOUNT_ID } from './fpga-images';
import type { FakeResponse, SigningScope } from './http';
import { element, textElement, XML_DECLARATION } from './xml';

const SNS_NAMESPACE = 'http://sns.amazonaws.com/doc/2010-03-31/';
/** What ListSubscriptionsByTopic shows for a subscription whose e-mail was not confirmed yet. */
export const PENDING_CONFIRMATION = 'PendingConfirmation';
const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;

export interface SnsRequest {
  readonly action: string;
  readonly params: Readonly<Record<string, string>>;
  readonly scope: SigningScope;
}

export interface FakeSubscription {
  readonly topicArn: string;
  readonly protocol: string;
  readonly endpoint: string;
  subscriptionArn: string;
}

export interface FakePublished {
  readonly topicArn: string;
  readonly subject?: string;
  readonly message: string;
  readonly messageId: string;
}

type ActionHandler = (params: QueryParams, region: string) => string;

/** SNS errors share EC2's status and code, in SNS's own XML. */
function errorResponse({ status, code, message }: Ec2Error): FakeResponse {
  const error = element('Error', textElement('Type', 'Sender'), textElement('Code', code), textElement('Message', message));
  return {
    status,
    headers: { 'content-type': 'text/xml' },
    body: XML_DECLARATION + element('ErrorResponse', error, textElement('RequestId', randomUUID())),
  };
}

/** The SNS query API as aws-fpga uses it: topics, e-mail subscriptions and publishing, with deniable actions. */
export class FakeSns {
  readonly requests: SnsRequest[] = [];
  readonly topics = new Set<string>();
  readonly subscriptions: FakeSubscription[] = [];
  readonly published: FakePublished[] = [];
  /** Actions (e.g. `Subscribe`) answered with AuthorizationError, as for an identity without the permission. */
  readonly denied = new Set<string>();
  private readonly actions: Readonly<Record<string, ActionHandler>> = {
    CreateTopic: (params, region) => this.createTopic(params, region),
    ListSubscriptionsByTopic: (params) => this.listSubscriptions(params),
    Subscribe: (params) => this.subscribe(params),
    Publish: (params) => this.publish(params),
  };

  constructor(private readonly pageSize: number) {}

  requestsFor(action: string): SnsRequest[] {
    return this.requests.filter((request) => request.action === action);
  }

  topicArn(region: string, name: string): string {
    return `arn:aws:sns:${region}:${FAKE_ACCOUNT_ID}:${name}`;
  }

  /** Test control: the owner of `endpoint` follows the link in the confirmation e-mail. */
  confirm(topicArn: string, endpoint: string): void {
    const subscription = this.subscriptions.find((s) => s.topicArn === topicArn && s.endpoint === endpoint);
    if (subscription === undefined) throw new Error(`no fake subscription of ${endpoint} to ${topicArn}`);
    subscription.subscriptionArn = `${topicArn}:${randomUUID()}`;
  }

  handle(body: string, scope: SigningScope): FakeResponse {
    const params = QueryParams.parse(body);
    const action = params.optional('Action') ?? '';
    this.requests.push({ action, params: params.entries(), scope });
    try {
      if (this.denied.has(action)) {
        throw new Ec2Error(403, 'AuthorizationError', `User: arn:aws:iam::${FAKE_ACCOUNT_ID}:user/fake is not authorized to perform: SNS:${action}`);
      }
      const handler = this.actions[action];
      if (handler === undefined) throw new Ec2Error(400, 'InvalidAction', `The action ${action} is not valid for this web service.`);
      const result = element(`${action}Result`, handler(params, scope.region));
      const metadata = element('ResponseMetadata', textElement('RequestId', randomUUID()));
      return {
        status: 200,
        headers: { 'content-type': 'text/xml' },
        body: `${XML_DECLARATION}<${action}Response xmlns="${SNS_NAMESPACE}">${result}${metadata}</${action}Response>`,
      };
    } catch (error) {
      if (error instanceof Ec2Error) return errorResponse(error);
      throw error;
    }
  }

  /** Like SNS, creating a topic that exists returns it. */
  private createTopic(params: QueryParams, region: string): string {
    const name = params.required('Name');
    if (!TOPIC_NAME.test(name)) throw new Ec2Error(400, 'InvalidParameter', 'Invalid parameter: Topic Name');
    const arn = this.topicArn(region, name);
    this.topics.add(arn);
    return textElement('TopicArn', arn);
  }

  private existingTopic(params: QueryParams): string {
    const arn = params.required('TopicArn');
    if (!this.topics.has(arn)) throw new Ec2Error(404, 'NotFound', 'Topic does not exist');
    return arn;
  }

  private listSubscriptions(params: QueryParams): string {
    const arn = this.existingTopic(params);
    const all = this.subscriptions.filter((subscription) => subscription.topicArn === arn);
    const start = Number(params.optional('NextToken') ?? 0);
    const end = start + this.pageSize;
    const members = all.slice(start, end).map((s) =>
      element(
        'member',
        textElement('TopicArn', s.topicArn),
        textElement('Protocol', s.protocol),
        textElement('SubscriptionArn', s.subscriptionArn),
        textElement('Owner', FAKE_ACCOUNT_ID),
        textElement('Endpoint', s.endpoint),
      ),
    );
    return element('Subscriptions', ...members) + textElement('NextToken', end < all.length ? String(end) : undefined);
  }

  /** A new e-mail subscription awaits confirmation; a repeated one sends the e-mail again (here: changes nothing). */
  private subscribe(params: QueryParams): string {
    const topicArn = this.existingTopic(params);
    const protocol = params.required('Protocol');
    const endpoint = params.required('Endpoint');
    let subscription = this.subscriptions.find((s) => s.topicArn === topicArn && s.protocol === protocol && s.endpoint === endpoint);
    if (subscription === undefined) {
      subscription = { topicArn, protocol, endpoint, subscriptionArn: PENDING_CONFIRMATION };
      this.subscriptions.push(subscription);
    }
    const pending = subscription.subscriptionArn === PENDING_CONFIRMATION;
    return textElement('SubscriptionArn', pending ? 'pending confirmation' : subscription.subscriptionArn);
  }

  private publish(params: QueryParams): string {
    const topicArn = this.existingTopic(params);
    const subject = params.optional('Subject');
    if (subject !== undefined && (subject.length > 100 || !/^[\x20-\x7e]+$/.test(subject))) {
      throw new Ec2Error(400, 'InvalidParameter', 'Invalid parameter: Subject');
    }
    const messageId = randomUUID();
    this.published.push({ topicArn, subject, message: params.required('Message'), messageId });
    return textElement('MessageId', messageId);
  }
}
