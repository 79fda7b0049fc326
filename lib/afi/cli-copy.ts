import { AFI_EXIT_CODES, defineCommand, resolveAfiId } from './cli-define';
import { formatFields, formatJson } from './cli-output';
import { copyAfi } from './copy';
import { agfiIdFor } from './pairing';

export const copyAfiCommand = defineCommand({
  name: 'copy-afi',
  summary: 'Copy an AFI from another region into --region: a new AFI id there, the same AGFI id',
  options: {
    'source-afi-id': { type: 'string', required: true, valueName: 'id', description: 'AFI id (afi-…) in the source region, or its AGFI id (agfi-…)' },
    'source-region': { type: 'string', required: true, valueName: 'region', description: 'Region the AFI is copied from' },
    name: { type: 'string', valueName: 'name', description: "Name of the copy (default: the source's)" },
    description: { type: 'string', valueName: 'text', description: 'Description of the copy' },
    'client-token': { type: 'string', valueName: 'token', description: 'Idempotency token, to retry a copy safely' },
  },
  async run(values, io, aws) {
    const sourceRegion = values['source-region'];
    const source = { ...aws, region: sourceRegion, ec2Client: undefined };
    const sourceAfiId = await resolveAfiId(values['source-afi-id'], source);
    // Described in the source region: it must exist there, and its AGFI id is the copy's.
    const agfiId = await agfiIdFor(sourceAfiId, source);
    const { afiId } = await copyAfi({
      ...aws,
      sourceAfiId,
      sourceRegion,
      name: values.name,
      description: values.description,
      clientToken: values['client-token'],
    });
    const copied = { afiId, agfiId, sourceAfiId, sourceRegion };
    io.stdout.write(
      values.json
        ? formatJson(copied)
        : formatFields([
            ['AFI ID', afiId],
            ['AGFI ID', agfiId],
            ['Copied from', `${sourceAfiId} in ${sourceRegion}`],
          ]),
    );
    return AFI_EXIT_CODES.ok;
  },
});
