// Which addresses may carry a Plex token without asking: https anywhere, plain http only to this
// computer. No vscode import: the unit tests check it directly.

/** 127.0.0.0/8, ::1 (also IPv4-mapped loopback) and "localhost", as URL.hostname spells them. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  if (host === 'localhost' || host === '::1') {
    return true;
  }
  // URL writes ::ffff:127.0.0.1 as ::ffff:7f00:1.
  if (/^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host)) {
    return true;
  }
  const octets = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return octets !== null && octets[1] === '127' && octets.slice(2).every((octet) => Number(octet) <= 255);
}

export class ConnectionSecurity {
  constructor(
    /** The address is this computer, so plain http to it never leaves it. */
    readonly isLocal: (url: URL) => boolean = (url) => isLoopbackHost(url.hostname),
  ) {}

  /** A token may go to `uri` without asking: https, or http to this computer. */
  isSecure(uri: string): boolean {
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      return false;
    }
    return url.protocol === 'https:' || (url.protocol === 'http:' && this.isLocal(url));
  }

  /** Secure connections first, each group in the given order (the service layer ranked them). */
  preferSecure(uris: readonly string[]): string[] {
    return [...uris.filter((uri) => this.isSecure(uri)), ...uris.filter((uri) => !this.isSecure(uri))];
  }
}
