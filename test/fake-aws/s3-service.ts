import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { crc32 } from 'node:zlib';
import { decodeAwsChunked } from './aws-chunked';
import type { FakeResponse, SigningScope } from './http';
import type { FakeS3Objects } from './s3-objects';
import { element, textElement, XML_DECLARATION } from './xml';

export interface S3Request {
  readonly method: string;
  readonly bucket: string;
  readonly key: string;
  readonly scope: SigningScope;
}

function s3Error(status: number, code: string, message: string): FakeResponse {
  return {
    status,
    headers: { 'content-type': 'application/xml' },
    body: XML_DECLARATION + element('Error', textElement('Code', code), textElement('Message', message)),
  };
}

function crc32Base64(data: Buffer): string {
  const digest = Buffer.alloc(4);
  digest.writeUInt32BE(crc32(data));
  return digest.toString('base64');
}

/** The object bytes of a PutObject body, checked the way S3 checks them; an error response otherwise. */
function payloadOf(headers: IncomingHttpHeaders, body: Buffer): Buffer | FakeResponse {
  if (!(headers['content-encoding'] ?? '').includes('aws-chunked')) return body;
  const { payload, trailers } = decodeAwsChunked(body);
  if (Number(headers['x-amz-decoded-content-length']) !== payload.length) {
    return s3Error(400, 'IncompleteBody', 'The request body does not match x-amz-decoded-content-length');
  }
  const checksum = trailers['x-amz-checksum-crc32'];
  if (checksum !== undefined && checksum !== crc32Base64(payload)) {
    return s3Error(400, 'BadDigest', 'The CRC32 checksum does not match the uploaded data');
  }
  return payload;
}

/** Path-style PutObject, the only S3 call createAfi makes. */
export class FakeS3 {
  readonly requests: S3Request[] = [];

  constructor(readonly objects: FakeS3Objects) {}

  handle(method: string, path: string, headers: IncomingHttpHeaders, body: Buffer, scope: SigningScope): FakeResponse {
    const [, bucket = '', ...keyParts] = path.split('/');
    const key = decodeURIComponent(keyParts.join('/'));
    this.requests.push({ method, bucket, key, scope });
    if (method !== 'PUT' || bucket === '' || key === '') {
      return s3Error(405, 'MethodNotAllowed', `The fake S3 only supports PutObject, not ${method} ${path}`);
    }
    const payload = payloadOf(headers, body);
    if (!Buffer.isBuffer(payload)) return payload;
    this.objects.put(bucket, key, payload);
    return { status: 200, headers: { etag: `"${createHash('md5').update(payload).digest('hex')}"` } };
  }
}
