// The ceiling: a bare node:http server on 127.0.0.1, port 0, answering every request (after draining
// its body) with one fixed JSON body. Prints {"url": …} as one JSON line on stdout, then serves until killed.
import { createServer } from 'node:http';

const BODY = JSON.stringify([{ token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl', id: '00000000-0000-4000-8000-000000000000' }]);
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(BODY) });
    res.end(BODY);
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${address.port}` })}\n`);
});
