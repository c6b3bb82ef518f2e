/**
 * The capture panel's state: one capture at a time, its packets as they come
 * (decoded once, on arrival), and how it ended. Bounded: the newest packets are
 * kept up to MAX_KEPT_BYTES (what "Save .pcap" writes); older ones are let go
 * and counted, so a long capture never grows the page without end.
 */
import { create } from 'zustand';
import { summarizePacket, type PacketSummary } from '../../../common/packetSummary';
import { fromBase64 } from '../../../common/pcap';
import type { CaptureEnd, CapturePackets } from '../../../common/traffic';

export const MAX_KEPT_BYTES = 32 * 1024 * 1024;

export interface CapturedRow extends PacketSummary {
  /** 1-based, in order of arrival. */
  number: number;
  timeUs: number;
  data: Uint8Array;
}

export interface CaptureTarget {
  containerId: string;
  /** The interface asked for; the container's first endpoint's when absent. */
  iface?: string;
  /** Its host's underlay instead: the VXLAN that carries its overlay traffic (no iface, no filter). */
  underlay?: true;
}

interface CaptureState {
  target: CaptureTarget | null;
  captureId: number | null;
  /** What it runs on, once started: the container's name and the interface. */
  on: { containerName: string; ifname: string; snaplen: number } | null;
  filter: string;
  running: boolean;
  /** While paused, the list stays as it was at this packet number; packets still come and are kept. */
  pausedAt: number | null;
  rows: CapturedRow[];
  keptBytes: number;
  /** Packets let go to stay within MAX_KEPT_BYTES, and packets the helper dropped (the page read too slowly). */
  forgotten: number;
  dropped: number;
  total: number;
  ended: CaptureEnd | null;
  error: string | null;
  open(target: CaptureTarget): void;
  close(): void;
  setFilter(filter: string): void;
  starting(captureId: number): void;
  started(captureId: number, on: CaptureState['on']): void;
  failed(error: string): void;
  append(batch: CapturePackets): void;
  end(end: CaptureEnd): void;
  setPaused(paused: boolean): void;
}

const fresh = {
  captureId: null,
  on: null,
  running: false,
  pausedAt: null,
  rows: [],
  keptBytes: 0,
  forgotten: 0,
  dropped: 0,
  total: 0,
  ended: null,
  error: null,
};

export const useCapture = create<CaptureState>()((set) => ({
  target: null,
  filter: '',
  ...fresh,
  open: (target) => set({ target, ...fresh }),
  close: () => set({ target: null, ...fresh }),
  setFilter: (filter) => set({ filter }),
  starting: (captureId) => set({ ...fresh, captureId, running: true }),
  started: (captureId, on) => set((state) => (state.captureId === captureId ? { on } : {})),
  failed: (error) => set({ running: false, error }),
  append: (batch) =>
    set((state) => {
      if (batch.captureId !== state.captureId) return {};
      let { total, keptBytes } = state;
      const added = batch.packets.map((packet) => {
        const data = fromBase64(packet.data);
        keptBytes += data.length;
        return { ...summarizePacket(data, packet.length), number: ++total, timeUs: packet.timeUs, data };
      });
      const rows = [...state.rows, ...added];
      let drop = 0;
      while (keptBytes > MAX_KEPT_BYTES && drop < rows.length) keptBytes -= rows[drop++]!.data.length;
      return { rows: drop ? rows.slice(drop) : rows, keptBytes, total, forgotten: state.forgotten + drop, dropped: batch.dropped };
    }),
  end: (end) => set((state) => (end.captureId === state.captureId ? { running: false, ended: end, dropped: end.dropped } : {})),
  setPaused: (paused) => set((state) => ({ pausedAt: paused ? state.total : null })),
}));
