/** The only two IPC channels: every method goes over CALL, every event over EVENT. */
export const CALL_CHANNEL = 'dockwire:call';
export const EVENT_CHANNEL = 'dockwire:event';
