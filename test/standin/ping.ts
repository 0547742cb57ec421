// plex.tv's `GET /api/v2/ping`: use of the token, which moves the account's rememberExpiresAt
// forward. Neither spec documents it; python-plexapi reads an XML root whose text is a boolean,
// and no source shows a JSON form, so the stand-in answers that XML whatever the client accepts.
import { REMEMBER_SECONDS, type AccountRecord } from './accounts';
import type { Reply } from './reply';
import { XML_TYPE } from './reply';

/** `account` is what authentication gave: the account, or the error answer to send instead. */
export function ping(account: Reply | AccountRecord, now = Date.now()): Reply {
  if (!('seed' in account)) return account;
  account.rememberExpiresAt = Math.floor(now / 1000) + REMEMBER_SECONDS;
  return { status: 200, raw: { contentType: XML_TYPE, content: '<?xml version="1.0" encoding="UTF-8"?>\n<response>true</response>\n' } };
}
