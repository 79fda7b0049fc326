import { FAKE_ACCOUNT_ID, type FakeFpgaImage, type FakeImageState } from './fpga-images';
import { element, itemList, textElement } from './xml';

const FAKE_SHELL_VERSION = '0x10162423';

/** PciId members carry no XML names in the EC2 model, so they keep their PascalCase member names. */
const FAKE_PCI_ID = element(
  'pciId',
  textElement('DeviceId', '0xf000'),
  textElement('VendorId', '0x1d0f'),
  textElement('SubsystemId', '0x1d51'),
  textElement('SubsystemVendorId', '0xfedd'),
);

/** One `<item>` of a DescribeFpgaImages `fpgaImageSet`; PCI ids and shell version appear once the image is built. */
export function fpgaImageXml(image: FakeFpgaImage, state: FakeImageState): string {
  const built = state.code === 'available' || state.code === 'unavailable';
  const updatedAt = state.code === 'pending' ? image.createdAt : new Date(image.readyAt);
  const tags = Object.entries(image.tags).map(([key, value]) => textElement('key', key) + textElement('value', value));
  return [
    textElement('fpgaImageId', image.afiId),
    textElement('fpgaImageGlobalId', image.agfiId),
    textElement('name', image.name),
    textElement('description', image.description),
    built ? textElement('shellVersion', FAKE_SHELL_VERSION) + FAKE_PCI_ID : '',
    element('state', textElement('code', state.code), textElement('message', state.message)),
    textElement('createTime', image.createdAt.toISOString()),
    textElement('updateTime', updatedAt.toISOString()),
    textElement('ownerId', FAKE_ACCOUNT_ID),
    itemList('tags', tags),
    textElement('public', false),
  ].join('');
}
