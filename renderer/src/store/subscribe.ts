/**
 * The store's subscription layer, the one place besides the actions' perform
 * (../actions/perform.ts) that talks to the backend: subscribed once, at
 * start-up, pushed Topology and engine status flow in; nothing polls (but the
 * traffic sampler, ./trafficSampler.ts). When the socket to the backend opens
 * again (browser mode), state is fetched afresh. Views read what is not pushed
 * (an object's raw inspect JSON, the engine's images) through the reads below.
 */
import type { DockwireClient, ImageInfo, InspectKind } from '../../../common/contract';
import type { EngineList } from '../../../common/engineList';
import type { Transport } from '../client/transport';
import { useCapture } from './captureStore';
import { useDockwire } from './store';
import { startTrafficSampler } from './trafficSampler';

let subscribed: DockwireClient | null = null;

/** Docker's own inspect JSON of an object, read on demand (the inspector's "raw JSON"). */
export function readInspect(kind: InspectKind, id: string): Promise<unknown> {
  if (!subscribed) return Promise.reject(new Error('not connected to the backend yet'));
  return subscribed.inspect({ kind, id });
}

/** The engine's images, for the run dialog's suggestions. */
/** The images of the engine (of several, the one named). */
export function readImages(engine?: string): Promise<ImageInfo[]> {
  if (!subscribed) return Promise.reject(new Error('not connected to the backend yet'));
  return subscribed.listImages(engine === undefined ? {} : { engine });
}

/** The engines the window follows, and the Docker contexts it could (the Engines dialog). */
export function readEngines(): Promise<EngineList> {
  if (!subscribed) return Promise.reject(new Error('not connected to the backend yet'));
  return subscribed.listEngines({});
}

export function subscribeStore(client: DockwireClient, transport: Transport): () => void {
  subscribed = client;
  const { setTopology, setEngineStatus, setSocket, setLoadError } = useDockwire.getState();
  const refresh = async () => {
    try {
      const status = await client.getStatus({});
      setEngineStatus(status);
      // `dockwire serve --snapshot`: the one Topology there is, shown read-only.
      if (status.state === 'snapshot') {
        if (useDockwire.getState().view.kind === 'snapshot') return;
        return useDockwire.getState().showSnapshot(await client.getTopology({}), status.source, true);
      }
      setTopology(await client.getTopology({}));
    } catch (error) {
      setLoadError(error instanceof Error ? error.message : String(error));
    }
  };
  const unsubscribes = [
    client.on('topology', setTopology),
    client.on('status', setEngineStatus),
    client.on('allPairs', (progress) => useDockwire.getState().applyAllPairsProgress(progress)),
    client.on('wire', (progress) => useDockwire.getState().applyWireProgress(progress)),
    client.on('testStep', (progress) => useDockwire.getState().applyTestStep(progress)),
    client.on('pullProgress', (progress) => useDockwire.getState().applyPullProgress(progress)),
    client.on('capturePackets', (batch) => useCapture.getState().append(batch)),
    client.on('captureEnd', (end) => useCapture.getState().end(end)),
    transport.onSocketState((socket) => {
      setSocket(socket);
      if (socket === 'open') void refresh();
    }),
    startTrafficSampler(client),
  ];
  return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
}
