// The load test's floor: a Node HTTP server that reads and parses the same
// request body and answers the same JSON, with no device and no workers.
import { createServer } from 'http';
import type { AddressInfo } from 'net';

const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk));
  req.on('end', () => {
    const { features } = JSON.parse(body) as { features: number[] };
    const text = JSON.stringify({ beat: features[0] > 0, probability: 0.5 });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  });
});
server.listen(0, '127.0.0.1', () => console.log(`Serving on http://127.0.0.1:${(server.address() as AddressInfo).port} (floor)`));
process.once('SIGTERM', () => server.close());
