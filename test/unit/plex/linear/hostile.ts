// Hostile bodies: patterns that make a backtracking regex, a rescan from every position or a
// recursive parser take super-linear time. Each takes the size to fill.
import { base64urlOf, nested, repeat } from './build';
import { signedJwt } from './benign';

export interface Hostile {
  name: string;
  body: (size: number) => string;
}

/** 28 `<?a?>` and one character: a regex that may split the run in many ways tries them all. */
const PROCESSING_INSTRUCTION_RUN = `${'<?a?>'.repeat(28)}x`;

export const HOSTILE_XML: Hostile[] = [
  { name: '28 "<?a?>" then one character', body: () => PROCESSING_INSTRUCTION_RUN },
  { name: '"<?a?>" repeated, then one character', body: (size) => repeat(size, '', '<?a?>', 'x') },
  { name: 'unterminated "<!--" repeated', body: (size) => repeat(size, '<MediaContainer>', '<!--') },
  { name: 'one unterminated comment', body: (size) => repeat(size, '<MediaContainer><!--', 'x') },
  { name: 'a comment of dashes', body: (size) => repeat(size, '<MediaContainer><!--', '-') },
  { name: 'elements nested deeply', body: (size) => repeat(size, '<MediaContainer>', '<a>') },
  { name: 'elements nested deeply, closed', body: (size) => nested(size, '<MediaContainer>', '<a>', '', '</a>', '</MediaContainer>') },
  { name: 'an unterminated attribute', body: (size) => repeat(size, '<MediaContainer><Device name="', 'x') },
  { name: 'an unterminated attribute of the root', body: (size) => repeat(size, '<MediaContainer token="', 'x') },
  { name: 'unterminated CDATA repeated', body: (size) => repeat(size, '<MediaContainer>', '<![CDATA[') },
  { name: 'unterminated processing instructions', body: (size) => repeat(size, '', '<?') },
  { name: 'unterminated declarations', body: (size) => repeat(size, '', '<!') },
  { name: 'a run of "<"', body: (size) => repeat(size, '', '<') },
  { name: 'a run of spaces before the root', body: (size) => repeat(size, '', ' ', '<MediaContainer/>') },
  { name: 'a root tag of spaces', body: (size) => repeat(size, '<MediaContainer', ' ') },
  { name: 'an attribute name of one run', body: (size) => repeat(size, '<MediaContainer><Device ', 'a') },
  { name: 'spaces before "="', body: (size) => repeat(size, '<MediaContainer><Device name', ' ') },
  { name: 'many attributes', body: (size) => repeat(size, '<MediaContainer', ' a="b"', '><Device id="1" clientIdentifier="c"/></MediaContainer>') },
  { name: 'many attributes on a Device', body: (size) => repeat(size, '<MediaContainer><Device', ' a="b"', '/></MediaContainer>') },
  { name: 'a wanted attribute repeated', body: (size) => repeat(size, '<MediaContainer><Device', ' name="b"', '/></MediaContainer>') },
  { name: '"<Device" repeated', body: (size) => repeat(size, '<MediaContainer>', '<Device') },
  { name: '"<Device" inside attribute values', body: (size) => repeat(size, '<MediaContainer>', '<Device a="') },
  { name: '"&" run in a wanted attribute', body: (size) => repeat(size, '<MediaContainer><Device id="1" clientIdentifier="c" name="', '&', '"/></MediaContainer>') },
  { name: 'entity-like run in a wanted attribute', body: (size) => repeat(size, '<MediaContainer><Device id="1" clientIdentifier="c" name="', '&abcdefghij', '"/></MediaContainer>') },
  { name: 'a provides list of commas', body: (size) => repeat(size, '<MediaContainer><Device id="1" clientIdentifier="c" provides="', ',', '"/></MediaContainer>') },
  { name: '"<error" repeated', body: (size) => repeat(size, '<errors>', '<error') },
  { name: 'an error element of one run of text', body: (size) => repeat(size, '<errors><error>', 'x') },
  { name: 'an error element with many attributes', body: (size) => repeat(size, '<errors><error', ' a="b"') },
];

export const HOSTILE_JSON: Hostile[] = [
  { name: 'arrays nested deeply', body: (size) => nested(size, '{"MediaContainer":', '[', '', ']', '}') },
  { name: 'objects nested deeply', body: (size) => nested(size, '', '{"a":', '1', '}', '') },
  { name: 'unclosed arrays', body: (size) => repeat(size, '', '[') },
  { name: 'a string of one run', body: (size) => repeat(size, '{"x":"', 'a', '"}') },
  { name: 'a string of escapes', body: (size) => repeat(size, '{"x":"', '\\u0041', '"}') },
  { name: 'a string of escaped quotes', body: (size) => repeat(size, '{"x":"', '\\"', '"}') },
  { name: 'an unterminated string', body: (size) => repeat(size, '{"x":"', 'a') },
  { name: 'a run of spaces', body: (size) => repeat(size, '', ' ', '{}') },
  { name: 'a number of one run', body: (size) => repeat(size, '{"x":', '1', '}') },
];

/** Error bodies: the JSON ones, and messages that reach redaction. */
export const HOSTILE_ERROR_JSON: Hostile[] = [
  ...HOSTILE_JSON,
  { name: 'a message of "eyJ" runs', body: (size) => repeat(size, '{"errors":[{"message":"', 'eyJ', '"}]}') },
  { name: 'a message of token names and spaces', body: (size) => repeat(size, '{"errors":[{"message":"', 'a-token    ', '"}]}') },
  { name: 'a message of quoted token names', body: (size) => repeat(size, '{"errors":[{"message":"', '\\"token\\"  ', '"}]}') },
  { name: 'a message of one run', body: (size) => repeat(size, '{"errors":[{"message":"', 'a', '"}]}') },
];

export const HOSTILE_LOG_TEXT: Hostile[] = [
  { name: '"eyJ" runs', body: (size) => repeat(size, '', 'eyJ') },
  { name: 'a JWT-like run without dots', body: (size) => repeat(size, 'eyJ', 'a') },
  { name: 'hyphenated names ending in token, then spaces', body: (size) => repeat(size, '', 'a-a-a-a-a-a-a-a-a-a-token      ') },
  { name: 'a token name then a run of spaces', body: (size) => repeat(size, 'x-plex-token', ' ') },
  { name: 'a quoted token name then a run of spaces', body: (size) => repeat(size, '"authToken"', ' ') },
  { name: 'token="" repeated', body: (size) => repeat(size, '', 'token="') },
  { name: '"transient-" repeated', body: (size) => repeat(size, '', 'transient-') },
  { name: 'query tokens repeated', body: (size) => repeat(size, '', '&token=') },
];

export const HOSTILE_RETRY_AFTER: Hostile[] = [
  { name: 'a run of digits', body: (size) => repeat(size, '', '1') },
  { name: 'a day name then spaces', body: (size) => repeat(size, 'Mon', ' ', 'x') },
  { name: 'a date of one run', body: (size) => repeat(size, 'Mon, 01 Jan ', '0') },
  { name: 'a run of "-"', body: (size) => repeat(size, '', '-') },
];

export const HOSTILE_CONTENT_TYPE: Hostile[] = [
  { name: 'a run of ";"', body: (size) => repeat(size, 'application/json', ';') },
  { name: 'a run of spaces', body: (size) => repeat(size, '', ' ', 'application/json') },
];

/** Token-exchange answers whose auth_token is hostile. */
export const HOSTILE_JWT_ANSWERS: Hostile[] = [
  { name: 'a token of dots', body: (size) => repeat(size, '{"auth_token":"', '.', '"}') },
  { name: 'a token of "a." segments', body: (size) => repeat(size, '{"auth_token":"', 'a.', 'a"}') },
  { name: 'a token without dots', body: (size) => repeat(size, '{"auth_token":"', 'a', '"}') },
  { name: 'a token of "eyJ" runs', body: (size) => repeat(size, '{"auth_token":"', 'eyJ', '"}') },
  {
    name: 'claims nested deeply',
    body: (size) => {
      const claims = nested(Math.floor(((size - 200) * 3) / 4), '{"a":', '[', '', ']', '}');
      return `{"auth_token":"${signedJwt('{"kid":"plex-key","alg":"EdDSA"}', claims)}"}`;
    },
  },
  {
    name: 'a header of one long run',
    body: (size) => `{"auth_token":"${base64urlOf(repeat(Math.floor(((size - 100) * 3) / 4), '{"kid":"', 'a', '"}'))}.e30.AA"}`,
  },
];

