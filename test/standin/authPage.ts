// The browser approval page that stands in for https://app.plex.tv/auth. The client opens
// `<authUrl>#?clientID=..&code=..&context%5Bdevice%5D%5Bproduct%5D=..`; a tiny inline script reads
// the fragment (browsers never send it to the server), and one button per account approves the PIN.
// With a `forwardUrl` in the fragment, approving sends the browser there (303), as plex.tv does.
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from './listener';
import { HTML_TYPE } from './reply';
import { escapeXml as escapeHtml } from './xml';
import type { StandInWorld } from './world';

export const AUTH_PATH = '/auth';
const APPROVE_PATH = '/auth/approve';

export function authPageHandler(world: StandInWorld): RequestHandler {
  return (req, res) => {
    const started = Date.now();
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://stand-in.invalid');
    const entry = world.log.begin('auth', 'auth-page', method, `${url.pathname}${url.search}`, req.headers);
    const send = (status: number, html: string): void => {
      entry.status = status;
      entry.durationMs = Date.now() - started;
      res.writeHead(status, { 'content-type': HTML_TYPE, 'cache-control': 'no-store' });
      res.end(html);
    };
    const redirect = (location: string): void => {
      entry.status = 303;
      entry.durationMs = Date.now() - started;
      res.writeHead(303, { location, 'cache-control': 'no-store' });
      res.end();
    };
    if (method === 'GET' && (url.pathname === AUTH_PATH || url.pathname === `${AUTH_PATH}/`)) {
      send(200, approvalPage(world));
    } else if (method === 'POST' && url.pathname === APPROVE_PATH) {
      readForm(req)
        .then((form) => approve(world, form, send, redirect))
        .catch(() => res.destroy());
    } else {
      send(404, page('Not found', '<p>This is the stand-in sign-in page; open it through the extension.</p>'));
    }
  };
}

/** Schemes a redirect never goes to: they would run or read something in the browser itself. */
const UNSAFE_SCHEMES: ReadonlySet<string> = new Set(['javascript:', 'data:', 'file:', 'blob:', 'vbscript:']);

/** Where the browser goes after approval: an absolute address (https, or an app's own scheme such as vscode:), else nowhere. */
function forwardUrl(value: string): string | undefined {
  return URL.canParse(value) && !UNSAFE_SCHEMES.has(new URL(value).protocol) ? value : undefined;
}

function approve(world: StandInWorld, form: URLSearchParams, send: (status: number, html: string) => void, redirect: (location: string) => void): void {
  const code = form.get('code') ?? '';
  const clientId = form.get('clientID') ?? '';
  const username = form.get('username') ?? '';
  const pin = code === '' ? undefined : world.pins.byCode(code);
  if (pin === undefined) {
    send(404, page('Code not found', '<p>This sign-in code is unknown or has expired. Start the sign-in again from the app.</p>'));
    return;
  }
  if (clientId !== '' && clientId !== pin.clientIdentifier) {
    world.addViolation(`auth page opened with a clientID that did not create PIN ${pin.id}`);
    send(400, page('Wrong app', '<p>This code was created by a different app (clientID does not match).</p>'));
    return;
  }
  const account = world.findAccount(username);
  if (account === undefined) {
    send(400, page('Unknown account', '<p>Choose one of the listed accounts.</p>'));
    return;
  }
  world.approvePin(pin, account.seed.username);
  const forward = forwardUrl(form.get('forwardUrl') ?? '');
  if (forward !== undefined) {
    redirect(forward);
    return;
  }
  send(
    200,
    page(
      'Approved, you can close this tab',
      `<p id="result">Signed in as <strong>${escapeHtml(account.seed.username)}</strong> for ${escapeHtml(pin.product)}. Return to the app.</p>`,
    ),
  );
}

function approvalPage(world: StandInWorld): string {
  const buttons = world.accounts
    .map(({ seed }) => {
      const name = escapeHtml(seed.username);
      return `<p><button type="submit" name="username" value="${name}">Sign in as ${name}</button></p>`;
    })
    .join('\n');
  const body = `<p id="detail">An app is asking to sign in to your Plex account.</p>
<form id="approve" method="post" action="${APPROVE_PATH}">
<input type="hidden" name="code" id="code" value="">
<input type="hidden" name="clientID" id="clientID" value="">
<input type="hidden" name="forwardUrl" id="forwardUrl" value="">
${buttons}
</form>
<p id="missing" hidden>This link has no sign-in code. Start the sign-in again from the app.</p>
<script>
(function () {
  var params = new URLSearchParams(location.hash.replace(/^#\\??/, ''));
  var code = params.get('code') || '';
  var product = params.get('context[device][product]') || 'an app';
  document.getElementById('heading').textContent = 'Approve sign-in for ' + product;
  document.getElementById('detail').textContent = product + ' is asking to sign in to your Plex account.';
  document.getElementById('code').value = code;
  document.getElementById('clientID').value = params.get('clientID') || '';
  document.getElementById('forwardUrl').value = params.get('forwardUrl') || '';
  if (!code) {
    document.getElementById('approve').hidden = true;
    document.getElementById('missing').hidden = false;
  }
})();
</script>`;
  return page('Approve sign-in', body);
}

function page(heading: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Plex stand-in: ${escapeHtml(heading)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; }
button { font: inherit; padding: 0.5rem 1rem; cursor: pointer; }
</style>
</head>
<body>
<main>
<h1 id="heading">${escapeHtml(heading)}</h1>
${body}
</main>
</body>
</html>
`;
}

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > 16 * 1024) reject(new Error('form too large'));
    });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}
