/**
 * The accessibility check of the e2e suite: axe-core over what is on screen, WCAG 2.0 and 2.1 A/AA,
 * plus the best-practice rules about headings and landmarks that a screen-reader user navigates by.
 * A step fails on any serious or critical violation, naming each with the elements it found.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import type { AxeResults, Result } from 'axe-core';

/** The WCAG tags checked. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

/**
 * Best-practice rules checked too (axe files them outside the WCAG tags): one level-one heading,
 * one banner, one main, distinct landmark names.
 */
export const AXE_STRUCTURE_RULES = ['page-has-heading-one', 'landmark-no-duplicate-banner', 'landmark-no-duplicate-main', 'landmark-one-main', 'landmark-unique'] as const;

/** What fails a step: violations of these impacts. */
const FAILING = new Set(['serious', 'critical']);

/** One line per violation and node: rule, impact, target, and axe's own summary of what is wrong. */
export function describeViolations(violations: readonly Result[]): string {
  return violations
    .flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id} (${violation.impact ?? 'n/a'}): ${node.target.join(' ')} — ${(node.failureSummary ?? violation.help).replace(/\s+/g, ' ').slice(0, 300)}`),
    )
    .join('\n');
}

/** Runs axe on the page as it is now. */
export async function runAxe(page: Page): Promise<AxeResults> {
  const wcag = await new AxeBuilder({ page }).withTags([...AXE_TAGS]).analyze();
  const structure = await new AxeBuilder({ page }).withRules([...AXE_STRUCTURE_RULES]).analyze();
  return { ...wcag, violations: [...wcag.violations, ...structure.violations.map((v) => ({ ...v, impact: v.impact ?? 'serious' }))] };
}

/**
 * Fails (softly: the test goes on) unless axe finds no serious or critical violation on the page as it is now (`where` names
 * the view, dialog and scheme in the failure). Structure rules count as serious: they are the
 * issue's "no level-one heading" and "duplicate banner landmarks".
 */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  // Transitions finished: a fading dialog is half its colours (a loaded machine caught Mantine's
  // modal mid-fade after two frames: white on red read as #fbf1f1 on #c54646). Mantine starts its
  // transition a frame or more after the dialog mounts, so one look at the running animations may
  // come too early: the page is settled once two looks, a few frames apart, find none running
  // (5 s at most).
  await page.evaluate(async () => {
    const frames = (n: number) => new Promise<void>((resolve) => {
      const next = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => next(left - 1)));
      next(n);
    });
    const deadline = performance.now() + 5000;
    let quiet = 0;
    while (quiet < 2 && performance.now() < deadline) {
      await frames(3);
      // A spinner turns for ever: only animations that end are waited for.
      const running = document.getAnimations().filter((animation) => animation.effect?.getTiming().iterations !== Number.POSITIVE_INFINITY);
      if (running.length === 0) quiet += 1;
      else {
        quiet = 0;
        await Promise.all(running.map((animation) => animation.finished.catch(() => undefined)));
      }
    }
  });
  const { violations } = await runAxe(page);
  const failing = violations.filter((violation) => FAILING.has(violation.impact ?? '') || (AXE_STRUCTURE_RULES as readonly string[]).includes(violation.id));
  // Soft: a walk through every view reports every place that fails, not only the first.
  expect.soft(failing.length, `axe on ${where}:\n${describeViolations(failing)}`).toBe(0);
}
