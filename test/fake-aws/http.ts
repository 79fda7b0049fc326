import type { IncomingMessage } from 'node:http';

export interface FakeResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
}

/** Who signed a request and for which region and service, from its SigV4 credential scope. */
export interface SigningScope {
  readonly accessKeyId: string;
  readonly region: string;
  readonly service: string;
}

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export function signingScope(authorization: string | undefined): SigningScope | undefined {
  const match = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization ?? '');
  return match === null ? undefined : { accessKeyId: match[1], region: match[2], service: match[3] };
}
