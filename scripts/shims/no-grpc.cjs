// dockerode loads gRPC at start for BuildKit sessions, which Dockwire never opens:
// this stands in for it in Dockwire's bundle, so no command pays ~80 ms for it.
module.exports = new Proxy(
  {},
  {
    get() {
      throw new Error('Dockwire does not open BuildKit sessions (gRPC is left out of its bundle)');
    },
  },
);
