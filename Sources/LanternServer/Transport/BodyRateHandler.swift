import NIOCore
import NIOHTTPTypes

/// Closes a connection whose request body arrives too slowly: a body may take `ConnectionLimits.bodyGrace`, and
/// beyond it must keep an average of `minimumBodyBytesPerSecond`. A large import at any honest speed passes; a
/// body trickled a byte at a time is cut off once the grace is spent. The wait for a request's head is the idle
/// timeout's.
final class BodyRateHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart

    let grace: TimeAmount
    let bytesPerSecond: Int64
    private var started: NIODeadline?
    private var received: Int64 = 0
    private var check: Scheduled<Void>?

    init(limits: ConnectionLimits) {
        grace = TimeAmount(limits.bodyGrace)
        bytesPerSecond = Int64(max(1, limits.minimumBodyBytesPerSecond))
    }

    /// When the body must be whole, given what arrived so far.
    private var deadline: NIODeadline? {
        started.map { $0 + grace + .seconds(received / bytesPerSecond) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            started = .now()
            received = 0
            schedule(context)
        case .body(let buffer):
            received += Int64(buffer.readableBytes)
        case .end:
            started = nil
            check?.cancel()
            check = nil
        }
        context.fireChannelRead(data)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        check?.cancel()
        check = nil
    }

    /// Checks at the deadline as it stood; a body that kept pace meanwhile gets a later check, not a close.
    private func schedule(_ context: ChannelHandlerContext) {
        guard let deadline else { return }
        check?.cancel()
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        check = context.eventLoop.scheduleTask(deadline: deadline) {
            let (handler, context) = loopBound.value
            guard let current = handler.deadline else { return }
            if current <= .now() {
                context.close(promise: nil)
            } else {
                handler.schedule(context)
            }
        }
    }
}
