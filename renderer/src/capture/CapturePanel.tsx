/**
 * The live packet list of one capture, docked under the graph: time, source,
 * destination (container names in place of their addresses), protocol, length
 * and what the packet says; pause, a filter (the capture's own, applied in the
 * helper), save as .pcap, and close (which stops the capture).
 */
import { useMemo } from 'react';
import { useTopology } from '../store/store';
import { act } from '../actions/registry';
import { useCapture } from '../store/captureStore';

/** Rows drawn at most: the newest. The rest are kept for saving. */
const SHOWN_ROWS = 500;

export function CapturePanel() {
  const topology = useTopology();
  const state = useCapture();
  const { target, on, rows, running, pausedAt, ended, error, filter, total, dropped, forgotten } = state;
  const names = useMemo(() => {
    const byAddress = new Map<string, string>();
    for (const container of topology?.containers ?? []) {
      for (const endpoint of container.endpoints) if (endpoint.ipv4) byAddress.set(endpoint.ipv4.split('/')[0]!, container.name);
    }
    return byAddress;
  }, [topology]);
  if (!target) return null;
  const containerName =
    on?.containerName ?? topology?.containers.find((c) => c.id === target.containerId)?.name ?? target.containerId.slice(0, 12);
  const shown = (pausedAt === null ? rows : rows.filter((row) => row.number <= pausedAt)).slice(-SHOWN_ROWS);
  const first = rows[0]?.timeUs ?? 0;
  const named = (address: string) => names.get(address) ?? address;
  const status = error
    ? error
    : running
      ? `${total} packet${total === 1 ? '' : 's'}${pausedAt !== null ? ` (paused at ${pausedAt})` : ''}`
      : ended
        ? `stopped (${ended.reason === 'gone' ? 'the interface went away' : ended.reason === 'error' ? `failed: ${ended.error ?? ''}` : ended.reason}) · ${total} packets`
        : 'not running';
  return (
    <section className="capture-panel" data-testid="capture-panel" aria-label={`Packet capture on ${containerName}`}>
      <header className="capture-bar">
        <h2>
          {target.underlay ? 'VXLAN on the underlay of ' : 'Capture on '}
          <span className="mono">{containerName}</span> {on && <span className="mono">{on.ifname}</span>}
        </h2>
        <form
          className="capture-filter"
          onSubmit={(event) => {
            event.preventDefault();
            void act('capture.apply');
          }}
        >
          <input
            value={filter}
            onChange={(event) => state.setFilter(event.target.value)}
            placeholder={
              target.underlay
                ? 'VXLAN only (UDP 4789): each packet shows the frame it carries'
                : 'filter: icmp, port 53, host 10.0.0.2 and not arp…'
            }
            disabled={Boolean(target.underlay)}
            aria-label="Capture filter"
            className="mono"
          />
          <button type="submit">{running ? 'Apply' : 'Start'}</button>
        </form>
        <button type="button" onClick={() => state.setPaused(pausedAt === null)} disabled={!running && pausedAt === null}>
          {pausedAt === null ? 'Pause' : 'Resume'}
        </button>
        <button type="button" onClick={() => void act('capture.stop')} disabled={!running}>
          Stop
        </button>
        <button type="button" onClick={() => void act('capture.save')} disabled={rows.length === 0}>
          Save .pcap
        </button>
        <span className={`capture-status${error ? ' error' : ''}`} data-testid="capture-status" role="status">
          {status}
          {dropped > 0 && ` · ${dropped} dropped (the page read too slowly)`}
          {forgotten > 0 && ` · the oldest ${forgotten} let go`}
        </span>
        <button type="button" className="close" onClick={() => void act('capture.close')} aria-label="Close the capture">
          ×
        </button>
      </header>
      <div className="capture-table-wrap">
        <table className="capture-table mono" data-testid="packet-list">
          <thead>
            <tr>
              <th>No.</th>
              <th>Time</th>
              <th>Source</th>
              <th>Destination</th>
              <th>Protocol</th>
              <th>Length</th>
              <th>Info</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.number} className={`proto-${row.protocol.toLowerCase()}`}>
                <td>{row.number}</td>
                <td>{((row.timeUs - first) / 1e6).toFixed(6)}</td>
                <td>{named(row.source)}</td>
                <td>{named(row.destination)}</td>
                <td>{row.protocol}</td>
                <td>{row.length}</td>
                <td>{row.info}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {shown.length === 0 && <p className="muted capture-empty">{running ? 'Waiting for packets…' : 'No packets.'}</p>}
      </div>
    </section>
  );
}
