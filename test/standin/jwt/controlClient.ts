// `StandInControl.jwt`: the JWT controls over the control API, for tests in another process.
import type { StandInJwtFlaw, StandInJwtState } from './types';

export type ControlCall = <T>(method: string, path: string, body?: unknown) => Promise<T>;

export class StandInJwtControl {
  constructor(private readonly call: ControlCall) {}

  state(): Promise<StandInJwtState> {
    return this.call<StandInJwtState>('GET', 'jwt/state');
  }

  async addFlaw(flaw: StandInJwtFlaw, times?: number): Promise<void> {
    await this.call('POST', 'jwt/flaws', { flaw, times });
  }

  async setServersRefuseJwt(refuse: boolean, server?: string): Promise<void> {
    await this.call('POST', 'jwt/servers-refuse', { refuse, server });
  }

  async setRevokesClassicTokens(on: boolean): Promise<void> {
    await this.call('POST', 'jwt/revokes-classic-tokens', { on });
  }

  async advanceClock(ms: number): Promise<void> {
    await this.call('POST', 'jwt/clock/advance', { ms });
  }

  async rotateSigningKey(): Promise<void> {
    await this.call('POST', 'jwt/rotate-key');
  }

  async revokeDevice(clientIdentifier: string): Promise<void> {
    await this.call('POST', 'jwt/revoke-device', { clientIdentifier });
  }

  async reset(): Promise<void> {
    await this.call('POST', 'jwt/reset');
  }

  deviceJwts(): Promise<string[]> {
    return this.call<string[]>('GET', 'jwt/device-jwts');
  }

  plexJwts(): Promise<string[]> {
    return this.call<string[]>('GET', 'jwt/plex-jwts');
  }
}
