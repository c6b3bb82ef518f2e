/**
 * An axe-core audit of what the selector finds (the whole page by default): fails with a readable list of serious
 * or critical findings.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export async function audit(page: Page, what: string, selector?: string): Promise<void> {
  // label-content-name-mismatch is one of axe's experimental rules (off by default): a button whose accessible name
  // does not contain its visible text cannot be called by what it shows (voice control). A review found two.
  let builder = new AxeBuilder({ page }).options({ rules: { 'label-content-name-mismatch': { enabled: true } } });
  if (selector) builder = builder.include(selector);
  const { violations } = await builder.analyze();
  const severe = violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help}\n    ${violation.nodes.map((node) => node.target.join(' ')).join('\n    ')}`,
    );
  expect(severe, `${what}:\n${severe.join('\n')}`).toEqual([]);
}
