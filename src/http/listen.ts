// Starts an HTTP server listening, turning the usual start-up failures (a port in use, a port
// this user may not open, an address this machine does not have) into one sentence that says
// which port and what to do, instead of a raw EADDRINUSE stack.
import type { Server } from 'node:http';
import { AppError, ErrorCode } from '../errors';

/** Why a listen failed, in words; `undefined` for errors we have nothing better to say about. */
export function listenErrorMessage(error: NodeJS.ErrnoException, port: number, host: string): string | undefined {
  const where = `port ${port}${host && host !== '0.0.0.0' && host !== '::' ? ` on ${host}` : ''}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return `${where} is already in use (another copy of the app, the demo, or another program): stop it, or pick another port with PORT, e.g. PORT=${port === 65535 ? 3001 : port + 1}`;
    case 'EACCES':
      return `not allowed to listen on ${where} (ports below 1024 need privileges): pick another port with PORT, e.g. PORT=3000`;
    case 'EADDRNOTAVAIL':
      return `HOST ${host} is not an address of this machine: use 0.0.0.0 (every interface) or 127.0.0.1 (this machine only)`;
    default:
      return undefined;
  }
}

export async function listen(server: Server, port: number, host: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const message = listenErrorMessage(error, port, host);
      reject(message ? new AppError(ErrorCode.ListenFailed, message, { cause: error }) : error);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}
