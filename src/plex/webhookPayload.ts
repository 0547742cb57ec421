// The JSON a Plex Media Server posts to a webhook (the `payload` part), for a test event: the
// fields Plex's article and the telegraf plugin list, filled from the account and its first
// server, with a sample movie. Built from an allow-list of fields: never a token or an email.

export const WEBHOOK_EVENTS = [
  'media.play',
  'media.pause',
  'media.resume',
  'media.stop',
  'media.scrobble',
  'media.rate',
  'library.new',
  'library.on.deck',
  'admin.database.backup',
  'admin.database.corrupted',
  'device.new',
  'playback.started',
] as const;

export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export function isWebhookEvent(value: unknown): value is WebhookEvent {
  return typeof value === 'string' && (WEBHOOK_EVENTS as readonly string[]).includes(value);
}

/** What a test event is filled from: only these fields are read. */
export interface WebhookEventSource {
  account: { id: number; title: string; thumb?: string };
  /** The account's first server, when plex.tv listed one. */
  server?: { name: string; clientIdentifier: string };
  /** This VS Code as the player. */
  player: { title: string; uuid: string };
}

export interface WebhookPayload {
  event: WebhookEvent;
  user: boolean;
  owner: boolean;
  Account: { id: number; thumb: string; title: string };
  Server: { title: string; uuid: string };
  Player?: { local: boolean; publicAddress: string; title: string; uuid: string };
  Metadata?: Record<string, string | number>;
  rating?: number;
}

/** A sample item, shaped as a PMS describes a movie (ratingKey, guid, thumb and art as it sends them). */
const SAMPLE_MOVIE: Record<string, string | number> = {
  librarySectionType: 'movie',
  ratingKey: '1936',
  key: '/library/metadata/1936',
  guid: 'plex://movie/5d7768ba96b655001fdc0408',
  studio: 'Blender Foundation',
  type: 'movie',
  title: 'Big Buck Bunny',
  librarySectionTitle: 'Movies',
  librarySectionID: 1,
  librarySectionKey: '/library/sections/1',
  contentRating: 'G',
  summary: 'A giant rabbit takes revenge on three bullying rodents. (A sample item sent by Plex for VS Code.)',
  rating: 6.5,
  year: 2008,
  tagline: 'A sample webhook event',
  thumb: '/library/metadata/1936/thumb/1700000000',
  art: '/library/metadata/1936/art/1700000000',
  duration: 596000,
  originallyAvailableAt: '2008-04-10',
  addedAt: 1700000000,
  updatedAt: 1700000000,
};

/** Which parts an event carries: media and library events name an item; admin events none, nor a player. */
function parts(event: WebhookEvent): { player: boolean; metadata: boolean } {
  if (event.startsWith('admin.')) {
    return { player: false, metadata: false };
  }
  if (event === 'device.new') {
    return { player: true, metadata: false };
  }
  return { player: !event.startsWith('library.'), metadata: true };
}

export function webhookPayload(event: WebhookEvent, source: WebhookEventSource): WebhookPayload {
  const { player, metadata } = parts(event);
  const payload: WebhookPayload = {
    event,
    user: true,
    owner: source.server !== undefined,
    Account: { id: source.account.id, thumb: source.account.thumb ?? '', title: source.account.title },
    Server: source.server
      ? { title: source.server.name, uuid: source.server.clientIdentifier }
      : { title: 'Sample Server', uuid: '0000000000000000000000000000000000000000' },
  };
  if (player) {
    payload.Player = { local: true, publicAddress: '203.0.113.7', title: source.player.title, uuid: source.player.uuid };
  }
  if (metadata) {
    payload.Metadata = { ...SAMPLE_MOVIE };
  }
  if (event === 'media.rate') {
    payload.rating = 8;
  }
  return payload;
}
