import type * as vscode from 'vscode';
import type { Ui } from '../../ui/ui';
import type { ConnectionSecurity } from './connectionSecurity';
import { RememberedAnswers } from './rememberedAnswers';

/** Per server: may the token go to it over plain http? Not a secret, so globalState. */
const ANSWERS_KEY = 'plex.insecureConnectionAnswers';

/** 'asked-declined' and 'dismissed' come from the question just asked; 'declined' from a remembered answer. */
export type InsecurePermission = 'allowed' | 'declined' | 'asked-declined' | 'dismissed';

export interface InsecureTarget {
  name: string;
  clientIdentifier?: string;
}

/**
 * Asks once per server before the token goes to it over http on another computer, and
 * remembers the answer. https, and http to this computer, never ask.
 */
export class InsecureConnections {
  private readonly answers: RememberedAnswers;

  constructor(
    globalState: vscode.Memento,
    private readonly security: ConnectionSecurity,
    private readonly ui: () => Ui,
  ) {
    this.answers = new RememberedAnswers(globalState, ANSWERS_KEY);
  }

  /** A server is remembered by its client identifier, or (from plex.serverUrl) by its origin. */
  static keyOf(target: InsecureTarget, uri: string): string {
    if (target.clientIdentifier) {
      return target.clientIdentifier;
    }
    try {
      return new URL(uri).origin;
    } catch {
      return uri;
    }
  }

  async permission(target: InsecureTarget, uri: string): Promise<InsecurePermission> {
    if (this.security.isSecure(uri)) {
      return 'allowed';
    }
    const key = InsecureConnections.keyOf(target, uri);
    const remembered = this.answers.get(key);
    if (remembered !== undefined) {
      return remembered ? 'allowed' : 'declined';
    }
    const answer = await this.ui().confirmInsecureConnection(hostnameOf(uri), target.name);
    if (answer === undefined) {
      return 'dismissed';
    }
    await this.answers.set(key, answer);
    return answer ? 'allowed' : 'asked-declined';
  }

  /** Forgets one server's answer (to ask again), or every answer. */
  forget(key?: string): Promise<void> {
    return this.answers.forget(key);
  }
}

function hostnameOf(uri: string): string {
  try {
    return new URL(uri).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return uri;
  }
}
