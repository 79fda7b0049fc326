import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { FakeEc2 } from './ec2-service';
import { FakeFpgaImages } from './fpga-images';
import { readBody, signingScope, type FakeResponse } from './http';
import { FakeS3Objects } from './s3-objects';
import { FakeS3 } from './s3-service';
import { DCP_BUCKET, LOGS } from './scenarios';
import { FakeSns } from './sns-service';

export interface FakeAwsOptions {
  /** How long AFI jobs stay pending. */
  readonly jobDurationMs?: number;
  /** DescribeFpgaImages page size when the request gives no MaxResults. */
  readonly pageSize?: number;
  /** ListSubscriptionsByTopic page size (SNS's own is 100). */
  readonly snsPageSize?: number;
  /** Buckets that exist from the start, in us-west-2 (default: the scenarios' checkpoint and logs buckets). */
  readonly buckets?: readonly string[];
}

export interface FakeAws {
  /** `http://127.0.0.1:<port>`, serving EC2, S3 and SNS. */
  readonly endpoint: string;
  readonly ec2: FakeEc2;
  readonly s3: FakeS3;
  readonly sns: FakeSns;
  readonly images: FakeFpgaImages;
  readonly objects: FakeS3Objects;
  close(): Promise<void>;
}

function send(response: ServerResponse, { status, headers, body }: FakeResponse): void {
  response.writeHead(status, headers);
  response.end(body);
}

/** A loopback EC2 + S3 + SNS endpoint; requests go to the service named in their SigV4 signature. */
export async function startFakeAws(options: FakeAwsOptions = {}): Promise<FakeAws> {
  const objects = new FakeS3Objects();
  const images = new FakeFpgaImages(objects, options.jobDurationMs ?? 30);
  const ec2 = new FakeEc2(images, options.pageSize ?? 1000);
  const s3 = new FakeS3(objects);
  const sns = new FakeSns(options.snsPageSize ?? 100);
  for (const bucket of options.buckets ?? [DCP_BUCKET, LOGS.bucket]) objects.buckets.set(bucket, 'us-west-2');

  async function route(request: IncomingMessage): Promise<FakeResponse> {
    const at = performance.now();
    const body = await readBody(request);
    const scope = signingScope(request.headers.authorization);
    const url = new URL(request.url ?? '/', 'http://fake');
    const query = request.method === 'POST' && url.pathname === '/';
    if (scope?.service === 'ec2' && query) {
      if (ec2.latencyMs > 0) await delay(ec2.latencyMs);
      return ec2.handle(body.toString('utf8'), scope, at);
    }
    if (scope?.service === 'sns' && query) return sns.handle(body.toString('utf8'), scope);
    if (scope?.service === 's3') return s3.handle(request.method ?? '', url, request.headers, body, scope);
    return { status: 403, body: `fake AWS: unsigned or unsupported request ${request.method} ${request.url}` };
  }

  const server = createServer((request, response) => {
    route(request).then(
      (answer) => send(response, answer),
      (error: unknown) => send(response, { status: 500, body: String(error) }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    ec2,
    s3,
    sns,
    images,
    objects,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        // Clients keep connections alive; close would otherwise wait for them.
        server.closeAllConnections();
      }),
  };
}
