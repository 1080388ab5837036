/**
 * A TCP server on 127.0.0.1 that accepts connections and never answers: a stand-in for a blackholed or
 * hung endpoint (the OpenID metadata of Bot Framework in the signing-key tests).
 */
import { createServer, type Socket } from 'node:net';

/** The running blackhole. */
export interface Blackhole {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** Connections accepted so far. */
  connections(): number;
  /** Connections still open now. */
  openConnections(): number;
  close(): Promise<void>;
}

export async function startBlackhole(): Promise<Blackhole> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createServer((socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    // Read and drop whatever arrives; never write a byte back.
    socket.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    connections: () => accepted,
    openConnections: () => sockets.size,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
