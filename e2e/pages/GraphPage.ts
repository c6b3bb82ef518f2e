/** The main window as a person sees it: the graph, the inspector, the toolbar and the banner. */
import { expect, type Locator, type Page } from '@playwright/test';

const SCREENSHOTS = new URL('../artifacts/screenshots/', import.meta.url).pathname;

export class GraphPage {
  constructor(readonly page: Page) {}

  network(name: string): Locator {
    return this.page.getByTestId(`network-${name}`);
  }

  container(name: string): Locator {
    return this.page.getByTestId(`container-${name}`);
  }

  /** Comparing with a snapshot: the mark on a container's card (new, removed, changed), drawn on its top edge. */
  containerMark(name: string, mark: 'added' | 'removed' | 'changed'): Locator {
    return this.page
      .locator('.react-flow__node')
      .filter({ has: this.container(name) })
      .getByTestId(`mark-${mark}`);
  }

  /** A container's row for one network: the network, the address, and the veth pair and MAC of its wire. */
  endpointLabel(container: string, network: string): Locator {
    return this.page.getByTestId(`endpoint-row-${container}-${network}`);
  }

  /** A container's row for a link made by hand (Docker does not know it), on a bridge of this network. */
  handWiredLabel(container: string, network: string): Locator {
    return this.page.getByTestId(`hand-row-${container}-${network}`);
  }

  get helperStatus(): Locator {
    return this.page.getByTestId('helper-status');
  }

  inspectorField(label: string): Locator {
    return this.page.getByTestId('inspector').getByTestId(`field-${label}`).locator('dd');
  }

  get inspector(): Locator {
    return this.page.getByTestId('inspector');
  }

  get banner(): Locator {
    return this.page.getByTestId('status-banner');
  }

  get emptyState(): Locator {
    return this.page.getByTestId('empty-state');
  }

  /** The graph is drawn: its first group's frame is on screen. */
  async waitForGraph(): Promise<void> {
    await expect(this.page.locator('[data-testid^="group-"]').first()).toBeVisible({ timeout: 15_000 });
  }

  /** A group's frame (a compose project, "started by hand", "shared networks"), or its tile when collapsed. */
  group(title: string): Locator {
    return this.page.getByTestId(`group-${title}`);
  }

  async search(text: string): Promise<void> {
    await this.page.getByRole('searchbox', { name: 'Filter by container or network name' }).fill(text);
  }

  async fitView(): Promise<void> {
    await this.page.getByRole('button', { name: 'Fit', exact: true }).click();
    await this.viewSettled();
  }

  /** The connectivity test panel. */
  get testPanel(): Locator {
    return this.page.getByTestId('test-panel');
  }

  /** Selects a container, opens its test with T, types the target and runs it with Enter; resolves once a verdict says it failed. */
  async runFailingTest(from: string, target: string): Promise<Locator> {
    await this.select(this.container(from));
    await this.page.keyboard.press('t');
    const panel = this.testPanel;
    await panel.getByLabel('Target').fill(target);
    await panel.getByLabel('Target').press('Enter');
    await expect(panel.getByTestId('test-verdict')).toContainText('The test failed', { timeout: 15_000 });
    return panel;
  }

  /** Zooms in as a person would, a step at a time, until the node is drawn near enough to show its rows (not 'far').
   *  How far out the first fit lands depends on the window and the host, so the number of steps is not fixed. */
  async zoomInUntilRowsShow(node: Locator): Promise<void> {
    await expect(async () => {
      if (/\blod-far\b/.test((await node.getAttribute('class')) ?? '')) {
        await this.page.getByRole('button', { name: 'Zoom In' }).click();
      }
      await expect(node).not.toHaveClass(/\blod-far\b/, { timeout: 1_000 });
    }).toPass({ timeout: 10_000 });
  }

  /** The picture stands still: laid out, fitted to the window, no fit animating (the page says so on the graph). */
  async viewSettled(): Promise<void> {
    await expect(this.page.getByLabel('Network graph')).toHaveAttribute('data-view-settled', 'true', { timeout: 15_000 });
  }

  /** Clicks a node's title bar (the middle of a tall node may be an edge label's place). */
  async select(node: Locator): Promise<void> {
    await node.click({ position: { x: 60, y: 12 } });
  }

  async showRawJson(): Promise<string> {
    await this.inspector.getByRole('button', { name: /raw inspect JSON/ }).click();
    return (await this.inspector.getByTestId('raw-json').textContent()) ?? '';
  }

  dialog(testId: 'connect-dialog' | 'confirm-dialog' | 'create-network-dialog' | 'run-container-dialog'): Locator {
    return this.page.getByTestId(testId);
  }

  get contextMenu(): Locator {
    return this.page.getByTestId('context-menu');
  }

  toast(text: string | RegExp): Locator {
    return this.page.getByTestId('toast').filter({ hasText: text });
  }

  /** A real mouse drag: press on the container's title bar, move onto the network node, release. */
  async dragContainerOnto(container: string, network: string, withShift = false): Promise<void> {
    // Measured while a fit still moves the view, the press lands on the pane and the drag pans it instead.
    await this.viewSettled();
    const from = (await this.container(container).boundingBox())!;
    const to = (await this.network(network).boundingBox())!;
    await this.page.mouse.move(from.x + 50, from.y + 12);
    await this.page.mouse.down();
    await this.page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 15 });
    if (withShift) await this.page.keyboard.down('Shift');
    await this.page.mouse.up();
    if (withShift) await this.page.keyboard.up('Shift');
  }

  async rightClick(node: Locator): Promise<void> {
    await node.click({ button: 'right', position: { x: 60, y: 12 } });
  }

  /** Writes a screenshot of the whole window to e2e/artifacts/screenshots/NAME.png. */
  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `${SCREENSHOTS}${name}.png` });
  }
}
