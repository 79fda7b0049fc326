// Text output in the layouts of the SDK's fpga-* tools (fpga_local_cmd.c), so
// scripts that read theirs read these. Column widths follow its printf formats.
import type { ClockFrequencies } from '../clkgen';
import type { F2Metrics, ImageDescription } from '../describe';
import type { ResourceMap } from '../slot-spec';

export const IMAGE_HEADER =
  'Type  FpgaImageSlot  FpgaImageId             StatusName    StatusCode   ErrorName    ErrorCode   ShVersion\n';
export const DEVICE_HEADER = 'Type  FpgaImageSlot  VendorId    DeviceId    DBDF\n';

const hex = (value: number | bigint, digits = 0) => value.toString(16).padStart(digits, '0');
// printf's %2d and %-Ns.
const right2 = (value: number) => String(value).padStart(2);
const left = (text: string, width: number) => text.padEnd(width);
const type = (name: string) => left(name, 10);
const bit = (set: boolean) => (set ? 1 : 0);

/** The AFI line of fpga-describe-local-image. */
export function formatAfiLine(slot: number, info: ImageDescription): string {
  return (
    `${type('AFI')}  ${right2(slot)}       ${left(info.afiId ?? 'none', 22)}` +
    `  ${left(info.status, 8)}         ${right2(info.statusCode)}        ${left(info.statusQName, 8)}` +
    `        ${right2(info.statusQ)}       0x${hex(info.shVersion >>> 0, 8)}\n`
  );
}

/** An AFIDEVICE line: a PF of `slot` with its vendor and device ids and PCI address. */
export function formatDeviceLine(slot: number, map: ResourceMap): string {
  return `${type('AFIDEVICE')}  ${right2(slot)}       0x${hex(map.vendorId, 4)}      0x${hex(map.deviceId, 4)}      ${map.dbdf}\n`;
}

/** fpga-describe-local-image-slots' lines for one slot: its app PF, and its mgmt PF with `mbox`. */
export function formatSlotDevices(slot: number, app: ResourceMap, mgmt: ResourceMap, headers: boolean, mbox: boolean): string {
  const lines = [formatDeviceLine(slot, app), ...(mbox ? [formatDeviceLine(slot, mgmt)] : [])];
  return (headers ? DEVICE_HEADER : '') + lines.join('');
}

/** The F2 metrics block of fpga-describe-local-image -M. */
export function formatMetrics(m: F2Metrics): string {
  const s = m.intStatus;
  const p = m.pcimAxiProtocolErrors;
  const lines = [
    `virtual-jtag-slave-timeout=${bit(s.virtualJtagSlaveTimeout)}`,
    `ocl-slave-timeout=${bit(s.oclSlaveTimeout)}`,
    `sda-slave-timeout=${bit(s.sdaSlaveTimeout)}`,
    `dma-pcis-timeout=${bit(s.dmaPcisTimeout)}`,
    `pcim-range-error=${bit(s.pcimRangeError)}`,
    `pcim-axi-protocol-error=${bit(s.pcimAxiProtocolError)}`,
    `dma-range-error=${bit(s.dmaRangeError)}`,
    `pcim-axi-protocol-4K-cross-error=${bit(p.crossing4k)}`,
    `pcim-axi-protocol-bus-master-enable-error=${bit(p.busMasterEnable)}`,
    `pcim-axi-protocol-request-size-error=${bit(p.requestSize)}`,
    `pcim-axi-protocol-write-incomplete-error=${bit(p.writeIncomplete)}`,
    `pcim-axi-protocol-first-byte-enable-error=${bit(p.firstByteEnable)}`,
    `pcim-axi-protocol-last-byte-enable-error=${bit(p.lastByteEnable)}`,
    `pcim-axi-protocol-bready-error=${bit(p.breadyTimeout)}`,
    `pcim-axi-protocol-rready-error=${bit(p.rreadyTimeout)}`,
    `pcim-axi-protocol-wchannel-error=${bit(p.wchannelTimeout)}`,
    `pcim-range-error-addr=0x${hex(m.pcimRangeErrorAddr)}`,
    `pcim-range-error-count=${m.pcimRangeErrorCount}`,
    `pcim-axi-protocol-error-addr=0x${hex(m.pcimAxiProtocolErrorAddr)}`,
    `pcim-axi-protocol-error-count=${m.pcimAxiProtocolErrorCount}`,
    `pcim-write-count=${m.pcimWriteCount}`,
    `pcim-read-count=${m.pcimReadCount}`,
    `dma-pcis-timeout-addr=0x${hex(m.dmaPcisTimeoutAddr)}`,
    `dma-pcis-timeout-count=${m.dmaPcisTimeoutCount}`,
    `ocl-slave-timeout-addr=0x${hex(m.oclSlaveTimeoutAddr)}`,
    `ocl-slave-timeout-count=${m.oclSlaveTimeoutCount}`,
    `sda-slave-timeout-addr=0x${hex(m.sdaSlaveTimeoutAddr)}`,
    `sda-slave-timeout-count=${m.sdaSlaveTimeoutCount}`,
    `virtual-jtag-slave-timeout-addr=0x${hex(m.virtualJtagSlaveTimeoutAddr)}`,
    `virtual-jtag-slave-timeout-count=${m.virtualJtagSlaveTimeoutCount}`,
    `virtual-jtag-slave-write-count=${m.virtualJtagWriteCount}`,
    `virtual-jtag-slave-read-count=${m.virtualJtagReadCount}`,
    ...m.ddr.flatMap((ddr, i) => [`DDR${i}`, `   write-count=${ddr.writeCount}`, `   read-count=${ddr.readCount}`]),
    'Power consumption (Vccint):',
    `   Last measured: ${m.powerWatts.last} watts`,
    `   Average: ${m.powerWatts.mean} watts`,
    `   Max measured: ${m.powerWatts.max} watts`,
    'Cached agfis:',
    ...m.cachedAgfis.map((agfi) => `   ${agfi}`),
  ];
  return lines.map((line) => `${line}\n`).join('');
}

/**
 * What fpga-describe-local-image prints (and fpga-load/clear-local-image after
 * a wait): the AFI line, the app PF's AFIDEVICE line, and with `metrics` the
 * metrics; `headers` adds the column headers (-H).
 */
export function formatImage(slot: number, info: ImageDescription, headers: boolean, metrics: boolean): string {
  let text = (headers ? IMAGE_HEADER : '') + formatAfiLine(slot, info);
  text += (headers ? DEVICE_HEADER : '') + formatDeviceLine(slot, info.spec.app);
  if (metrics && info.metrics !== undefined) text += (headers ? 'Metrics\n' : '') + formatMetrics(info.metrics);
  return text;
}

/** 16 virtual LEDs or DIP switches, most significant first, in groups of four: `0000-0000-0010-0000`. */
export function formatSwitches(value: number): string {
  return value.toString(2).padStart(16, '0').replace(/(\d{4})(?=\d)/g, '$1-');
}

// One clkgen table: a title, the clock names as columns, and their MHz
// centred under them (the tool's %8.2f under 12-letter names, %7.2f under 11).
function clockTable(title: string, clocks: Record<string, number>): string {
  const names = Object.keys(clocks);
  const row = (cells: string[]) => `|${cells.join('|')}|\n`;
  return (
    `${title}\n` +
    row(names.map((name) => ` ${name} `)) +
    row(names.map((name) => '-'.repeat(name.length + 2))) +
    row(names.map((name) => `   ${clocks[name].toFixed(2).padStart(name.length - 4)}   `)) +
    '\n'
  );
}

/** fpga-describe-clkgen's tables. */
export function formatClocks({ a, b, c, hbm }: ClockFrequencies): string {
  return (
    clockTable('Clock Group A Frequency (Mhz)', { clk_extra_a1: a.a1, clk_extra_a2: a.a2, clk_extra_a3: a.a3 }) +
    clockTable('Clock Group B Frequency (Mhz)', { clk_extra_b0: b.b0, clk_extra_b1: b.b1 }) +
    clockTable('Clock Group C Frequency (Mhz)', { clk_extra_c0: c.c0, clk_extra_c1: c.c1 }) +
    clockTable('Clock Group HBM Frequency (Mhz)', { clk_hbm_axi: hbm.axi })
  );
}

/** A 32-bit register value as peek prints it. */
export function formatWord(value: number): string {
  return `0x${hex(value, 8)}\n`;
}

/** 32-bit words from `offset`, four to a line, each line led by its offset. */
export function formatDump(offset: number, words: Uint32Array): string {
  const lines: string[] = [];
  for (let i = 0; i < words.length; i += 4) {
    const row = Array.from(words.subarray(i, i + 4), (word) => hex(word, 8));
    lines.push(`0x${hex(offset + i * 4, 8)}: ${row.join(' ')}\n`);
  }
  return lines.join('');
}
