/**
 * Pure: a trace lit on the graph. Each wire the packets should cross is green where every hop of it saw them, and
 * the first wire where a hop did not is red (the place they died); wires past it stay unlit, since nothing reached
 * them. When every hop saw the request and no answer came back, the return path is read the same way, from the
 * target back: the first wire that saw no answer is red. A target that said no (a reset) is marked on its card.
 */
import type { TraceHopReport, TraceReport } from '../../../common/trace';
import { endpointWireId, handWireId } from '../layout/ids';
import type { TestPath, Verdict } from './testPath';

const wireIdOf = (hop: TraceHopReport) => {
  if (!hop.wire) return null;
  return 'networkId' in hop.wire
    ? endpointWireId(hop.wire.containerId, hop.wire.networkId)
    : handWireId(hop.wire.containerId, hop.wire.linkIfindex);
};

/** The wires in the order the packets reach them, each with its hops. */
function wiresInOrder(hops: TraceHopReport[]): Array<{ id: string; hops: TraceHopReport[] }> {
  const wires: Array<{ id: string; hops: TraceHopReport[] }> = [];
  for (const hop of hops) {
    const id = wireIdOf(hop);
    if (!id) continue;
    const last = wires.at(-1);
    if (last?.id === id) last.hops.push(hop);
    else wires.push({ id, hops: [hop] });
  }
  return wires;
}

export function tracePath(report: TraceReport): TestPath {
  const wires = new Map<string, Verdict>();
  const ordered = wiresInOrder(report.hops);
  const watched = (hop: TraceHopReport) => hop.request !== null;
  const requestDiedAt = ordered.findIndex((w) => w.hops.some((h) => watched(h) && !h.request));
  if (report.outcome === 'no-route') {
    // Nothing left the source: its first wire is where it stopped.
    if (ordered[0]) wires.set(ordered[0].id, 'fail');
    return { wires, failedAt: null };
  }
  ordered.forEach((wire, index) => {
    if (requestDiedAt < 0 || index < requestDiedAt) wires.set(wire.id, 'ok');
    else if (index === requestDiedAt) wires.set(wire.id, 'fail');
  });
  if (requestDiedAt < 0 && report.outcome === 'lost') {
    // There and not back: the first wire from the target's end that saw no answer.
    const back = [...ordered].reverse().find((w) => w.hops.some((h) => watched(h) && !h.reply));
    if (back) wires.set(back.id, 'fail');
  }
  return { wires, failedAt: report.outcome === 'refused' ? report.target.containerId : null };
}
