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
  // Transitions finished: a fading dialog is half its colours.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const { violations } = await runAxe(page);
  const failing = violations.filter((violation) => FAILING.has(violation.impact ?? '') || (AXE_STRUCTURE_RULES as readonly string[]).includes(violation.id));
  // Soft: a walk through every view reports every place that fails, not only the first.
  expect.soft(failing.length, `axe on ${where}:\n${describeViolations(failing)}`).toBe(0);
}
