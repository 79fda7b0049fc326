// The virtual LED and DIP switch subcommands, after fpga-get-virtual-led,
// fpga-get-virtual-dip-switch and fpga-set-virtual-dip-switch. Switches are
// written as the tools write them: 16 digits, the first for switch 15.
import { slotArgument, switchesArgument } from './arguments';
import { deviceCommand, type CommandOutput } from './command';
import { formatSwitches } from './format';
import { slotOption } from './options';

function switchesOutput(slot: number, title: string, value: number): CommandOutput {
  const bits = formatSwitches(value);
  return { text: `${title}\n${bits}\n`, json: { slot, value, bits: bits.replace(/-/g, '') } };
}

export const getVirtualLed = deviceCommand({
  name: 'get-virtual-led',
  summary: 'Show the 16 virtual LEDs the design in a slot drives',
  options: slotOption,
  async action(values, _positionals, { io, openSlot }) {
    const id = slotArgument(values['fpga-image-slot']);
    const slot = openSlot(id);
    const value = await slot.vled({ signal: io.signal });
    return switchesOutput(id, `FPGA slot id ${id} have the following Virtual LED:`, value);
  },
});

export const getVirtualDipSwitch = deviceCommand({
  name: 'get-virtual-dip-switch',
  summary: 'Show the 16 virtual DIP switches of a slot',
  options: slotOption,
  async action(values, _positionals, { io, openSlot }) {
    const id = slotArgument(values['fpga-image-slot']);
    const slot = openSlot(id);
    const value = await slot.vdip({ signal: io.signal });
    return switchesOutput(id, `FPGA slot id ${id} has the following Virtual DIP Switches:`, value);
  },
});

export const setVirtualDipSwitch = deviceCommand({
  name: 'set-virtual-dip-switch',
  summary: 'Set the 16 virtual DIP switches of a slot',
  options: {
    ...slotOption,
    'virtual-dip': {
      type: 'string',
      short: 'D',
      required: true,
      valueName: 'bits',
      description: '16 digits of 0 and 1, the first for switch 15 (0000000000100000 sets switch 5)',
    },
  },
  async action(values, _positionals, { io, openSlot }) {
    const id = slotArgument(values['fpga-image-slot']);
    const value = switchesArgument(values['virtual-dip']);
    const slot = openSlot(id);
    await slot.setVdip(value, { signal: io.signal });
    return { text: '', json: { slot: id, value, bits: values['virtual-dip'] } };
  },
});

export const switchCommands = [getVirtualLed, getVirtualDipSwitch, setVirtualDipSwitch];
