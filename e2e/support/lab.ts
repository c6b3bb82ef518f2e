/**
 * The window on the many-hosts lab (tests/support/lab.ts): `dockwire serve --context node1 … nodeN` with the
 * lab's contexts, and an `app` fixture that opens it. A spec brings the lab up in beforeAll (as it needs it),
 * then calls serveLab; stopLab in afterAll stops the server and takes the lab down.
 */
import { test as base, type Locator } from '@playwright/test';
import { labDown, labEnv, type LabNode } from '../../tests/support/lab';
import { startServeProcess, type ServeProcess } from '../../tests/support/serve';
import { GraphPage } from '../pages/GraphPage';

let serve: ServeProcess | null = null;

/** configHome: where the window remembers the engines chosen in it (a fresh one unless given). */
export async function serveLab(nodes: LabNode[], configHome?: string): Promise<void> {
  serve?.stop();
  serve = await startServeProcess(
    nodes.flatMap((node) => ['--context', node.name]),
    labEnv(),
    ...(configHome ? [configHome] : []),
  );
}

/** The served window's address (its token in it), for a page to open after serveLab started another. */
export function labUrl(): string {
  if (!serve) throw new Error('the lab is not served: call serveLab first');
  return serve.url;
}

export function stopLab(): void {
  serve?.stop();
  serve = null;
  labDown();
}

export const test = base.extend<{ app: GraphPage }>({
  app: async ({ page }, use) => {
    if (!serve) throw new Error('the lab is not served: call serveLab in beforeAll');
    await page.goto(serve.url);
    await use(new GraphPage(page));
  },
});

/** Box of a locator on screen (it must be drawn). */
export async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error(`${locator} is not drawn`);
  return found;
}
