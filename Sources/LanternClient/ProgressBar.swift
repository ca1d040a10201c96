import Foundation

/// A one-line progress bar on standard error, redrawn at most ten times a second.
public final class ProgressBar: @unchecked Sendable {
    public let total: Int
    public let enabled: Bool
    private var done = 0
    private var lastDraw = Date.distantPast
    private let start = Date()

    public init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
    }

    public func advance(by count: Int) {
        done += count
        guard enabled, Date().timeIntervalSince(lastDraw) > 0.1 else { return }
        lastDraw = Date()
        draw()
    }

    public func finish() {
        guard enabled else { return }
        done = total
        draw()
        FileHandle.standardError.write(Data("\n".utf8))
    }

    private func draw() {
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 1
        let width = 30
        let filled = Int(fraction * Double(width))
        let elapsed = max(0.001, Date().timeIntervalSince(start))
        let rate = Double(done) / elapsed / 1_048_576
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let line = String(format: "\r[%@] %3d%%  %.1f MiB/s", bar, Int(fraction * 100), rate)
        FileHandle.standardError.write(Data(line.utf8))
    }
}
