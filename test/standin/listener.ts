// One HTTP listener that remembers its sockets and timers, so close() really closes: hung
// requests, keep-alive connections and pending delays included. Tests must never leak handles.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { Socket } from 'node:net';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

export class Listener {
  private constructor(
    private readonly server: Server,
    private readonly sockets: Set<Socket>,
    readonly host: string,
    readonly port: number,
  ) {}

  static start(host: string, port: number, handler: RequestHandler): Promise<Listener> {
    const server = createServer(handler);
    // Node's default 5 s keep-alive would outlive a test's close(); sockets are destroyed anyway.
    server.keepAliveTimeout = 1000;
    const sockets = new Set<Socket>();
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    return new Promise((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      server.once('error', onError);
      server.listen(port, host, () => {
        server.off('error', onError);
        const address = server.address();
        const actualPort = typeof address === 'object' && address !== null ? address.port : port;
        resolve(new Listener(server, sockets, host, actualPort));
      });
    });
  }

  get url(): string {
    const host = this.host.includes(':') ? `[${this.host}]` : this.host;
    return `http://${host}:${this.port}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      for (const socket of this.sockets) socket.destroy();
    });
  }
}

/** Timers for slow and trickling answers; all cancelled at close. */
export class PendingTimers {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  get isClosed(): boolean {
    return this.closed;
  }

  /** Resolves after `ms`; never resolves once closed (the request is being torn down). */
  delay(ms: number): Promise<void> {
    return new Promise((resolve) => this.after(ms, resolve));
  }

  after(ms: number, callback: () => void): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      callback();
    }, ms);
    this.timers.add(timer);
  }

  closeAll(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
