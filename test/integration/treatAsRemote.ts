// No vscode import: the unit tests use it too.
import { isLoopbackHost, type ConnectionSecurity } from '../../src/servers/connectionSecurity';

/** Counts these host:port values as another computer; the rest keeps the loopback rule. */
export function treatAsRemote(security: ConnectionSecurity, hosts: readonly string[]): void {
  const remote = new Set(hosts);
  security.isLocal = (url) => !remote.has(url.host) && isLoopbackHost(url.hostname);
}
