/**
 * Engines chosen in the window (the Engines dialog) on the lab's Docker hosts: a window that follows node1
 * adds node2 from the list of Docker contexts and draws both, live; removes node1 and draws node2 alone; and
 * a window started again without engines named follows what was chosen.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from '@playwright/test';
import { TEST_IMAGE } from '../../tests/support/docker';
import { dockerOn, labUp, type LabNode } from '../../tests/support/lab';
import { labUrl, serveLab, stopLab, test } from '../support/lab';

let nodes: LabNode[] = [];
const configHome = mkdtempSync(join(tmpdir(), 'dockwire-config-'));

test.beforeAll(async () => {
  test.setTimeout(120_000);
  nodes = labUp(2);
  dockerOn(nodes[0]!, 'run', '-d', '--name', 'one', TEST_IMAGE);
  dockerOn(nodes[1]!, 'run', '-d', '--name', 'two', TEST_IMAGE);
  await serveLab([nodes[0]!], configHome);
});
test.afterAll(stopLab);

test('a window on node1 adds node2 from the Docker contexts, draws both live, then drops node1', async ({ app }) => {
  await app.waitForGraph();
  await expect(app.container('one')).toBeVisible();
  await expect(app.page.getByTestId('host-node1')).toHaveCount(0);
  await app.page.getByTestId('engine').click();
  const dialog = app.page.getByTestId('engines-dialog');
  await expect(dialog.getByTestId('engine-node1')).toContainText(nodes[0]!.host);
  await expect(dialog.getByTestId('context-node2')).toContainText(nodes[1]!.host);
  await expect(dialog.getByTestId('context-node1')).toHaveCount(0);
  await expect(dialog).toContainText(`Remembered in ${configHome}/dockwire/engines.json`);
  await app.screenshot('engines-dialog');
  await dialog.getByTestId('context-node2').getByRole('button', { name: 'Add' }).click();
  await expect(dialog.getByTestId('engine-node2')).toBeVisible();
  // Live: the new engine's frame is drawn as it answers, its container in it; the first keeps its own.
  await expect(app.page.getByTestId('host-node2')).toBeVisible({ timeout: 10_000 });
  await expect(app.page.getByTestId('engine')).toHaveText('2 engines · 2 live', { timeout: 10_000 });
  await expect(app.container('two')).toBeVisible();
  await expect(app.container('one')).toBeVisible();
  // A bad address is refused in words, and nothing changes.
  await dialog.getByTestId('engine-address').fill('not-an-address');
  await expect(dialog.getByTestId('dialog-problems')).toContainText('An address starts with unix://');
  await dialog.getByTestId('engine-address').fill('');
  await dialog.getByTestId('engine-node1').getByRole('button', { name: 'Remove' }).click();
  await expect(dialog.getByTestId('engine-node1')).toHaveCount(0);
  await expect(dialog.getByTestId('engine-node2').getByRole('button', { name: 'Remove' })).toBeDisabled();
  await app.page.keyboard.press('Escape');
  await expect(app.container('one')).toHaveCount(0, { timeout: 10_000 });
  await expect(app.container('two')).toBeVisible();
  await expect(app.page.getByTestId('host-node2')).toHaveCount(0);
});

test('a window started again without engines named follows the engines chosen last', async ({ app }) => {
  await serveLab([], configHome);
  await app.page.goto(labUrl());
  await app.waitForGraph();
  await expect(app.container('two')).toBeVisible();
  await expect(app.container('one')).toHaveCount(0);
});
