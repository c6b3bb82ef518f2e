/** Whichever dialog the store says is open. */
import { useDockwire } from '../store/store';
import { ConfirmDialog } from './ConfirmDialog';
import { ConnectDialog } from './ConnectDialog';
import { CreateNetworkDialog } from './CreateNetworkDialog';
import { RunContainerDialog } from './RunContainerDialog';
import { WireDialog } from './WireDialog';
import { KeysDialog } from './KeysDialog';
import { EnginesDialog } from './EnginesDialog';

export function Dialogs() {
  const dialog = useDockwire((state) => state.dialog);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'createNetwork':
      return <CreateNetworkDialog />;
    case 'runContainer':
      return <RunContainerDialog network={dialog.network} />;
    case 'connect':
      return (
        <ConnectDialog key={`${dialog.containerId}:${dialog.networkId}`} containerId={dialog.containerId} networkId={dialog.networkId} />
      );
    case 'wire':
      return <WireDialog containerId={dialog.containerId} networkId={dialog.networkId} />;
    case 'keys':
      return <KeysDialog />;
    case 'engines':
      return <EnginesDialog />;
    case 'confirm':
      return <ConfirmDialog title={dialog.title} body={dialog.body} confirmLabel={dialog.confirmLabel} change={dialog.change} />;
  }
}
