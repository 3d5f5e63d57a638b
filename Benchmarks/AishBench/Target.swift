/// What a figure should be, and whether missing it counts as a miss.
struct Target: Sendable {
    /// The statistic compared with the limit.
    enum Statistic: String, Sendable {
        case p50, p99, max
    }

    let statistic: Statistic
    /// The limit, in the samples' unit; nil when the figure is only reported.
    let limit: UInt64?
    /// Whether exceeding the limit is a MISS (else it is reported only).
    let enforced: Bool

    /// A target the figure must meet.
    static func required(_ statistic: Statistic, atMost limit: UInt64) -> Target {
        Target(statistic: statistic, limit: limit, enforced: true)
    }

    /// A figure that is reported, with a level that counts as good.
    static func reported(_ statistic: Statistic, goodAtMost limit: UInt64) -> Target {
        Target(statistic: statistic, limit: limit, enforced: false)
    }

    /// A figure that is reported, with nothing to compare.
    static let reportOnly = Target(statistic: .p50, limit: nil, enforced: false)

    /// `p50 ≤ 20 ms`, or `report (p50 ≤ 1 ms good)`, or `report`.
    func describe(in unit: SampleUnit) -> String {
        guard let limit else { return "report" }
        let condition = "\(statistic.rawValue) ≤ \(unit.formatLimit(limit))"
        return enforced ? condition : "report (\(condition) good)"
    }

    /// PASS/MISS for an enforced target, good/over for a reported one, `-` otherwise.
    func judge(_ samples: Samples) -> String {
        guard let limit else { return "-" }
        let value: UInt64
        switch statistic {
        case .p50: value = samples.p50
        case .p99: value = samples.p99
        case .max: value = samples.max
        }
        if enforced { return value <= limit ? "PASS" : "MISS" }
        return value <= limit ? "good" : "over"
    }
}
