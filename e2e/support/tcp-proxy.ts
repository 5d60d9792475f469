// A TCP proxy that a test starts and stops to cut a server off for real: stop() closes the listening
// socket AND destroys every open connection, so keep-alive sockets of the client cannot outlive it.
import net from "node:net";

export type TcpProxy = { stop: () => Promise<void> };

export async function startTcpProxy({ port, target }: { port: number; target: { host: string; port: number } }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(target);
    track(client);
    track(upstream);
    client.pipe(upstream).pipe(client);
    // Either side failing ends both: the client sees a reset, as from a dead backend.
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
