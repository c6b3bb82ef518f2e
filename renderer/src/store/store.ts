/** The one store, and the narrow selector hooks components use. */
import { create } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import {
  createBackendStatusSlice,
  createFilterSlice,
  createLayoutSlice,
  createSelectionSlice,
  createTestingSlice,
  createTopologySlice,
  createUiSlice,
  type DockwireState,
} from './slices';

export const useDockwire = create<DockwireState>()((...args) => ({
  ...createTopologySlice(...args),
  ...createBackendStatusSlice(...args),
  ...createLayoutSlice(...args),
  ...createSelectionSlice(...args),
  ...createFilterSlice(...args),
  ...createUiSlice(...args),
  ...createTestingSlice(...args),
}));

export const useTopology = () => useDockwire((state) => state.topology);
export const useSelection = () => useDockwire((state) => state.selection);
export const useQuery = () => useDockwire((state) => state.query);
export const useBackendStatus = () =>
  useDockwire(useShallow((state) => ({ engineStatus: state.engineStatus, socket: state.socket, loadError: state.loadError })));
