/**
 * wasi:sockets, present so that components built against the whole command world link, and
 * refusing: a sandboxed component gets no network (preview 1 modules get no socket either).
 */
const refused = (): never => {
  throw 'access-denied';
};

class Network {}
class TcpSocket {}
class UdpSocket {}
class IncomingDatagramStream {}
class OutgoingDatagramStream {}
class ResolveAddressStream {}

export function sockets() {
  return {
    'wasi:sockets/network': { Network, networkErrorCode: (): undefined => undefined },
    'wasi:sockets/instance-network': { instanceNetwork: (): Network => new Network() },
    'wasi:sockets/tcp': { TcpSocket },
    'wasi:sockets/tcp-create-socket': { createTcpSocket: refused },
    'wasi:sockets/udp': { UdpSocket, IncomingDatagramStream, OutgoingDatagramStream },
    'wasi:sockets/udp-create-socket': { createUdpSocket: refused },
    'wasi:sockets/ip-name-lookup': { ResolveAddressStream, resolveAddresses: refused },
  };
}
