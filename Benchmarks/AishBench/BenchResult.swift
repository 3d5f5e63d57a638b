/// One row of the results table: a named figure, its samples and its target.
struct BenchResult: Sendable {
    let name: String
    let samples: Samples
    let target: Target
    /// A short remark printed under the table (sizes, sanity checks).
    var note: String?

    var verdict: String { target.judge(samples) }
    var missed: Bool { verdict == "MISS" }
}
