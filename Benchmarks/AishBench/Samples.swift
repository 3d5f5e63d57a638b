import Histogram

/// The unit a benchmark records its samples in.
enum SampleUnit: Sendable {
    /// Durations, recorded in whole microseconds.
    case microseconds
    /// Memory, recorded in KiB (what `ru_maxrss` reports on Linux).
    case kibibytes
    /// A share of one core's time, in hundredths of a percent (basis points).
    case basisPoints

    /// `value` for people: `312 µs`, `12.34 ms`, `1.234 s`, `23.4 MB` (10⁶ bytes).
    func format(_ value: UInt64) -> String {
        switch self {
        case .microseconds:
            if value < 1_000 { return "\(value) µs" }
            if value < 1_000_000 { return Self.decimal(Double(value) / 1_000, places: 2) + " ms" }
            return Self.decimal(Double(value) / 1_000_000, places: 3) + " s"
        case .kibibytes:
            return Self.decimal(Double(value) * 1_024 / 1_000_000, places: 1) + " MB"
        case .basisPoints:
            return Self.decimal(Double(value) / 100, places: 2) + "%"
        }
    }

    /// `value` without needless decimals, for limits: `20 ms`, `40 MB`.
    func formatLimit(_ value: UInt64) -> String {
        var text = format(value)
        while let dot = text.firstIndex(of: "."), let space = text.firstIndex(of: " "), dot < space {
            let last = text.index(before: space)
            guard text[last] == "0" || last == dot else { break }
            text.remove(at: last)
        }
        return text
    }

    private static func decimal(_ value: Double, places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((value * scale).rounded())
        let whole = scaled / Int(scale)
        let fraction = String(scaled % Int(scale))
        return "\(whole)." + String(repeating: "0", count: places - fraction.count) + fraction
    }
}

/// The samples of one measurement, with percentiles from an HdrHistogram
/// (three significant digits).
struct Samples: Sendable {
    let unit: SampleUnit
    private var histogram = Histogram<UInt64>(numberOfSignificantValueDigits: .three)

    init(unit: SampleUnit) { self.unit = unit }

    mutating func record(_ value: UInt64) { histogram.record(value) }

    /// Records a duration in microseconds (rounded down).
    mutating func record(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let micros = Swift.max(0, seconds) * 1_000_000 + Swift.max(0, attoseconds) / 1_000_000_000_000
        record(UInt64(micros))
    }

    var count: UInt64 { histogram.totalCount }
    var p50: UInt64 { histogram.valueAtPercentile(50) }
    var p99: UInt64 { histogram.valueAtPercentile(99) }
    var max: UInt64 { histogram.maxRecorded }
}
