// Each decoder of what a server sends, run the way the clients run it: the body step of the
// request core first (src/plex/successBody.ts), then the route's decoder.
import {
  DEVICE_LIST_CAP_BYTES,
  BODY_CAP_BYTES,
  decodeAccount,
  decodeClaimToken,
  decodeDevices,
  decodeHome,
  decodeHomeSwitch,
  decodePin,
  decodeServers,
  decodeSignIn,
  decodeSourceConnectionInformation,
  decodeTransientTokenJson,
  decodeTransientTokenXml,
  redact,
  verifyPlexJwt,
} from '../../../../src/plex/index';
import { decodeExchangedToken, decodeNonce, decodeSigningKeys } from '../../../../src/plex/jwt/decodeAnswers';
import { jsonOf } from '../../../../src/plex/plexTvClient';
import { mediaTypeOf } from '../../../../src/plex/readBody';
import { errorFromResponse, readPlexErrorBody } from '../../../../src/plex/responseErrors';
import { parseRetryAfterMs } from '../../../../src/plex/retry';
import { successBody, type ExpectedBody } from '../../../../src/plex/successBody';
import * as benign from './benign';
import { nested, repeat } from './build';
import {
  HOSTILE_CONTENT_TYPE,
  HOSTILE_ERROR_JSON,
  HOSTILE_JSON,
  HOSTILE_JWT_ANSWERS,
  HOSTILE_LOG_TEXT,
  HOSTILE_RETRY_AFTER,
  HOSTILE_XML,
  type Hostile,
} from './hostile';

export interface Decoder {
  name: string;
  /** The most the request core reads for this route (or, for headers, what Node accepts). */
  capBytes: number;
  benign: (size: number) => string;
  /** Decodes `text`; a PlexError is an allowed outcome, anything else fails the test. */
  run: (text: string) => void;
  hostile: Hostile[];
}

const HOST = 'plex.example';
/** Node refuses response header blocks larger than this by default. */
const HEADER_CAP_BYTES = 16 * 1024;

function json(text: string): unknown {
  return jsonOf(successBody('json', 'application/json', text, HOST, 200));
}

function xml(text: string, expect: ExpectedBody): string {
  const body = successBody(expect, 'application/xml', text, HOST, 200);
  if (body.format !== 'xml') throw new Error('expected an XML body');
  return body.text;
}

const DEEP: Hostile = { name: 'arrays nested deeply', body: (size) => nested(size, '{"x":', '[', '', ']', '}') };

function run(name: string, hostile: (size: number) => string): Hostile {
  return { name, body: hostile };
}

export const DECODERS: Decoder[] = [
  {
    name: 'device list (GET /devices.xml)',
    capBytes: DEVICE_LIST_CAP_BYTES,
    benign: benign.deviceListXml,
    run: (text) => void decodeDevices(xml(text, 'xml'), 'client-1'),
    hostile: HOSTILE_XML,
  },
  {
    name: 'transient token as XML (PMS GET /security/token)',
    capBytes: BODY_CAP_BYTES,
    benign: benign.mediaContainerXml,
    run: (text) => void decodeTransientTokenXml(xml(text, 'json-or-xml')),
    hostile: HOSTILE_XML,
  },
  {
    name: 'XML error answers (422, on the device list route)',
    capBytes: DEVICE_LIST_CAP_BYTES,
    benign: benign.errorsXml,
    run: (text) =>
      void errorFromResponse({ status: 422, host: HOST, context: 'plex-tv-token', body: readPlexErrorBody(text, mediaTypeOf('application/xml')) }),
    hostile: HOSTILE_XML,
  },
  {
    name: 'JSON error answers (422, on the device list route)',
    capBytes: DEVICE_LIST_CAP_BYTES,
    benign: benign.errorsJson,
    run: (text) =>
      void errorFromResponse({ status: 422, host: HOST, context: 'plex-tv-token', body: readPlexErrorBody(text, mediaTypeOf('application/json')) }),
    hostile: HOSTILE_ERROR_JSON,
  },
  { name: 'the JSON step of every JSON route', capBytes: BODY_CAP_BYTES, benign: benign.resourcesJson, run: (text) => void json(text), hostile: HOSTILE_JSON },
  {
    name: 'account (GET /api/v2/user)',
    capBytes: BODY_CAP_BYTES,
    benign: benign.accountJson,
    run: (text) => void decodeAccount(json(text)),
    hostile: [DEEP, run('a feature of one run', (size) => repeat(size, '{"id":1,"uuid":"u","title":"t","subscription":{"features":["', 'a', '"]}}'))],
  },
  {
    name: 'password sign-in',
    capBytes: BODY_CAP_BYTES,
    benign: benign.accountJson,
    run: (text) => void decodeSignIn(json(text)),
    hostile: [DEEP, run('an authToken of one run', (size) => repeat(size, '{"authToken":"', 'a', '"}'))],
  },
  {
    name: 'PIN',
    capBytes: BODY_CAP_BYTES,
    benign: benign.pinJson,
    run: (text) => void decodePin(json(text)),
    hostile: [DEEP, run('a code of one run', (size) => repeat(size, '{"id":1,"expiresIn":1,"code":"', 'a', '"}'))],
  },
  {
    name: 'resources (GET /api/v2/resources)',
    capBytes: BODY_CAP_BYTES,
    benign: benign.resourcesJson,
    run: (text) => void decodeServers(json(text)),
    hostile: [
      DEEP,
      run('"provides" of commas', (size) => repeat(size, '[{"name":"a","clientIdentifier":"c","provides":"', ',', 'server"}]')),
      run('a connection URI of one run', (size) =>
        repeat(size, '[{"name":"a","clientIdentifier":"c","provides":"server","connections":[{"uri":"http://', 'a', '"}]}]'),
      ),
      run('a bracketed host of one run', (size) =>
        repeat(size, '[{"name":"a","clientIdentifier":"c","provides":"server","connections":[{"uri":"http://[', ':', ']"}]}]'),
      ),
    ],
  },
  {
    name: 'Home users (GET /api/v2/home/users)',
    capBytes: BODY_CAP_BYTES,
    benign: benign.homeJson,
    run: (text) => void decodeHome(json(text)),
    hostile: [DEEP, run('a title of one run', (size) => repeat(size, '{"users":[{"id":1,"uuid":"u","admin":true},{"id":2,"uuid":"v","title":"', 'a', '"}]}'))],
  },
  {
    name: 'Home switch',
    capBytes: BODY_CAP_BYTES,
    benign: benign.accountJson,
    run: (text) => void decodeHomeSwitch(json(text)),
    hostile: [DEEP, run('an authenticationToken of one run', (size) => repeat(size, '{"authenticationToken":"', 'a', '"}'))],
  },
  {
    name: 'claim token (GET /api/claim/token.json)',
    capBytes: BODY_CAP_BYTES,
    benign: benign.claimJson,
    run: (text) => void decodeClaimToken(json(text), Date.now()),
    hostile: [
      DEEP,
      run('an expiresAt of digits', (size) => repeat(size, '{"token":"c","expiresAt":"', '1', '"}')),
      run('an expiresAt of a day name and spaces', (size) => repeat(size, '{"token":"c","expiresAt":"Mon', ' ', 'x"}')),
    ],
  },
  {
    name: 'transient token as JSON',
    capBytes: BODY_CAP_BYTES,
    benign: benign.transientTokenJson,
    run: (text) => void decodeTransientTokenJson(json(text)),
    hostile: [DEEP, run('a token of one run', (size) => repeat(size, '{"MediaContainer":{"token":"', 'a', '"}}'))],
  },
  {
    name: 'source connection information (PMS GET /security/resources)',
    capBytes: BODY_CAP_BYTES,
    benign: benign.sourceConnectionJson,
    run: (text) => void decodeSourceConnectionInformation(json(text), 'server://wanted'),
    hostile: [
      DEEP,
      run('an address of one run', (size) =>
        repeat(size, '{"MediaContainer":{"Device":{"clientIdentifier":"wanted","Connection":[{"protocol":"https","port":1,"address":"', ':', '"}]}}}'),
      ),
    ],
  },
  {
    name: 'JWT nonce (GET /api/v2/auth/nonce)',
    capBytes: BODY_CAP_BYTES,
    benign: benign.nonceJson,
    run: (text) => void decodeNonce(json(text)),
    hostile: [DEEP, run('a nonce of one run', (size) => repeat(size, '{"nonce":"', 'a', '"}'))],
  },
  {
    name: 'Plex JWT from the token exchange, verified',
    capBytes: BODY_CAP_BYTES,
    benign: benign.exchangedJwtJson,
    run: (text) => void verifyPlexJwt(decodeExchangedToken(json(text)), benign.JWT_EXPECTATIONS),
    hostile: [DEEP, ...HOSTILE_JWT_ANSWERS],
  },
  {
    name: 'plex.tv signing keys (GET /api/v2/auth/keys)',
    capBytes: BODY_CAP_BYTES,
    benign: benign.signingKeysJson,
    run: (text) => void decodeSigningKeys(json(text)),
    hostile: [DEEP, run('keys of the wrong type', (size) => repeat(size, '{"keys":[', '1,', '1]}'))],
  },
  { name: 'Retry-After header', capBytes: HEADER_CAP_BYTES, benign: benign.retryAfterHeader, run: (text) => void parseRetryAfterMs(text), hostile: HOSTILE_RETRY_AFTER },
  {
    name: 'Content-Type header',
    capBytes: HEADER_CAP_BYTES,
    benign: (size) => repeat(size, 'application/json; charset=utf-8', ' '),
    run: (text) => void mediaTypeOf(text),
    hostile: HOSTILE_CONTENT_TYPE,
  },
  { name: 'redaction of logged text', capBytes: BODY_CAP_BYTES, benign: benign.logText, run: (text) => void redact(text), hostile: HOSTILE_LOG_TEXT },
];
