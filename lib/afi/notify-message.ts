import { formatDuration, formatFields } from './cli-output';
import type { AfiDescription } from './description';
import { AfiWaitTimeoutError } from './errors';
import { formatS3Url } from './s3-location';

/** How a wait ended: the AFI's final description, or a time-out while it was still pending. */
export type AfiOutcome = AfiDescription | AfiWaitTimeoutError;

/** SNS takes subjects of printable ASCII, at most 100 characters. */
const SUBJECT_LENGTH = 100;

function asciiSubject(text: string): string {
  const printable = text.replace(/[^\x20-\x7e]/g, '?');
  return printable.length <= SUBJECT_LENGTH ? printable : `${printable.slice(0, SUBJECT_LENGTH - 3)}...`;
}

function describedNotice(afi: AfiDescription): { subject: string; message: string } {
  const headline = `AFI ${afi.afiId} is ${afi.state}`;
  const fields = formatFields([
    ['AFI ID', afi.afiId],
    ['AGFI ID', afi.agfiId],
    ['Name', afi.name],
    ['State', afi.state],
    ['Reason', afi.stateMessage],
    ['Logs', afi.logs === undefined ? undefined : formatS3Url(afi.logs.bucket, afi.logs.prefix)],
  ]);
  const next =
    afi.state === 'available'
      ? `Load it on an F2 instance with: sudo fpga-load-local-image -S 0 -I ${afi.agfiId}\n`
      : `The creation logs${afi.logs === undefined ? '' : ` under ${formatS3Url(afi.logs.bucket, afi.logs.prefix)}`} say why.\n`;
  return { subject: asciiSubject(`${headline}${afi.name === undefined ? '' : ` (${afi.name})`}`), message: `${headline}.\n\n${fields}\n${next}` };
}

/** The subject and text of the one message published for an outcome. */
export function formatAfiNotice(outcome: AfiOutcome): { subject: string; message: string } {
  if (outcome instanceof AfiWaitTimeoutError) {
    const headline = `AFI ${outcome.afiId} is still ${outcome.lastState ?? 'not described'}`;
    const waited = formatDuration(outcome.timeoutMs);
    return {
      subject: asciiSubject(headline),
      message: `${headline} after waiting ${waited} (H:MM:SS). Its creation goes on: wait again, or describe it later.\n`,
    };
  }
  return describedNotice(outcome);
}
