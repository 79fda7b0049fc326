import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { crc32 } from 'node:zlib';
import { decodeAwsChunked } from './aws-chunked';
import type { FakeResponse, SigningScope } from './http';
import type { FakeS3Object, FakeS3Objects } from './s3-objects';
import { element, textElement, XML_DECLARATION } from './xml';

const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';
const LIST_PAGE_SIZE = 1000;

export interface S3Request {
  readonly method: string;
  readonly bucket: string;
  readonly key: string;
  /** The request's query, e.g. `list-type=2&prefix=logs/`. */
  readonly query: string;
  readonly scope: SigningScope;
}

class S3Error extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }

  toResponse(): FakeResponse {
    return {
      status: this.status,
      headers: { 'content-type': 'application/xml' },
      body: XML_DECLARATION + element('Error', textElement('Code', this.code), textElement('Message', this.message)),
    };
  }
}

function crc32Base64(data: Buffer): string {
  const digest = Buffer.alloc(4);
  digest.writeUInt32BE(crc32(data));
  return digest.toString('base64');
}

const etag = (body: Buffer) => `"${createHash('md5').update(body).digest('hex')}"`;

/** The object bytes of a PutObject body, checked the way S3 checks them. */
function payloadOf(headers: IncomingHttpHeaders, body: Buffer): Buffer {
  if (!(headers['content-encoding'] ?? '').includes('aws-chunked')) return body;
  const { payload, trailers } = decodeAwsChunked(body);
  if (Number(headers['x-amz-decoded-content-length']) !== payload.length) {
    throw new S3Error(400, 'IncompleteBody', 'The request body does not match x-amz-decoded-content-length');
  }
  const checksum = trailers['x-amz-checksum-crc32'];
  if (checksum !== undefined && checksum !== crc32Base64(payload)) {
    throw new S3Error(400, 'BadDigest', 'The CRC32 checksum does not match the uploaded data');
  }
  return payload;
}

function listEntry(object: FakeS3Object): string {
  return element(
    'Contents',
    textElement('Key', object.key),
    textElement('LastModified', object.lastModified.toISOString()),
    textElement('ETag', etag(object.body)),
    textElement('Size', object.body.length),
    textElement('StorageClass', 'STANDARD'),
  );
}

/**
 * Path-style S3 for what aws-fpga does: HeadBucket and CreateBucket, PutObject (the tarball,
 * the logs placeholder), ListObjectsV2 and GetObject (the creation logs). Buckets must exist.
 */
export class FakeS3 {
  readonly requests: S3Request[] = [];
  /** Buckets another account owns: creating one fails with BucketAlreadyExists. */
  readonly foreignBuckets = new Set<string>();
  /** Buckets whose every request is answered AccessDenied, as for an identity without permission. */
  readonly deniedBuckets = new Set<string>();
  /** Buckets the identity may not list (no s3:ListBucket): HeadBucket and ListObjectsV2 are answered AccessDenied. */
  readonly unlistedBuckets = new Set<string>();

  constructor(readonly objects: FakeS3Objects) {}

  requestsFor(method: string, key?: string): S3Request[] {
    return this.requests.filter((request) => request.method === method && (key === undefined || request.key === key));
  }

  handle(method: string, url: URL, headers: IncomingHttpHeaders, body: Buffer, scope: SigningScope): FakeResponse {
    const [, bucket = '', ...keyParts] = url.pathname.split('/');
    const key = decodeURIComponent(keyParts.join('/'));
    this.requests.push({ method, bucket, key, query: url.searchParams.toString(), scope });
    try {
      if (this.deniedBuckets.has(bucket)) throw new S3Error(403, 'AccessDenied', 'Access Denied');
      if (this.unlistedBuckets.has(bucket) && key === '' && (method === 'HEAD' || method === 'GET')) throw new S3Error(403, 'AccessDenied', 'Access Denied');
      if (method === 'PUT' && bucket !== '' && key === '') return this.createBucket(bucket, body, scope.region);
      if (method === 'HEAD' && bucket !== '' && key === '') return this.headBucket(bucket, scope.region);
      if (bucket === '' || !this.objects.buckets.has(bucket)) {
        throw new S3Error(404, 'NoSuchBucket', `The specified bucket does not exist: ${bucket}`);
      }
      if (method === 'PUT') return this.putObject(bucket, key, payloadOf(headers, body));
      if (method === 'GET' && key === '' && url.searchParams.get('list-type') === '2') return this.listObjects(bucket, url.searchParams);
      if (method === 'GET' && key !== '') return this.getObject(bucket, key);
      throw new S3Error(405, 'MethodNotAllowed', `The fake S3 does not support ${method} ${url.pathname}${url.search}`);
    } catch (error) {
      if (error instanceof S3Error) return error.toResponse();
      throw error;
    }
  }

  // HEAD answers carry no body: the SDK knows them by their status alone.
  private headBucket(bucket: string, requestRegion: string): FakeResponse {
    if (this.foreignBuckets.has(bucket)) return { status: 403 };
    const region = this.objects.buckets.get(bucket);
    if (region === undefined) return { status: 404 };
    // A regional endpoint sends a bucket of another region to that region's.
    return { status: region === requestRegion ? 200 : 301, headers: { 'x-amz-bucket-region': region } };
  }

  private createBucket(bucket: string, body: Buffer, region: string): FakeResponse {
    if (this.foreignBuckets.has(bucket)) {
      throw new S3Error(409, 'BucketAlreadyExists', 'The requested bucket name is not available.');
    }
    const existing = this.objects.buckets.get(bucket);
    // us-east-1 keeps S3's original behaviour: creating a bucket the account already has there succeeds.
    if (existing === 'us-east-1' && region === 'us-east-1') return { status: 200, headers: { location: `/${bucket}` } };
    if (existing !== undefined) {
      throw new S3Error(409, 'BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.');
    }
    // Outside us-east-1, S3 wants the region named in the body, as the SDK's guide says to send it.
    const constraint = /<LocationConstraint>([^<]*)<\/LocationConstraint>/.exec(body.toString('utf8'))?.[1];
    if (region !== 'us-east-1' && constraint !== region) {
      throw new S3Error(400, 'IllegalLocationConstraintException', `The ${constraint ?? 'unspecified'} location constraint is incompatible for the region specific endpoint this request was sent to.`);
    }
    this.objects.buckets.set(bucket, region);
    return { status: 200, headers: { location: `/${bucket}` } };
  }

  private putObject(bucket: string, key: string, payload: Buffer): FakeResponse {
    this.objects.put(bucket, key, payload);
    return { status: 200, headers: { etag: etag(payload) } };
  }

  private listObjects(bucket: string, query: URLSearchParams): FakeResponse {
    const prefix = query.get('prefix') ?? '';
    const all = this.objects.list(bucket, prefix);
    const start = Number(query.get('continuation-token') ?? 0);
    const end = start + Math.min(Number(query.get('max-keys') ?? LIST_PAGE_SIZE), LIST_PAGE_SIZE);
    const page = all.slice(start, end);
    const truncated = end < all.length;
    const content = [
      textElement('Name', bucket),
      textElement('Prefix', prefix),
      textElement('KeyCount', page.length),
      textElement('MaxKeys', end - start),
      textElement('IsTruncated', truncated),
      ...page.map(listEntry),
      textElement('ContinuationToken', query.get('continuation-token') ?? undefined),
      textElement('NextContinuationToken', truncated ? String(end) : undefined),
    ];
    return {
      status: 200,
      headers: { 'content-type': 'application/xml' },
      body: `${XML_DECLARATION}<ListBucketResult xmlns="${S3_NAMESPACE}">${content.join('')}</ListBucketResult>`,
    };
  }

  private getObject(bucket: string, key: string): FakeResponse {
    const object = this.objects.list(bucket, key).find((candidate) => candidate.key === key);
    if (object === undefined) throw new S3Error(404, 'NoSuchKey', 'The specified key does not exist.');
    return {
      status: 200,
      headers: {
        'content-type': 'text/plain',
        'content-length': String(object.body.length),
        'last-modified': object.lastModified.toUTCString(),
        etag: etag(object.body),
      },
      body: object.body,
    };
  }
}
