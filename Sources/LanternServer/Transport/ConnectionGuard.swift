import Foundation
import HummingbirdCore
import Logging
import NIOCore
import Synchronization

/// Counts the connections a server holds, by remote address, and refuses those past `ConnectionLimits`: a
/// stranger who opens a thousand sockets gets most of them closed at once and the rest at the idle timeout, and
/// honest peers keep their share.
public final class ConnectionCounter: Sendable {
    let limits: ConnectionLimits
    private let open = Mutex<(total: Int, byAddress: [String: Int])>((0, [:]))

    public init(limits: ConnectionLimits) { self.limits = limits }

    /// Takes a place for a connection from `address`. - Returns: false when none is left.
    func admit(_ address: String) -> Bool {
        open.withLock { open in
            guard open.total < limits.connections, open.byAddress[address, default: 0] < limits.connectionsPerAddress else { return false }
            open.total += 1
            open.byAddress[address, default: 0] += 1
            return true
        }
    }

    func release(_ address: String) {
        open.withLock { open in
            open.total -= 1
            let left = open.byAddress[address, default: 1] - 1
            open.byAddress[address] = left > 0 ? left : nil
        }
    }

    /// Connections open now.
    public var current: Int { open.withLock { $0.total } }
}

/// The first handler of every accepted connection: takes its place in the counter or closes it.
final class ConnectionGuardHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny
    let counter: ConnectionCounter
    let onRefused: @Sendable () -> Void
    private var address: String?

    init(counter: ConnectionCounter, onRefused: @escaping @Sendable () -> Void) {
        self.counter = counter
        self.onRefused = onRefused
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let address = context.channel.remoteAddress?.ipAddress ?? "unknown"
        guard counter.admit(address) else {
            onRefused()
            context.close(promise: nil)
            return
        }
        self.address = address
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let address {
            counter.release(address)
            self.address = nil
        }
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        if let address {
            counter.release(address)
            self.address = nil
        }
    }
}

/// A server child channel with the guard in front of `base` (TLS, then HTTP/1.1).
struct GuardedChannel<Base: ServerChildChannel>: ServerChildChannel {
    typealias Value = Base.Value
    let base: Base
    let counter: ConnectionCounter
    let onRefused: @Sendable () -> Void

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(ConnectionGuardHandler(counter: counter, onRefused: onRefused))
        }.flatMap { base.setup(channel: channel, logger: logger) }
    }

    func handle(value: Base.Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}
