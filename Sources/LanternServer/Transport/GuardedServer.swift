import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import NIOCore

/// The HTTP/1.1 servers of a node (the local API, and the peer endpoint over TLS) with `ConnectionLimits` applied:
/// the connection counter in front, the idle timeout on every connection, the body rate on every request.
enum GuardedServer {
    static func http1(
        limits: ConnectionLimits, counter: ConnectionCounter, tls: TLSChannelConfiguration? = nil, onRefused: @escaping @Sendable () -> Void = {}
    ) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            let http = HTTP1Channel(
                responder: responder,
                configuration: .init(additionalChannelHandlers: [BodyRateHandler(limits: limits)], idleTimeout: TimeAmount(limits.idleTimeout)))
            guard let tls else { return GuardedChannel(base: http, counter: counter, onRefused: onRefused) }
            return GuardedChannel(base: try TLSChannel(http, configuration: tls), counter: counter, onRefused: onRefused)
        }
    }
}
