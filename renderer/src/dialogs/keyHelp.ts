/**
 * Pure: every key Dockwire answers, in words, for the "Keys" list (? or the
 * toolbar's Keys button). The action keys here are checked against the action
 * registry's key hints by a unit test, so the list cannot fall behind.
 */
export interface KeyHelp {
  keys: string;
  does: string;
}

export const KEY_HELP: { heading: string; keys: KeyHelp[] }[] = [
  {
    heading: 'Find and move',
    keys: [
      { keys: '/', does: 'Filter: type a name, service, network, IP or state' },
      { keys: 'Enter', does: 'In the filter: frame the matches and focus the first one' },
      { keys: 'Tab', does: 'Into the graph (one stop), then on to the panel beside it' },
      { keys: '← ↑ → ↓', does: 'To what is drawn that way; Right from a network enters its containers' },
      { keys: '↓ then ←', does: 'On a container: into its rows (one per network), then to that network' },
      { keys: 'Escape', does: 'Close the test or the inspector; on the graph, clear the selection' },
    ],
  },
  {
    heading: 'Act on what has focus',
    keys: [
      { keys: 'T', does: 'Test connectivity from the container (focus goes to the target)' },
      { keys: 'C', does: 'Connect the container to a network' },
      { keys: 'Delete', does: 'Remove the container or network, or disconnect the row' },
      { keys: 'Shift+F10', does: 'The menu of everything that applies' },
      { keys: 'Ctrl+K', does: 'The command palette: every action, by name' },
      { keys: '?', does: 'This list' },
    ],
  },
];

/** The key of a row, as the registry hints it (the first word: "Delete", "T"). */
export const helpedKeys = (): string[] => KEY_HELP.flatMap((group) => group.keys.map((row) => row.keys.split(' ')[0]!));
