/** The actions that need no selection: the toolbar's, the palette's, the snapshot menu's. */
import { define, type Action } from './action';

export const GLOBAL_ACTIONS: Action[] = [
  define({
    id: 'global.createNetwork',
    on: 'none',
    title: () => 'New network…',
    effect: () => ({ kind: 'dialog', dialog: { kind: 'createNetwork' } }),
  }),
  define({
    id: 'global.runContainer',
    on: 'none',
    title: () => 'Run container…',
    effect: () => ({ kind: 'dialog', dialog: { kind: 'runContainer' } }),
  }),
  define({
    id: 'global.engines',
    on: 'none',
    title: () => 'Engines… (follow more Docker engines, or fewer)',
    effect: () => ({ kind: 'dialog', dialog: { kind: 'engines' } }),
  }),
  define({
    id: 'global.fit',
    on: 'none',
    title: () => 'Fit the graph to the window',
    effect: () => ({ kind: 'fit' }),
    viewOnly: true,
  }),
  define({
    id: 'global.saveSnapshot',
    on: 'none',
    title: ({ view }) => (view?.kind === 'snapshot' ? 'Save this snapshot (JSON)' : 'Save a snapshot of the engine (JSON)'),
    effect: () => ({ kind: 'saveSnapshot' }),
    viewOnly: true,
  }),
  define({
    id: 'global.exportPng',
    on: 'none',
    title: () => 'Export the view as PNG',
    effect: () => ({ kind: 'exportImage', format: 'png' }),
    viewOnly: true,
  }),
  define({
    id: 'global.exportSvg',
    on: 'none',
    title: () => 'Export the view as SVG',
    effect: () => ({ kind: 'exportImage', format: 'svg' }),
    viewOnly: true,
  }),
  define({
    id: 'global.openSnapshot',
    on: 'none',
    title: () => 'Open snapshot…',
    applies: ({ view }) => !(view?.kind === 'snapshot' && view.served),
    effect: () => ({ kind: 'pickSnapshot', purpose: 'open' }),
    viewOnly: true,
  }),
  define({
    id: 'global.compareSnapshot',
    on: 'none',
    title: () => 'Compare the engine with a snapshot…',
    applies: ({ view }) => !(view?.kind === 'snapshot' && view.served),
    effect: () => ({ kind: 'pickSnapshot', purpose: 'compare' }),
    viewOnly: true,
  }),
  define({
    id: 'global.backToLive',
    on: 'none',
    title: ({ view }) => (view?.kind === 'compare' ? 'Stop comparing' : 'Back to the live engine'),
    applies: ({ view }) => view !== undefined && view.kind !== 'live' && !(view.kind === 'snapshot' && view.served),
    effect: () => ({ kind: 'backToLive' }),
    viewOnly: true,
  }),
];
