// The DC locator's SRV lookup (src/collectors/ldap/locate.ts) against a loopback DNS server that writes the SRV
// target as a compression pointer, which RFC 2782 forbids but a server with a compressing writer sends anyway.
// Node 20's c-ares reads it; Node 24's rejects it (EBADRESP) and the lookup asks again through dns2.
// .ci/run runs this file on both. Every address is on 127.0.0.0/8.
import { createSocket, type Socket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { type SrvAnswer, systemSrvLookup } from '../../src/collectors/ldap/locate.js';
import { COMPRESSED_SRV_RESPONSE } from '../support/compressed-srv-response.js';

const LOCATOR = '_ldap._tcp.dc._msdcs.contoso.test';
// What COMPRESSED_SRV_RESPONSE holds.
const EXPECTED = [
  { name: '127.0.0.1', port: 1, priority: 0, weight: 100 },
  { name: '127.0.0.1', port: 2, priority: 10, weight: 100 },
];

let server: Socket | null = null;

/** A UDP server on 127.0.0.62 that answers `times` queries with `response`, under the query's own ID. */
async function answeringWith(response: Buffer, times = Infinity): Promise<string> {
  const socket = createSocket('udp4');
  server = socket;
  let answered = 0;
  socket.on('message', (query, peer) => {
    if (answered++ >= times) return;
    const reply = Buffer.from(response);
    query.copy(reply, 0, 0, 2);
    socket.send(reply, peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.62', resolve));
  return `127.0.0.62:${socket.address().port}`;
}

afterEach(() => {
  server?.close();
  server = null;
});

describe('DC locator SRV lookup', () => {
  it('reads an SRV target written as a compression pointer, on every Node version', async () => {
    const resolver = await answeringWith(COMPRESSED_SRV_RESPONSE);
    expect(sorted(await systemSrvLookup(2000, [resolver])(LOCATOR))).toEqual(EXPECTED);
  });

  it("keeps the resolver's own outcome when dns2 gets no answer either", async () => {
    // Only the first query is answered: Node 20's c-ares reads it; Node 24's rejects it, and then dns2's question goes
    // unanswered. Either way the caller sees the resolver's outcome, never the second try's timeout.
    const resolver = await answeringWith(COMPRESSED_SRV_RESPONSE, 1);
    const outcome = await systemSrvLookup(500, [resolver])(LOCATOR).then(
      (answers) => ({ answers: sorted(answers) }),
      (error: { code?: string }) => ({ code: error.code }),
    );
    expect([{ answers: EXPECTED }, { code: 'EBADRESP' }]).toContainEqual(outcome);
  });
});

function sorted(answers: readonly SrvAnswer[]): SrvAnswer[] {
  return answers.map((answer) => ({ ...answer, name: answer.name.replace(/\.$/, '') })).sort((a, b) => a.port - b.port);
}
