import Foundation

/// Bars for an SVG chart drawn by the template: coordinates computed here, no script in the browser.
struct BarChart {
    static let width = 640.0
    static let height = 200.0
    static let bottom = 170.0
    static let left = 36.0

    /// Weekly pairs of bars, added beside removed, with the week's date below every other pair and a scale.
    static func weekly(_ weeks: [(label: String, added: Int, removed: Int)]) -> [String: Any] {
        let peak = max(1, weeks.map { max($0.added, $0.removed) }.max() ?? 1)
        let top = niceCeiling(peak)
        let slot = (width - left) / Double(max(1, weeks.count))
        let barWidth = max(2, slot * 0.36)
        var bars: [[String: Any]] = []
        var labels: [[String: Any]] = []
        for (index, week) in weeks.enumerated() {
            let x = left + Double(index) * slot + slot * 0.1
            for (offset, count, kind) in [(0.0, week.added, "added"), (barWidth, week.removed, "removed")] {
                let h = (bottom - 10) * Double(count) / Double(top)
                bars.append([
                    "x": format(x + offset), "y": format(bottom - h), "w": format(barWidth), "h": format(h), "kind": kind,
                    "title": "\(week.label): \(count) \(kind)",
                ])
            }
            if index % 2 == 0 { labels.append(["x": format(x), "text": week.label]) }
        }
        let ticks = [0, top / 2, top].map { value -> [String: Any] in
            ["y": format(bottom - (bottom - 10) * Double(value) / Double(top)), "text": String(value)]
        }
        return ["bars": bars, "labels": labels, "ticks": ticks, "width": format(width), "height": format(height), "left": format(left)]
    }

    /// Horizontal bars, one per row, longest first.
    static func horizontal(_ rows: [(label: String, count: Int)]) -> [[String: Any]] {
        let peak = max(1, rows.map(\.count).max() ?? 1)
        return rows.enumerated().map { index, row in
            [
                "label": row.label, "count": row.count, "y": format(Double(index) * 22), "ty": format(Double(index) * 22 + 14),
                "w": format(max(1, 300 * Double(row.count) / Double(peak))),
            ]
        }
    }

    /// 1, 2 or 5 times a power of ten, at least `value`: a scale people read at a glance.
    static func niceCeiling(_ value: Int) -> Int {
        var power = 1
        while true {
            for step in [1, 2, 5] where step * power >= value { return step * power }
            power *= 10
        }
    }

    static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
