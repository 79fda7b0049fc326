import { randomBytes } from 'node:crypto';
import { afiNotFound } from './ec2-error';
import type { FakeS3Objects } from './s3-objects';

export const FAKE_ACCOUNT_ID = '123456789012';
/** A checkpoint containing a line `simulate-afi-failure: <reason>` makes its AFI job fail with that reason. */
export const FAKE_FAILURE_MARKER = 'simulate-afi-failure:';

export type FakeStateCode = 'pending' | 'available' | 'failed' | 'unavailable';

export interface FakeImageState {
  readonly code: FakeStateCode;
  readonly message?: string;
}

export interface FakeFpgaImage {
  readonly afiId: string;
  readonly agfiId: string;
  readonly region: string;
  readonly name?: string;
  readonly description?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly createdAt: Date;
  /** When the job ends, in epoch milliseconds. */
  readonly readyAt: number;
  /** The state the job ends in. */
  readonly outcome: FakeImageState;
  /** Set by tests to force a state, e.g. `unavailable`. */
  forcedState?: FakeImageState;
}

export interface CreateImageRequest {
  readonly input: { readonly bucket: string; readonly key: string };
  /** Where the job writes its log when it ends (LogsStorageLocation). */
  readonly logs?: { readonly bucket: string; readonly prefix: string };
  readonly name?: string;
  readonly description?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly clientToken?: string;
}

export interface CopyImageRequest {
  readonly sourceAfiId: string;
  readonly sourceRegion: string;
  readonly name?: string;
  readonly description?: string;
  readonly clientToken?: string;
}

function randomId(prefix: string): string {
  return `${prefix}-${randomBytes(9).toString('hex').slice(0, 17)}`;
}

/** AFI creation jobs: pending for `jobDurationMs`, then available or failed depending on the checkpoint. */
export class FakeFpgaImages {
  private readonly images = new Map<string, FakeFpgaImage>();
  private readonly idempotencyTokens = new Map<string, string>();

  constructor(
    private readonly objects: FakeS3Objects,
    private readonly jobDurationMs: number,
  ) {}

  create(region: string, request: CreateImageRequest): FakeFpgaImage {
    return this.idempotent(region, 'create', request.clientToken, () => {
      const image = this.add(region, randomId('agfi'), request, this.outcomeFor(request.input));
      if (request.logs !== undefined) this.writeLog(image, request);
      return image;
    });
  }

  /** The job's log, `<prefix>/<afi id>/afi_generation.log`, which S3 shows once the job has ended. */
  logKey(image: FakeFpgaImage, prefix: string): string {
    const folder = prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
    return `${folder}${image.afiId}/afi_generation.log`;
  }

  private writeLog(image: FakeFpgaImage, request: CreateImageRequest): void {
    const { bucket, prefix } = request.logs!;
    const at = (offsetMs: number) => new Date(image.createdAt.getTime() + offsetMs).toISOString();
    const end = image.readyAt - image.createdAt.getTime();
    const lines = [
      `${at(0)} INFO: AFI generation of ${image.afiId} (${image.agfiId}) from s3://${request.input.bucket}/${request.input.key}`,
      `${at(0)} INFO: Checking the manifest and the design checkpoint`,
      ...(image.outcome.code === 'failed'
        ? [`${at(end)} ERROR: ${image.outcome.message ?? 'unknown failure'}`, `${at(end)} INFO: AFI generation failed`]
        : [`${at(end)} INFO: AFI generation completed`]),
    ];
    this.objects.put(bucket, this.logKey(image, prefix), `${lines.join('\n')}\n`, new Date(image.readyAt));
  }

  /** The copy keeps the AGFI id and ends the way its source did. */
  copy(region: string, request: CopyImageRequest): FakeFpgaImage {
    const source = this.get(request.sourceRegion, request.sourceAfiId);
    return this.idempotent(region, 'copy', request.clientToken, () =>
      this.add(
        region,
        source.agfiId,
        { name: request.name ?? source.name, description: request.description, tags: {} },
        source.outcome,
      ),
    );
  }

  /** The image, or EC2's not-found error. */
  get(region: string, afiId: string): FakeFpgaImage {
    const image = this.images.get(afiId);
    if (image === undefined || image.region !== region) throw afiNotFound(afiId);
    return image;
  }

  inRegion(region: string): FakeFpgaImage[] {
    return [...this.images.values()].filter((image) => image.region === region);
  }

  delete(region: string, afiId: string): void {
    this.images.delete(this.get(region, afiId).afiId);
  }

  stateOf(image: FakeFpgaImage, now = Date.now()): FakeImageState {
    return image.forcedState ?? (now >= image.readyAt ? image.outcome : { code: 'pending' });
  }

  /** Test control: holds an image in a state (e.g. pending, unavailable); `undefined` lets its job run its course. */
  force(afiId: string, state: FakeImageState | undefined): void {
    const image = this.images.get(afiId);
    if (image === undefined) throw new Error(`no fake AFI ${afiId}`);
    image.forcedState = state;
  }

  private add(
    region: string,
    agfiId: string,
    details: Pick<FakeFpgaImage, 'name' | 'description' | 'tags'>,
    outcome: FakeImageState,
  ): FakeFpgaImage {
    const createdAt = new Date();
    const image: FakeFpgaImage = {
      ...details,
      afiId: randomId('afi'),
      agfiId,
      region,
      createdAt,
      readyAt: createdAt.getTime() + this.jobDurationMs,
      outcome,
    };
    this.images.set(image.afiId, image);
    return image;
  }

  private outcomeFor(input: CreateImageRequest['input']): FakeImageState {
    const checkpoint = this.objects.get(input.bucket, input.key);
    if (checkpoint === undefined) {
      return { code: 'failed', message: `Unable to read the design checkpoint s3://${input.bucket}/${input.key}` };
    }
    const marker = checkpoint
      .toString('utf8')
      .split('\n')
      .find((line) => line.startsWith(FAKE_FAILURE_MARKER));
    return marker === undefined ? { code: 'available' } : { code: 'failed', message: marker.slice(FAKE_FAILURE_MARKER.length).trim() };
  }

  /** A repeated client token returns the image the first request made. */
  private idempotent(region: string, operation: string, token: string | undefined, make: () => FakeFpgaImage): FakeFpgaImage {
    const known = token === undefined ? undefined : this.idempotencyTokens.get(`${region}/${operation}/${token}`);
    if (known !== undefined) return this.get(region, known);
    const image = make();
    if (token !== undefined) this.idempotencyTokens.set(`${region}/${operation}/${token}`, image.afiId);
    return image;
  }
}
