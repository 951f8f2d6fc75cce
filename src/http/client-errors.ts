// Answers for requests Node's HTTP parser refuses before any route sees them. By default Node
// writes a bare status line ("431 Request Header Fields Too Large", no body); an API client
// deserves the same JSON error shape as everywhere else, saying what was too large.
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

function answer(socket: Duplex, status: number, reason: string, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message, issues: [] } });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    if (error.code === 'HPE_HEADER_OVERFLOW') {
      answer(socket, 431, 'Request Header Fields Too Large', 'request_too_large', 'the request line and headers exceed 16 KB: send long filters in fewer, shorter parameters');
      return;
    }
    if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT' || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    answer(socket, 400, 'Bad Request', 'invalid_request', 'the request is not valid HTTP/1.1');
  });
}
