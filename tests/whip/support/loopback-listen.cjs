// Preloaded into simple-whip-server, which calls `listen(port)` on every interface: the tests
// may use loopback only, so a listen without a host binds 127.0.0.1.
const net = require('node:net');
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (port, ...rest) {
  if (typeof port === 'number' && (rest.length === 0 || typeof rest[0] === 'function'))
    return listen.call(this, port, '127.0.0.1', ...rest);
  return listen.call(this, port, ...rest);
};
