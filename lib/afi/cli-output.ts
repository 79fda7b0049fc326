import type { AfiDescription } from './description';
import { formatS3Url } from './s3-location';

/** The part of a writable stream the commands use; `isTTY` enables in-place progress. */
export interface AfiCliStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** H:MM:SS, for waits that run for hours. */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.floor(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  return `${hours}:${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

/** Aligned "Label: value" lines, skipping absent values. */
export function formatFields(fields: ReadonlyArray<readonly [string, string | undefined]>): string {
  const present = fields.filter((field): field is readonly [string, string] => field[1] !== undefined);
  const width = Math.max(...present.map(([label]) => label.length)) + 1;
  return present.map(([label, value]) => `${`${label}:`.padEnd(width)} ${value}\n`).join('');
}

function formatPciIds({ pciIds }: AfiDescription): string | undefined {
  if (pciIds === undefined) return undefined;
  const { vendorId, deviceId, subsystemVendorId, subsystemId } = pciIds;
  return `vendor ${vendorId ?? '?'}, device ${deviceId ?? '?'}, subsystem vendor ${subsystemVendorId ?? '?'}, subsystem ${subsystemId ?? '?'}`;
}

function formatTags({ tags }: AfiDescription): string | undefined {
  const entries = Object.entries(tags);
  return entries.length === 0 ? undefined : entries.map(([key, value]) => `${key}=${value}`).join(', ');
}

export function formatAfi(afi: AfiDescription): string {
  return formatFields([
    ['AFI ID', afi.afiId],
    ['AGFI ID', afi.agfiId],
    ['State', afi.stateMessage === undefined ? afi.state : `${afi.state} (${afi.stateMessage})`],
    ['Name', afi.name],
    ['Description', afi.description],
    ['Created', afi.createdAt?.toISOString()],
    ['Updated', afi.updatedAt?.toISOString()],
    ['Shell version', afi.shellVersion],
    ['PCI IDs', formatPciIds(afi)],
    ['Logs', afi.logs === undefined ? undefined : formatS3Url(afi.logs.bucket, afi.logs.prefix)],
    ['Tags', formatTags(afi)],
  ]);
}

export function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** A status line that a terminal shows rewritten in place and a log or pipe receives line by line. */
export class ProgressLine {
  private written = false;

  constructor(private readonly stream: AfiCliStream) {}

  update(text: string): void {
    this.stream.write(this.stream.isTTY === true ? `\r\x1b[2K${text}` : `${text}\n`);
    this.written = true;
  }

  /** Moves a terminal past the status line so that later output starts on a fresh line. */
  end(): void {
    if (this.written && this.stream.isTTY === true) this.stream.write('\n');
  }
}
