// Starting one of the lab's TCP-based servers (LDAP, HTTPS) on an address: resolves with the port it got, rejects
// with the listen error (EADDRINUSE, EADDRNOTAVAIL) instead of letting it surface as an unhandled 'error' event.
import type { Server } from 'node:net';

/** Port 0 picks a free port; the promise gives the port actually bound. */
export function listenOn(server: Server, address: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host: address }, () => {
      server.removeListener('error', reject);
      const bound = server.address();
      resolve(typeof bound === 'object' && bound ? bound.port : port);
    });
  });
}
