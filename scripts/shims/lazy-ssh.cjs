// docker-modem loads ssh2 at start; only ssh:// engines need it. Loaded on first use instead.
module.exports = function lazySsh(options) {
  return require('docker-modem/lib/ssh.js')(options);
};
