/** The fake S3's contents, shared with the AFI jobs that read checkpoints from it. */
export class FakeS3Objects {
  private readonly objects = new Map<string, Buffer>();

  put(bucket: string, key: string, body: Buffer | string): void {
    this.objects.set(`${bucket}/${key}`, Buffer.from(body));
  }

  get(bucket: string, key: string): Buffer | undefined {
    return this.objects.get(`${bucket}/${key}`);
  }
}
