export interface FakeS3Object {
  readonly key: string;
  readonly body: Buffer;
  /** When the object appears: listings and reads before then do not see it. */
  readonly lastModified: Date;
}

/** The fake S3's buckets and contents, shared with the AFI jobs that read checkpoints and write logs. */
export class FakeS3Objects {
  private readonly objects = new Map<string, FakeS3Object>();
  /** Bucket name → region. */
  readonly buckets = new Map<string, string>();

  /** Test control and the AFI jobs: stores an object, creating its bucket if need be. */
  put(bucket: string, key: string, body: Buffer | string, lastModified = new Date()): void {
    if (!this.buckets.has(bucket)) this.buckets.set(bucket, 'us-west-2');
    this.objects.set(`${bucket}/${key}`, { key, body: Buffer.from(body), lastModified });
  }

  get(bucket: string, key: string, now = Date.now()): Buffer | undefined {
    const object = this.objects.get(`${bucket}/${key}`);
    return object === undefined || object.lastModified.getTime() > now ? undefined : object.body;
  }

  /** The visible objects of `bucket` whose keys start with `prefix`, in key order as S3 lists them. */
  list(bucket: string, prefix: string, now = Date.now()): FakeS3Object[] {
    return [...this.objects.entries()]
      .filter(([path, object]) => path.startsWith(`${bucket}/${prefix}`) && object.lastModified.getTime() <= now)
      .map(([, object]) => object)
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}
