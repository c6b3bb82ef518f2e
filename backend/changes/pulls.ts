/**
 * Pulling an image, followed by a client: its progress is pushed as
 * `pullProgress` events (at most ten a second, and the last one always), and a
 * pull can be cancelled by its id, which closes the request: the engine stops
 * the pull, and nothing is left half-done (no container is made from it).
 * Credentials come from the Docker config (../engine/registryAuth.ts).
 */
import type Docker from 'dockerode';
import { dockerMessage } from '../../common/dockerErrors.js';
import { DockwireError } from '../../common/errors.js';
import { parseImageRef, type ImageRef } from '../../common/imageRef.js';
import { explainPullError } from '../../common/pullErrors.js';
import { applyPullMessage, finishPull, startPull, type PullMessage, type PullProgress } from '../../common/pullProgress.js';
import { readFileOrNull } from '../config.js';
import { registryAuth } from '../engine/registryAuth.js';
import { refused } from '../engine/refusal.js';
import { Cancellables } from '../util/cancellables.js';
import { Listeners } from '../util/listeners.js';
import { LineSplitter } from '../util/lineSplitter.js';

export interface PullResult {
  /** The name the engine lists it under now. */
  image: string;
  id: string;
  /** It was on the engine already: nothing was pulled. */
  alreadyPresent: boolean;
}

/** More pulls than anyone runs at once. */
const MAX_PULLS = 16;
/** A line of the pull stream longer than this is not the engine's. */
const MAX_LINE = 64 * 1024;
const EMIT_EVERY_MS = 100;

export class PullRuns {
  private readonly running = new Cancellables(MAX_PULLS);
  readonly progress = new Listeners<PullProgress>();

  constructor(
    private readonly docker: Docker,
    private readonly endpointUrl: string,
    private readonly env: Record<string, string | undefined>,
  ) {}

  async pull({ ref: text, pullId }: { ref: string; pullId: number }): Promise<PullResult> {
    const ref = parseImageRef(text);
    const present = await this.imageId(ref.canonical);
    if (present) {
      this.progress.emit(finishPull(startPull(pullId, ref.text), `Image is up to date for ${ref.canonical}`));
      return { image: ref.canonical, id: present, alreadyPresent: true };
    }
    if (!this.running.canStart(pullId)) {
      throw new DockwireError('busy', `Pull ${pullId} is running already, or ${MAX_PULLS} pulls are: wait for one to end.`);
    }
    return this.running.run(pullId, async (signal) => {
      try {
        const { auth, lookedIn } = await registryAuth(ref.registry, { env: this.env, readFile: readFileOrNull });
        const progress = await this.follow(ref, pullId, auth, lookedIn, signal);
        const id = await this.imageId(ref.canonical);
        if (!id)
          throw new DockwireError('docker-refused', `The engine said the pull of ${ref.text} ended, but has no image ${ref.canonical}.`);
        this.progress.emit(finishPull(progress, progress.status));
        return { image: ref.canonical, id, alreadyPresent: false };
      } catch (error) {
        if (signal.aborted)
          throw new DockwireError('cancelled', `Pull of ${ref.text} cancelled: the engine stopped it; no container was created.`);
        throw error;
      }
    });
  }

  /** Stops a pull that runs; an unknown or finished one is nothing to do. */
  cancel(pullId: number): void {
    this.running.cancel(pullId);
  }

  private async imageId(name: string): Promise<string | null> {
    try {
      return ((await this.docker.getImage(name).inspect()) as { Id: string }).Id;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return null;
      throw refused(error, this.endpointUrl);
    }
  }

  private async follow(
    ref: ImageRef,
    pullId: number,
    auth: Awaited<ReturnType<typeof registryAuth>>['auth'],
    lookedIn: string,
    signal: AbortSignal,
  ): Promise<PullProgress> {
    let stream: NodeJS.ReadableStream;
    try {
      stream = (await this.docker.createImage(auth ?? undefined, {
        fromImage: ref.fromImage,
        tag: ref.tagOrDigest,
        abortSignal: signal,
      })) as NodeJS.ReadableStream;
    } catch (error) {
      if (signal.aborted) throw error;
      const statusCode = (error as { statusCode?: unknown }).statusCode;
      if (typeof statusCode !== 'number') throw refused(error, this.endpointUrl);
      throw explainPullError(dockerMessage(error), ref, lookedIn);
    }
    let progress = startPull(pullId, ref.text);
    let lastEmit = 0;
    let failure: DockwireError | null = null;
    const onLine = (line: string) => {
      if (!line.trim()) return;
      let message: PullMessage;
      try {
        message = JSON.parse(line) as PullMessage;
      } catch {
        return;
      }
      if (message.error || message.errorDetail?.message) {
        failure ??= explainPullError(String(message.errorDetail?.message ?? message.error), ref, lookedIn);
        return;
      }
      progress = applyPullMessage(progress, message);
      const now = Date.now();
      if (now - lastEmit >= EMIT_EVERY_MS) {
        lastEmit = now;
        this.progress.emit(progress);
      }
    };
    await new Promise<void>((resolve, reject) => {
      const lines = new LineSplitter(MAX_LINE, onLine);
      stream.on('data', (chunk: Buffer) => lines.push(chunk));
      stream.on('end', () => {
        lines.end();
        resolve();
      });
      stream.on('error', reject);
    });
    if (failure) throw failure;
    return progress;
  }
}
