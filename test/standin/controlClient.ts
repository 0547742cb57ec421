// A typed client for the stand-in's control API (<plexTvUrl>/__standin/), for tests running in
// another process than the stand-in, such as the VS Code extension host. Uses only node:http.
import { request } from 'node:http';
import type {
  StandInClaimTokenInfo,
  StandInDeviceInfo,
  StandInFaultRule,
  StandInHomeUserInfo,
  StandInLinkCode,
  StandInLogEntry,
  StandInState,
} from './types';
import { StandInJwtControl } from './jwt/controlClient';

export class StandInControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'StandInControlError';
  }
}

export class StandInControl {
  private readonly base: URL;
  /** clients.plex.tv's controls (JWT device authentication). */
  readonly jwt: StandInJwtControl;

  /** `plexTvUrl` as the stand-in reports it, e.g. http://127.0.0.1:40123 */
  constructor(plexTvUrl: string) {
    this.base = new URL('/__standin/', plexTvUrl);
    this.jwt = new StandInJwtControl(<T>(method: string, path: string, body?: unknown) => this.call<T>(method, path, body));
  }

  state(): Promise<StandInState> {
    return this.call<StandInState>('GET', 'state');
  }

  log(): Promise<StandInLogEntry[]> {
    return this.call<StandInLogEntry[]>('GET', 'log');
  }

  async clearLog(): Promise<void> {
    await this.call('DELETE', 'log');
  }

  async addFault(rule: StandInFaultRule): Promise<void> {
    await this.call('POST', 'faults', rule);
  }

  async clearFaults(): Promise<void> {
    await this.call('DELETE', 'faults');
  }

  /** The active fault rules, with `times` showing the uses left. */
  faults(): Promise<StandInFaultRule[]> {
    return this.call<StandInFaultRule[]>('GET', 'faults');
  }

  async issueToken(username: string): Promise<string> {
    const { token } = await this.call<{ token: string }>('POST', 'tokens', { username });
    return token;
  }

  async revokeToken(token: string): Promise<void> {
    await this.call('POST', 'tokens/revoke', { token });
  }

  /** Approves a pending PIN, by id or by code, for `username`. */
  async approvePin(pin: { pinId: number } | { code: string }, username: string): Promise<void> {
    await this.call('POST', 'pins/approve', { ...pin, username });
  }

  async setPinAutoApproval(afterPolls: number, username: string): Promise<void> {
    await this.call('POST', 'pins/auto-approve', { afterPolls, username });
  }

  async restartServer(clientIdentifier: string): Promise<void> {
    await this.call('POST', `servers/${encodeURIComponent(clientIdentifier)}/restart`);
  }

  /** How long connection `index` (in the seed's order) of the server waits before answering; see StandIn.setConnectionDelay. */
  async setConnectionDelay(clientIdentifier: string, index: number, delayMs: number): Promise<void> {
    await this.call('POST', `servers/${encodeURIComponent(clientIdentifier)}/connections/${index}/delay`, { delayMs });
  }

  /** Puts the stand-in back in the state it started in (see StandIn.reset); log and violations stay. */
  async reset(): Promise<void> {
    await this.call('POST', 'reset');
  }

  violations(): Promise<string[]> {
    return this.call<string[]>('GET', 'violations');
  }

  /** See StandIn.clearViolations. */
  async clearViolations(): Promise<void> {
    await this.call('DELETE', 'violations');
  }

  issuedTokens(): Promise<string[]> {
    return this.call<string[]>('GET', 'issued-tokens');
  }

  // Account tools: see StandInAccountToolsApi in accountToolsTypes.ts.

  homeUsers(admin: string): Promise<StandInHomeUserInfo[]> {
    return this.call<StandInHomeUserInfo[]>('POST', 'home/users', { admin });
  }

  async removeHomeUser(admin: string, title: string): Promise<void> {
    await this.call('POST', 'home/users/remove', { admin, title });
  }

  devices(username: string): Promise<StandInDeviceInfo[]> {
    return this.call<StandInDeviceInfo[]>('POST', 'devices', { username });
  }

  deviceTokens(): Promise<string[]> {
    return this.call<string[]>('GET', 'device-tokens');
  }

  createLinkCode(options: { clientIdentifier?: string; product?: string } = {}): Promise<StandInLinkCode> {
    return this.call<StandInLinkCode>('POST', 'link-codes', options);
  }

  async expireLinkCode(code: string): Promise<void> {
    await this.call('POST', 'link-codes/expire', { code });
  }

  claimTokens(): Promise<StandInClaimTokenInfo[]> {
    return this.call<StandInClaimTokenInfo[]>('GET', 'claim-tokens');
  }

  async setClaimTokenLifetime(seconds: number): Promise<void> {
    await this.call('POST', 'claim-tokens/lifetime', { seconds });
  }

  async expireClaimTokens(): Promise<void> {
    await this.call('POST', 'claim-tokens/expire');
  }

  webhooks(username: string): Promise<string[]> {
    return this.call<string[]>('POST', 'webhooks', { username });
  }

  setWebhooks(username: string, urls: string[]): Promise<string[]> {
    return this.call<string[]>('POST', 'webhooks/set', { username, urls });
  }

  private call<T = undefined>(method: string, path: string, body?: unknown): Promise<T> {
    const url = new URL(path, this.base);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise<T>((resolve, reject) => {
      const req = request(
        url,
        {
          method,
          headers: payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
          timeout: 10_000,
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
          });
          res.on('error', reject);
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            if (status < 200 || status >= 300) {
              reject(new StandInControlError(status, `stand-in control ${method} ${path}: ${status} ${text}`));
              return;
            }
            try {
              resolve((text === '' ? undefined : JSON.parse(text)) as T);
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`stand-in control ${method} ${path}: timed out`)));
      req.on('error', reject);
      req.end(payload);
    });
  }
}
