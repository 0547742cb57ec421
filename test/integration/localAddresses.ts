// No vscode import: the unit tests use it too.
import { isLoopbackHost } from '../../src/auth/gateway/connectionSecurity';

/** Which addresses count as this computer: loopback ones, except host:port values treated as another computer. */
export class LocalAddresses {
  private remote = new Set<string>();

  readonly isLocal = (url: URL): boolean => !this.remote.has(url.host) && isLoopbackHost(url.hostname);

  /** Counts these host:port values as another computer (replacing the previous list), so tests never need a non-loopback address. */
  treatAsRemote(hosts: readonly string[]): void {
    this.remote = new Set(hosts);
  }
}
