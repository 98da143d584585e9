// Our mock's answers without the mock: a bare node:http server on 127.0.0.1, port 0, that replays the status,
// headers (same names, order and values) and body our mock sent for each benchmarked route, after draining the
// request body the way the mock does. It separates the cost of the response's shape (WordPress headers, body
// size) from the cost of the mock's logic. argv[2]: JSON file of [{ method, path, status, headers, body }].
// Prints {"url": …} as one JSON line on stdout, then serves until killed.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const answers = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    Buffer.concat(chunks);
    const path = (req.url ?? '/').split('?')[0];
    const answer = answers.find((a) => a.method === req.method && a.path === path);
    if (answer === undefined) {
      res.statusCode = 404;
      res.end();
      return;
    }
    res.statusCode = answer.status;
    for (const [name, value] of answer.headers) res.setHeader(name, value);
    res.end(answer.body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${address.port}` })}\n`);
});
