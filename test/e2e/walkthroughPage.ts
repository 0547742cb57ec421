// The "Get started with Plex" walkthrough as a person sees it in the editor area. Selectors are
// VS Code 1.100's and 1.139's walkthrough page (code-server 4.100.3 and 4.139.1): each step is a
// `button.getting-started-step` whose `data-step-id` ends with `#<step id>` and whose
// `aria-checked` is the tick; a step's description (and its buttons) shows while it is expanded.
import type { Locator, Page } from 'playwright-core';
import { waitForNotification, waitHidden, waitVisible } from './ui';

export const WALKTHROUGH_TITLE = 'Get started with Plex';

/** The step ids of package.json's walkthrough, in order. */
export const WALKTHROUGH_STEPS = ['signIn', 'servers', 'transientToken', 'claimToken', 'otherExtensions'] as const;
export type WalkthroughStep = (typeof WALKTHROUGH_STEPS)[number];

function walkthroughPage(page: Page): Locator {
  return page.locator('.gettingStartedContainer .gettingStartedSlideDetails');
}

function stepButton(page: Page, step: WalkthroughStep): Locator {
  return walkthroughPage(page).locator(`button.getting-started-step[data-step-id$="#${step}"]`);
}

/** Waits until the editor area shows this walkthrough's page. */
export async function waitForWalkthrough(page: Page, timeoutMs?: number): Promise<void> {
  await waitVisible(walkthroughPage(page).locator('.category-title', { hasText: WALKTHROUGH_TITLE }), `the walkthrough "${WALKTHROUGH_TITLE}"`, timeoutMs);
}

export async function waitForNoWalkthrough(page: Page): Promise<void> {
  await waitHidden(page.locator('.gettingStartedContainer'), 'the walkthrough page');
}

/** Whether each step shows its tick, in order. */
export async function stepTicks(page: Page): Promise<Record<WalkthroughStep, boolean>> {
  const entries = await Promise.all(
    WALKTHROUGH_STEPS.map(async (step) => [step, (await (await waitVisible(stepButton(page, step), `the step ${step}`)).getAttribute('aria-checked')) === 'true'] as const),
  );
  return Object.fromEntries(entries) as Record<WalkthroughStep, boolean>;
}

/** Waits until the step shows its tick. */
export async function waitForStepTick(page: Page, step: WalkthroughStep, timeoutMs?: number): Promise<void> {
  await waitVisible(walkthroughPage(page).locator(`button.getting-started-step[data-step-id$="#${step}"][aria-checked="true"]`), `the tick of the step ${step}`, timeoutMs);
}

/** Expands a step (a click on its title, unless it is expanded already). */
export async function expandStep(page: Page, step: WalkthroughStep): Promise<void> {
  const button = await waitVisible(stepButton(page, step), `the step ${step}`);
  if ((await button.getAttribute('aria-expanded')) !== 'true') {
    await button.locator('.step-title').click();
  }
  await waitVisible(walkthroughPage(page).locator(`button.getting-started-step.expanded[data-step-id$="#${step}"]`), `the step ${step} expanded`);
}

/** Expands a step and clicks the button its description shows (a link alone on its line). */
export async function clickStepButton(page: Page, step: WalkthroughStep, label: string): Promise<void> {
  await expandStep(page, step);
  const button = stepButton(page, step).locator('.step-description-container .monaco-button, .step-description-container a', { hasText: label });
  await (await waitVisible(button, `the "${label}" button of the step ${step}`)).click();
}

/** The step's picture, as the page shows it beside the expanded step. */
export function stepMedia(page: Page): Locator {
  return walkthroughPage(page).locator('.getting-started-media img');
}

/** Closes the walkthrough's editor with its tab's close button (VS Code 1.100's tab says "Walkthrough: Plex", 1.139's "Welcome"). */
export async function closeWalkthrough(page: Page): Promise<void> {
  const tab = await waitVisible(page.locator('.tabs-container .tab', { hasText: /^\s*(Walkthrough: Plex|Welcome)\s*$/ }), "the walkthrough's tab");
  await tab.hover();
  await (await waitVisible(tab.locator('.tab-actions .action-label'), "the walkthrough tab's close button")).click();
  await waitForNoWalkthrough(page);
}

/**
 * A notification toast once it has faded in, its message shown whole (expanded when VS Code cut
 * it to one line), as a picture should show it.
 */
export async function settledNotification(page: Page, text: string | RegExp): Promise<Locator> {
  const toast = await waitForNotification(page, text);
  // The toast's actions show while the pointer is on it.
  await toast.hover();
  const expand = toast.locator('.action-label.codicon-notifications-expand');
  if ((await expand.count()) > 0 && (await expand.first().isVisible())) {
    await expand.first().click();
    await waitVisible(toast.locator('.action-label.codicon-notifications-collapse'), `the notification ${String(text)} expanded`);
  }
  await page.mouse.move(0, 0);
  const message = page.locator('.notification-list-item-message', { hasText: text });
  // Faded in; with motion reduced (the harness's setting) a toast does not fade: shown is settled.
  const settled = page.locator('.notification-toast.notification-fade-in-done, :is(.reduce-motion, .monaco-reduce-motion) .notification-toast');
  return waitVisible(settled.filter({ has: message }), `the notification ${String(text)} settled`);
}
