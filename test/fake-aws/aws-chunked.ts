const CRLF = Buffer.from('\r\n');

export interface DecodedChunks {
  readonly payload: Buffer;
  readonly trailers: Readonly<Record<string, string>>;
}

/**
 * Decodes an `aws-chunked` body, which the SDK sends for streamed uploads:
 * `<hex size>[;chunk-signature=…]\r\n<bytes>\r\n` … `0\r\n<trailer lines>\r\n\r\n`.
 */
export function decodeAwsChunked(body: Buffer): DecodedChunks {
  const chunks: Buffer[] = [];
  let offset = 0;
  const readLine = (): string => {
    const end = body.indexOf(CRLF, offset);
    if (end < 0) throw new Error('truncated aws-chunked body');
    const line = body.subarray(offset, end).toString('latin1');
    offset = end + CRLF.length;
    return line;
  };
  for (;;) {
    const size = Number.parseInt(readLine().split(';')[0], 16);
    if (Number.isNaN(size)) throw new Error('malformed aws-chunked chunk size');
    if (size === 0) break;
    chunks.push(body.subarray(offset, offset + size));
    offset += size + CRLF.length;
  }
  const trailers: Record<string, string> = {};
  for (let line = readLine(); line !== ''; line = readLine()) {
    const colon = line.indexOf(':');
    trailers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { payload: Buffer.concat(chunks), trailers };
}
