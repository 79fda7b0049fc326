import { randomUUID } from 'node:crypto';
import type { FakeResponse } from './http';
import { element, textElement, XML_DECLARATION } from './xml';

/** An EC2 error as the query protocol returns it: status, code and message. */
export class Ec2Error extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }

  toResponse(): FakeResponse {
    const errors = element('Errors', element('Error', textElement('Code', this.code), textElement('Message', this.message)));
    return {
      status: this.status,
      headers: { 'content-type': 'text/xml;charset=UTF-8' },
      body: XML_DECLARATION + element('Response', errors, textElement('RequestID', randomUUID())),
    };
  }
}

export function afiNotFound(afiId: string): Ec2Error {
  return new Ec2Error(400, 'InvalidFpgaImageID.NotFound', `Image ID '${afiId}' not found.`);
}
