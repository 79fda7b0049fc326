import type { FpgaImage } from '@aws-sdk/client-ec2';
import { requireResultField } from './ec2-results';
import { parseS3PrefixUrl, type S3PrefixLocation } from './s3-location';

export type AfiState = 'pending' | 'available' | 'failed' | 'unavailable';

const AFI_STATES: ReadonlySet<string> = new Set<AfiState>(['pending', 'available', 'failed', 'unavailable']);

/** createAfi records the logs location in this tag, because EC2 does not report it back. */
export const LOGS_LOCATION_TAG = 'aws-fpga:logs-location';

/** The PCI ids the loaded image presents, as declared in its design checkpoint. */
export interface AfiPciIds {
  readonly vendorId?: string;
  readonly deviceId?: string;
  readonly subsystemVendorId?: string;
  readonly subsystemId?: string;
}

export interface AfiDescription {
  readonly afiId: string;
  readonly agfiId: string;
  readonly state: AfiState;
  /** Why the image failed, when EC2 says. */
  readonly stateMessage?: string;
  readonly name?: string;
  readonly description?: string;
  readonly createdAt?: Date;
  readonly updatedAt?: Date;
  readonly shellVersion?: string;
  readonly pciIds?: AfiPciIds;
  readonly ownerId?: string;
  readonly public?: boolean;
  /** Where the creation logs go; known for images created by createAfi with its logs tag. */
  readonly logs?: S3PrefixLocation;
  readonly tags: Readonly<Record<string, string>>;
}

function toAfiState(code: string | undefined): AfiState {
  if (code === undefined || !AFI_STATES.has(code)) {
    throw new Error(`EC2 returned an FPGA image in an unknown state: ${String(code)}`);
  }
  return code as AfiState;
}

function toPciIds(pciId: FpgaImage['PciId']): AfiPciIds | undefined {
  if (pciId === undefined) return undefined;
  return {
    vendorId: pciId.VendorId,
    deviceId: pciId.DeviceId,
    subsystemVendorId: pciId.SubsystemVendorId,
    subsystemId: pciId.SubsystemId,
  };
}

export function toAfiDescription(image: FpgaImage): AfiDescription {
  const tags = Object.fromEntries((image.Tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? '']));
  const logsTag = tags[LOGS_LOCATION_TAG];
  return {
    afiId: requireResultField(image.FpgaImageId, 'fpgaImageId'),
    agfiId: requireResultField(image.FpgaImageGlobalId, 'fpgaImageGlobalId'),
    state: toAfiState(image.State?.Code),
    stateMessage: image.State?.Message,
    name: image.Name,
    description: image.Description,
    createdAt: image.CreateTime,
    updatedAt: image.UpdateTime,
    shellVersion: image.ShellVersion,
    pciIds: toPciIds(image.PciId),
    ownerId: image.OwnerId,
    public: image.Public,
    logs: logsTag === undefined ? undefined : parseS3PrefixUrl(logsTag),
    tags,
  };
}
