// A minimal HTTP/1.1 keep-alive client for the load generator: each connection writes a request's
// bytes (built once per distinct set of headers, then reused) and reads one response at a time, with
// just enough parsing for a status and a Content-Length body. node:http's client costs ~50–65 µs of
// CPU per request at 32 connections, a quarter of what the server spends on the same request; on 2
// cores shared by client and server, that CPU is taken from the server being measured. This client
// costs a fraction of that (its CPU per request is printed beside every row), so the figures say more
// about the server. It is for the bench's own requests only: no chunked bodies, no redirects.
import net from "node:net";

export type RawResponse = { status: number; body: Buffer };

const HEADER_END = Buffer.from("\r\n\r\n");

/** The request's bytes for these headers (cached per headers object: the signer reuses it for seconds). */
const requestBytes = new WeakMap<Record<string, string>, Map<Buffer, Buffer>>();

export function rawRequest(path: string, headers: Record<string, string>, body: Buffer): Buffer {
  let byBody = requestBytes.get(headers);
  if (!byBody) requestBytes.set(headers, (byBody = new Map()));
  let bytes = byBody.get(body);
  if (!bytes) {
    let head = `POST ${path} HTTP/1.1\r\nconnection: keep-alive\r\n`;
    // HTTP/1.1 requires a Host header (node:http's client adds one; its server refuses a request without).
    if (!Object.keys(headers).some((name) => name.toLowerCase() === "host")) head += "host: 127.0.0.1\r\n";
    for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
    bytes = Buffer.concat([Buffer.from(`${head}\r\n`, "latin1"), body]);
    byBody.set(body, bytes);
  }
  return bytes;
}

/** One keep-alive connection with one request in flight at a time. */
export class RawHttpConnection {
  private socket?: net.Socket;
  private buffered: Buffer = Buffer.alloc(0);
  private waiting?: { resolve: (r: RawResponse) => void; reject: (e: Error) => void };

  constructor(
    private readonly port: number,
    private readonly localAddress?: string,
  ) {}

  request(bytes: Buffer): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.connected().write(bytes);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = undefined;
  }

  private connected(): net.Socket {
    if (this.socket && !this.socket.destroyed) return this.socket;
    const socket = net.connect({ port: this.port, host: "127.0.0.1", localAddress: this.localAddress, noDelay: true });
    this.buffered = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    const fail = (e: Error) => {
      const w = this.waiting;
      this.waiting = undefined;
      if (this.socket === socket) this.socket = undefined;
      w?.reject(e);
    };
    socket.on("error", fail);
    socket.on("close", () => fail(new Error("connection closed")));
    this.socket = socket;
    return socket;
  }

  private onData(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const end = this.buffered.indexOf(HEADER_END);
    if (end < 0) return;
    const head = this.buffered.toString("latin1", 0, end);
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!length) return this.fail(new Error(`response without Content-Length: ${head.split("\r\n", 1)[0]}`));
    const bodyStart = end + HEADER_END.length;
    const bodyEnd = bodyStart + Number(length[1]);
    if (this.buffered.length < bodyEnd) return;
    const response = { status: Number(head.slice(9, 12)), body: this.buffered.subarray(bodyStart, bodyEnd) };
    this.buffered = this.buffered.subarray(bodyEnd);
    if (/\r\nconnection:\s*close/i.test(head)) this.close();
    const w = this.waiting;
    this.waiting = undefined;
    w?.resolve(response);
  }

  private fail(e: Error): void {
    const w = this.waiting;
    this.waiting = undefined;
    this.close();
    w?.reject(e);
  }
}
