import * as vscode from 'vscode';
import { signInOf } from '../auth/gateway/plexGateway';
import type { SessionView } from '../auth/sessionView';
import type { PlexHome, PlexHomeUser } from '../plex/accountToolsTypes';
import { homeUserIcon } from '../ui/homeUserIcon';
import { plainText } from '../ui/plainText';
import type { TreeSource } from './lazyTree';
import { messageItem } from './messageItem';

/** `userUuid` is what Switch Home User reads (and looks up again in what plex.tv lists); `user` is only what the row shows. */
export type HomeNode = { kind: 'user'; userUuid: string; user: PlexHomeUser } | { kind: 'message'; text: string };

/** Loads the Home from plex.tv for the current session, with progress in the view. */
export type HomeLoader = () => Promise<PlexHome | { failure: string }>;

/**
 * The Plex Home view's content: the Home's users, the one the extension acts as marked. Part of
 * the command code, loaded when the view is first shown. Read once, again on Refresh or when the
 * account changes; switching only repaints.
 */
export class HomeView implements TreeSource<HomeNode>, vscode.Disposable {
  private readonly subscription: vscode.Disposable;
  private loaded: { signIn: string; home: Promise<PlexHome | { failure: string }> } | undefined;
  private repaintView: (() => void) | undefined;

  constructor(
    private readonly session: SessionView,
    private readonly loader: HomeLoader,
  ) {
    let shown = this.shownState();
    this.subscription = session.onDidChange(() => {
      const now = this.shownState();
      if (now !== shown) {
        shown = now;
        this.repaintView?.();
      }
    });
  }

  /** The view shows this source from now on; `repaint` asks VS Code to read it again. */
  attach(repaint: () => void): this {
    this.repaintView = repaint;
    return this;
  }

  /** Reads the Home again on the next paint. */
  reload(): void {
    if (this.loaded) {
      this.loaded = undefined;
      this.repaintView?.();
    }
  }

  async getChildren(node?: HomeNode): Promise<HomeNode[]> {
    const stored = this.session.stored;
    if (node || !stored || this.session.status !== 'signedIn' || !stored.account.home) {
      return [];
    }
    const signIn = signInOf(stored);
    if (this.loaded?.signIn !== signIn) {
      this.loaded = { signIn, home: this.loader() };
    }
    const home = await this.loaded.home;
    if ('failure' in home) {
      this.loaded = undefined; // the next paint (Refresh, or the view shown again) tries again
      return [{ kind: 'message', text: home.failure }];
    }
    return home.users.map((user) => ({ kind: 'user', userUuid: user.uuid, user }));
  }

  getTreeItem(node: HomeNode): vscode.TreeItem {
    if (node.kind === 'message') {
      return messageItem(node.text, 'plex.refresh');
    }
    const { user } = node;
    const active = user.uuid === (this.session.stored?.homeUser?.uuid ?? this.session.stored?.account.uuid);
    const item = new vscode.TreeItem(plainText(user.title));
    item.id = `home:${user.uuid}`;
    item.description = [
      active ? vscode.l10n.t({ message: 'active', comment: 'The Plex Home user the extension acts as now.' }) : undefined,
      user.protected ? vscode.l10n.t({ message: 'PIN', comment: 'This Plex Home user is protected by a PIN.' }) : undefined,
    ]
      .filter((part): part is string => Boolean(part))
      .join(' · ');
    item.tooltip = kindLabel(user);
    item.iconPath = new vscode.ThemeIcon(active ? 'pass-filled' : homeUserIcon(user));
    item.contextValue = active ? 'plex.homeUser.active' : 'plex.homeUser';
    if (!active) {
      item.command = { command: 'plex.switchHomeUser', title: vscode.l10n.t('Switch Home User'), arguments: [{ userUuid: user.uuid }] };
    }
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
  }

  /** What the view depends on: the account and who it acts as. */
  private shownState(): string {
    const stored = this.session.stored;
    return `${this.session.status}|${stored ? signInOf(stored) : ''}|${stored?.homeUser?.uuid ?? ''}|${stored?.account.home ?? ''}`;
  }
}

function kindLabel(user: PlexHomeUser): string {
  switch (user.kind) {
    case 'administrator':
      return vscode.l10n.t('Plex Home administrator');
    case 'managed':
      return vscode.l10n.t('Managed user');
    case 'guest':
      return vscode.l10n.t('Guest');
    case 'member':
      return vscode.l10n.t('Plex Home member');
  }
}
