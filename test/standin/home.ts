// Plex Home in the stand-in: who is in whose Home, switching (with PINs), the account and
// resources answers as a Home user sees them, and removing a user. A switched-to user is an
// AccountRecord of its own, so every route that takes a token answers as that user.
import { createHash } from 'node:crypto';
import { type AccountRecord, accountTitle, userPlexAccountBody } from './accounts';
import type { StandInHomeMemberSeed, StandInHomeUserInfo, StandInHomeUserKind } from './accountToolsTypes';
import type { JsonObject } from './json';
import { type ConnectionFilter, resourcesBody } from './resources';
import { newAccountToken } from './tokens';
import type { ServerRecord, StandInWorld } from './world';

export interface HomeUserRecord {
  account: AccountRecord;
  kind: StandInHomeUserKind;
  pin?: string;
  restrictionProfile?: string;
  removed: boolean;
}

export interface HomeRecord {
  id: number;
  name: string;
  admin: AccountRecord;
  users: HomeUserRecord[];
  guestEnabled: boolean;
}

export const PIN_REQUIRED = 'A valid PIN is required to perform this action';

function memberAccount(admin: AccountRecord, seed: StandInHomeMemberSeed, index: number): AccountRecord {
  const uuid = createHash('sha256').update(`standin-home:${admin.seed.username}:${seed.title}`).digest('hex').slice(0, 16);
  return {
    seed: { username: seed.username ?? '', email: seed.email ?? '', password: '', title: seed.title },
    id: admin.id * 10 + 1 + index,
    uuid,
    joinedAt: admin.joinedAt + (index + 1) * 86400,
    rememberExpiresAt: admin.rememberExpiresAt,
  };
}

export class HomeBook {
  private readonly homes: HomeRecord[];
  /** A Home user's access token for one of the admin's servers, as /resources lists it. */
  private readonly serverAccess = new Map<string, { server: ServerRecord; user: HomeUserRecord }>();

  constructor(private readonly world: StandInWorld) {
    this.homes = world.accounts
      .filter((account) => account.seed.home !== undefined)
      .map((admin, index) => {
        const seed = admin.seed.home ?? { members: [] };
        const users: HomeUserRecord[] = [
          { account: admin, kind: 'administrator', removed: false, ...(seed.adminPin === undefined ? {} : { pin: seed.adminPin }) },
          ...seed.members.map((member, memberIndex) => ({
            account: memberAccount(admin, member, memberIndex),
            kind: member.kind,
            removed: false,
            ...(member.pin === undefined ? {} : { pin: member.pin }),
            ...(member.restrictionProfile === undefined ? {} : { restrictionProfile: member.restrictionProfile }),
          })),
        ];
        return {
          id: 1841489 + index,
          name: seed.name ?? `${accountTitle(admin.seed)}'s Home`,
          admin,
          users,
          guestEnabled: users.some((user) => user.kind === 'guest'),
        };
      });
  }

  /** The Home `account` belongs to (as a user still in it), with its user record. */
  membership(account: AccountRecord): { home: HomeRecord; user: HomeUserRecord } | undefined {
    for (const home of this.homes) {
      const user = home.users.find((candidate) => candidate.account === account && !candidate.removed);
      if (user !== undefined) return { home, user };
    }
    return undefined;
  }

  requireHome(adminUsername: string): HomeRecord | undefined {
    const admin = this.world.requireAccount(adminUsername);
    return this.homes.find((home) => home.admin === admin);
  }

  info(adminUsername: string): StandInHomeUserInfo[] {
    const home = this.requireHome(adminUsername);
    return (home?.users ?? [])
      .filter((user) => !user.removed)
      .map((user) => ({
        id: user.account.id,
        uuid: user.account.uuid,
        title: accountTitle(user.account.seed),
        kind: user.kind,
        ...(user.pin === undefined ? {} : { pin: user.pin }),
      }));
  }

  /** Every removed user back in its Home (their revoked tokens stay revoked). */
  reset(): void {
    for (const home of this.homes) for (const user of home.users) user.removed = false;
  }

  /** Gone from the list, not switchable, and every token of it refused from now on. */
  remove(adminUsername: string, title: string): void {
    const home = this.requireHome(adminUsername);
    const user = home?.users.find((candidate) => !candidate.removed && accountTitle(candidate.account.seed) === title);
    if (user === undefined) throw new Error(`no Home user "${title}" in ${adminUsername}'s Home`);
    if (user.kind === 'administrator') throw new Error('the administrator cannot be removed from the Home');
    user.removed = true;
    this.world.revokeAccountTokens(user.account);
    for (const [token, access] of this.serverAccess) if (access.user === user) this.serverAccess.delete(token);
  }

  findUser(home: HomeRecord, uuid: string): HomeUserRecord | undefined {
    return home.users.find((user) => !user.removed && user.account.uuid === uuid);
  }

  /** GET /api/v2/home/users as plex.tv's v2 JSON (PlexKit, dart_plex field names). */
  usersBody(home: HomeRecord): JsonObject {
    const guest = home.users.find((user) => user.kind === 'guest' && !user.removed);
    return {
      id: home.id,
      name: home.name,
      guestUserID: guest?.account.id ?? null,
      guestUserUUID: guest?.account.uuid ?? null,
      guestEnabled: guest !== undefined,
      subscription: home.admin.seed.plexPass === true,
      users: home.users.filter((user) => !user.removed).map((user) => this.userEntry(user)),
    };
  }

  private userEntry(user: HomeUserRecord): JsonObject {
    const { account } = user;
    return {
      id: account.id,
      uuid: account.uuid,
      title: accountTitle(account.seed),
      username: account.seed.username,
      email: account.seed.email,
      friendlyName: account.seed.username === '' ? '' : accountTitle(account.seed),
      thumb: `https://plex.tv/users/${account.uuid}/avatar?c=1721154902`,
      hasPassword: user.kind === 'administrator' || user.kind === 'member',
      restricted: user.kind === 'managed',
      restrictionProfile: user.restrictionProfile ?? null,
      updatedAt: account.joinedAt,
      admin: user.kind === 'administrator',
      guest: user.kind === 'guest',
      protected: user.pin !== undefined,
    };
  }

  /** The UserPlexAccount of `account`, with the Home fields filled in for Home users. */
  accountBody(account: AccountRecord, authToken: string): JsonObject {
    const body = userPlexAccountBody(account, authToken);
    const membership = this.membership(account);
    if (membership === undefined) return body;
    const { home, user } = membership;
    return {
      ...body,
      home: true,
      homeAdmin: user.kind === 'administrator',
      homeSize: home.users.filter((candidate) => !candidate.removed).length,
      guest: user.kind === 'guest',
      restricted: user.kind === 'managed',
      protected: user.pin !== undefined,
      hasPassword: user.kind === 'administrator' || user.kind === 'member',
      // Managed users and the guest have no login of their own; rememberExpiresAt stays the
      // token's expiry, an integer, as the specs require of every account answer.
      ...(user.kind === 'managed' || user.kind === 'guest' ? { twoFactorEnabled: false } : {}),
    };
  }

  /** A Home user other than the admin sees the admin's servers as shared ones, with an access token of its own. */
  resourcesBody(account: AccountRecord, token: string, filter: ConnectionFilter): JsonObject[] {
    const membership = this.membership(account);
    if (membership === undefined || membership.user.kind === 'administrator') {
      return resourcesBody(this.world, account, token, filter);
    }
    const { home, user } = membership;
    const adminServers = this.world.servers.filter((server) => server.owner === home.admin);
    return resourcesBody(this.world, home.admin, '', filter)
      .filter((device) => String(device.provides).split(',').includes('server'))
      .map((device) => {
        const server = adminServers.find((candidate) => candidate.seed.clientIdentifier === device.clientIdentifier);
        return {
          ...device,
          owned: false,
          home: true,
          ownerId: home.admin.id,
          sourceTitle: accountTitle(home.admin.seed),
          accessToken: server === undefined ? null : this.accessTokenFor(user, server),
        };
      });
  }

  /** Whether a PMS accepts `token` as a Home user's: its access token, or the Home user's own token. */
  grantsServerAccess(server: ServerRecord, token: string, tokenAccount: AccountRecord | undefined): boolean {
    const access = this.serverAccess.get(token);
    if (access !== undefined) return access.server === server && !access.user.removed;
    if (tokenAccount === undefined) return false;
    const membership = this.membership(tokenAccount);
    return membership !== undefined && membership.home.admin === server.owner;
  }

  private accessTokenFor(user: HomeUserRecord, server: ServerRecord): string {
    for (const [token, access] of this.serverAccess) if (access.user === user && access.server === server) return token;
    const token = this.world.recordIssuedToken(newAccountToken());
    this.serverAccess.set(token, { server, user });
    return token;
  }
}
