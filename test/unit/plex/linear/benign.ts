// Benign bodies of any size, shaped like the real answer of each route (test/standin shows the
// shapes): the measure each hostile body's time is compared with.
import { generateKeyPairSync, sign } from 'node:crypto';
import { base64urlOf, grow, jsonItem } from './build';

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

export function deviceListXml(size: number): string {
  return grow(
    size,
    `${XML_DECLARATION}<MediaContainer publicAddress="203.0.113.7">\n`,
    (index) =>
      `<Device name="Device ${index}" publicAddress="203.0.113.7" product="Plex Web" productVersion="4.118.0" platform="Chrome" ` +
      `platformVersion="120.0" device="Linux" clientIdentifier="client-${index}" createdAt="1700000000" lastSeenAt="1700003600" ` +
      `screenResolution="1920x1080" screenDensity="" provides="client,player" id="${index}" token="token-${index}-abcdefghijkl">` +
      `<Connection uri="http://192.168.1.${index % 250}:32400"/></Device>\n`,
    '</MediaContainer>\n',
  );
}

export function mediaContainerXml(size: number): string {
  return grow(
    size,
    `${XML_DECLARATION}<MediaContainer size="0" token="transient-0123456789abcdef">\n`,
    (index) => `<Setting id="setting${index}" label="Setting &quot;${index}&quot;" value="${index}" type="int"/>\n`,
    '</MediaContainer>\n',
  );
}

export function errorsXml(size: number): string {
  return grow(
    size,
    `${XML_DECLARATION}<errors>\n`,
    () => '<error code="1001" message="User could not be authenticated" status="401"/>\n',
    '</errors>\n',
  );
}

export function errorsJson(size: number): string {
  return grow(size, '{"errors":[', () => '{"code":1001,"message":"User could not be authenticated","status":401},', '{"code":1001,"status":401}]}');
}

function account(extra: string): string {
  return (
    '{"id":13692262,"uuid":"a1b2c3d4e5f6","username":"alice","title":"Alice","email":"alice@example.com",' +
    `"twoFactorEnabled":false,"home":true,"homeAdmin":true,"authToken":"CxoUzBTSV5hsxjTpFKaf",${extra}`
  );
}

/** A UserPlexAccount (also a sign-in and a Home switch answer) whose feature list fills the size. */
export function accountJson(size: number): string {
  return grow(size, account('"subscription":{"active":true,"status":"Active","features":['), (index) => `"feature-${index}",`, '"last"]}}');
}

export function pinJson(size: number): string {
  return grow(size, '{"id":1,"code":"abcd1234","expiresIn":900,"authToken":null,"extra":[', jsonItem, '{}]}');
}

function resource(index: number): string {
  return (
    `{"name":"Server ${index}","product":"Plex Media Server","productVersion":"1.40.0","platform":"Linux",` +
    `"clientIdentifier":"server-${index}","provides":"server","owned":true,"accessToken":"token-${index}",` +
    `"connections":[{"protocol":"https","address":"10.0.${index % 250}.2","port":32400,` +
    `"uri":"https://10-0-${index % 250}-2.abc.plex.direct:32400","local":true,"relay":false,"IPv6":false}]},`
  );
}

export function resourcesJson(size: number): string {
  return grow(size, '[', resource, '{"name":"Player","clientIdentifier":"player","provides":"player"}]');
}

export function homeJson(size: number): string {
  return grow(
    size,
    '{"id":1,"name":"Home","users":[{"id":1,"uuid":"admin","title":"Alice","admin":true,"protected":false},',
    (index) => `{"id":${index + 2},"uuid":"user-${index}","title":"User ${index}","restricted":${index % 2 === 0},"protected":false},`,
    '{"id":0,"uuid":"last","title":"Last"}]}',
  );
}

export function claimJson(size: number): string {
  return grow(size, '{"token":"claim-0123456789abcdef","expiresIn":240,"extra":[', jsonItem, '{}]}');
}

export function transientTokenJson(size: number): string {
  return grow(size, '{"MediaContainer":{"size":0,"token":"transient-0123456789abcdef","Setting":[', jsonItem, '{}]}}');
}

export function sourceConnectionJson(size: number): string {
  return grow(
    size,
    '{"MediaContainer":{"size":1,"Device":[',
    (index) =>
      `{"name":"Server ${index}","clientIdentifier":"server-${index}","accessToken":"token-${index}",` +
      `"Connection":[{"protocol":"https","address":"10.0.0.${index % 250}","port":"32400","local":1,"relay":0}]},`,
    '{"name":"Wanted","clientIdentifier":"wanted","Connection":[{"uri":"https://10.0.0.1:32400"}]}]}}',
  );
}

export function nonceJson(size: number): string {
  return grow(size, '{"nonce":"0123456789abcdef0123456789abcdef","extra":[', jsonItem, '{}]}');
}

export function signingKeysJson(size: number): string {
  return grow(
    size,
    '{"keys":[',
    (index) => `{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"key-${index}","use":"sig"},`,
    '{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"last"}]}',
  );
}

/** plex.tv's signing key for the JWT answers below, and what the client expects of them. */
export const JWT_EXPECTATIONS = (() => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const x = String(publicKey.export({ format: 'jwk' }).x);
  return { privateKey, keys: [{ kid: 'plex-key', x }], clientIdentifier: 'unit-test-client-0001', keyId: 'device-key-id' };
})();

/** A compact JWS signed with JWT_EXPECTATIONS' key, from the given header and claims JSON. */
export function signedJwt(headerJson: string, claimsJson: string): string {
  const signingInput = `${base64urlOf(headerJson)}.${base64urlOf(claimsJson)}`;
  return `${signingInput}.${sign(null, Buffer.from(signingInput, 'ascii'), JWT_EXPECTATIONS.privateKey).toString('base64url')}`;
}

/** The token exchange's answer: a valid Plex JWT whose claims carry a long (unknown) list. */
export function exchangedJwtJson(size: number): string {
  const now = Math.floor(Date.now() / 1000);
  const claims =
    `{"iss":"plex.tv","aud":["${JWT_EXPECTATIONS.clientIdentifier}"],"iat":${now},"exp":${now + 3600},` +
    `"thumbprint":"${JWT_EXPECTATIONS.keyId}","scope":"username,email,friendly_name","entitlements":[`;
  // base64url makes 4 characters of 3 bytes; the wrapper and signature take the rest.
  const claimsSize = Math.max(claims.length + 4, Math.floor(((size - 200) * 3) / 4));
  const jwt = signedJwt('{"kid":"plex-key","typ":"JWT","alg":"EdDSA"}', grow(claimsSize, claims, (index) => `"entitlement-${index}",`, '"last"]}'));
  const body = `{"auth_token":"${jwt}"}`;
  return `${body}${' '.repeat(Math.max(0, size - body.length))}`;
}

/** Lines such as the extension logs, naming servers and hosts (redaction runs on every one). */
export function logText(size: number): string {
  return grow(
    size,
    '',
    (index) => `GET https://plex.tv/api/v2/resources 200 in ${index % 90} ms; server "Alice's Cloud ${index}" answered.\n`,
    '',
  );
}

/** What a header value may hold: the size is small (Node refuses header blocks above 16 KiB). */
export function retryAfterHeader(size: number): string {
  return grow(size, 'Wed, 21 Oct 2015 07:28:00 GMT', () => ' ', '');
}
