/**
 * Subscribes the store to the backend, once, at start-up: pushed Topology and
 * engine status flow in; nothing polls. When the link to the backend comes
 * back (browser mode), state is fetched afresh.
 */
import type { DockwireClient } from '../../../common/contract';
import type { Transport } from '../client/transport';
import { useDockwire } from './store';
import { useCapture } from '../capture/captureStore';

export function subscribeStore(client: DockwireClient, transport: Transport): () => void {
  const { setTopology, setEngineStatus, setLink, setLoadError } = useDockwire.getState();
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
    client.on('matrix', (progress) => useDockwire.getState().applyMatrixProgress(progress)),
    client.on('wire', (progress) => useDockwire.getState().applyWireProgress(progress)),
    client.on('testStep', (progress) => useDockwire.getState().applyTestStep(progress)),
    client.on('pullProgress', (progress) => useDockwire.getState().applyPullProgress(progress)),
    client.on('capturePackets', (batch) => useCapture.getState().append(batch)),
    client.on('captureEnd', (end) => useCapture.getState().end(end)),
    transport.onLinkState((link) => {
      setLink(link);
      if (link === 'open') void refresh();
    }),
  ];
  return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
}
