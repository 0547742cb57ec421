import * as vscode from 'vscode';
import type { VerifiedPlexJwt } from '../../plex/jwt/verifyPlexJwt';
import type { PlexSignIn } from '../../plex/types';
import type { PlexGateway } from '../gateway/plexGateway';
import { withCancellableProgress } from '../../ui/progress';
import type { Ui } from '../../ui/ui';
import { signInWithBrowser } from '../flows/browserSignIn';
import type { SignInReturn } from '../flows/signInReturn';
import { signInWithPassword } from '../flows/passwordSignIn';
import { signInWithToken } from '../flows/tokenSignIn';
import type { SignInMethod } from '../storedSession';
import type { JwtDevice } from './deviceKeyStore';

export interface JwtSignInResult extends PlexSignIn {
  /** Epoch seconds, from the verified JWT. */
  expiresAt: number;
}

export interface JwtSignInOptions {
  gateway: PlexGateway;
  device: JwtDevice;
  ui: Ui;
  authPageUrl: string;
  onLink(url: string | undefined): void;
  copyLink(): unknown;
  returnTo?: SignInReturn;
}

/**
 * A sign-in that ends with a verified Plex JWT (PlexJwtAuth verifies every one it returns).
 * Browser: the PIN carries the device key, plex.tv registers it on approval. Email and password:
 * a classic sign-in as the JWT device, whose classic token only registers the key (plex.tv may end
 * it once the JWT is issued; nothing keeps it). Token: the pasted token registers the key for the
 * JWT device, a client identifier of its own, so the pasted token stays valid wherever else it is used.
 */
export async function signInWithJwt(method: SignInMethod, options: JwtSignInOptions): Promise<JwtSignInResult | undefined> {
  const { ui } = options;
  const plexTv = options.gateway.signInClient(options.device.clientIdentifier);
  const auth = options.gateway.jwtAuth(options.device);
  if (method === 'browser') {
    let verified: VerifiedPlexJwt | undefined;
    const signedIn = await signInWithBrowser({
      plexTv,
      ui,
      authPageUrl: options.authPageUrl,
      onLink: options.onLink,
      copyLink: options.copyLink,
      returnTo: options.returnTo,
      pins: {
        create: (signal) => auth.createPin({ signal }),
        check: async (pin, signal) => {
          verified = (await auth.checkPin(pin.id, { signal })) ?? undefined;
          return verified?.token ?? null;
        },
      },
    });
    return verified && { ...signedIn, expiresAt: verified.expiresAt };
  }
  const classic = method === 'password' ? await signInWithPassword(plexTv, ui) : await signInWithToken(options.gateway.signInClient(), ui);
  if (!classic) {
    return undefined;
  }
  const jwt = await withCancellableProgress(vscode.l10n.t('Getting a Plex JWT for this device...'), async (signal) => {
    await auth.register(classic.authToken, { signal });
    return auth.renew({ signal });
  });
  return { authToken: jwt.token, account: classic.account, expiresAt: jwt.expiresAt };
}
