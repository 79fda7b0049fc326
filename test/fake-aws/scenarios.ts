import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAfi, type AwsClientOptions, type CreatedAfi } from '../../lib/afi';
import { FAKE_FAILURE_MARKER } from './fpga-images';
import type { FakeAws } from './server';

export const DCP_BUCKET = 'fpga-dcp-bucket';
export const LOGS = { bucket: 'fpga-logs-bucket', prefix: 'afi-logs/' } as const;

let nextKey = 0;

/** Creates an AFI from a checkpoint placed straight into the fake S3; `failureReason` makes its job fail. */
export async function createFakeAfi(
  fake: FakeAws,
  aws: AwsClientOptions,
  details: { name?: string; failureReason?: string } = {},
): Promise<CreatedAfi> {
  const key = `checkpoints/design-${(nextKey += 1)}.tar`;
  const content = details.failureReason === undefined ? 'checkpoint' : `checkpoint\n${FAKE_FAILURE_MARKER} ${details.failureReason}\n`;
  fake.objects.put(DCP_BUCKET, key, content);
  return createAfi({ ...aws, name: details.name ?? 'test-afi', dcp: { bucket: DCP_BUCKET, key }, logs: LOGS });
}

/** Resolves once the fake's AFI jobs, lasting `jobDurationMs`, have ended. */
export function jobsFinished(jobDurationMs: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, jobDurationMs + 5));
}

export interface ScratchDirectory {
  readonly path: string;
  /** Writes a file into the directory and returns its path. */
  file(name: string, content: string | Buffer): Promise<string>;
  remove(): Promise<void>;
}

/** A temporary directory for tarballs. */
export async function scratchDirectory(): Promise<ScratchDirectory> {
  const path = await mkdtemp(join(tmpdir(), 'aws-fpga-afi-'));
  return {
    path,
    async file(name, content) {
      const file = join(path, name);
      await writeFile(file, content);
      return file;
    },
    remove: () => rm(path, { recursive: true, force: true }),
  };
}
