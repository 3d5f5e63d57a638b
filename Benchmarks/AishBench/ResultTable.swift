/// The results table: one row per figure, then notes and failures.
struct ResultTable {
    private(set) var results: [BenchResult] = []
    private(set) var failures: [(id: String, error: String)] = []

    mutating func add(_ results: [BenchResult]) { self.results += results }
    mutating func addFailure(id: String, error: String) { failures.append((id, error)) }

    var anyMissed: Bool { results.contains(where: \.missed) }

    /// The table as text, columns aligned.
    func render() -> String {
        let header = ["benchmark", "n", "p50", "p99", "max", "target", "result"]
        var rows = results.map { result in
            let unit = result.samples.unit
            return [
                result.name, "\(result.samples.count)",
                unit.format(result.samples.p50), unit.format(result.samples.p99), unit.format(result.samples.max),
                result.target.describe(in: unit), result.verdict,
            ]
        }
        rows += failures.map { [$0.id, "-", "-", "-", "-", "-", "ERROR"] }
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        let rightAligned: Set<Int> = [1, 2, 3, 4]
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                if column == cells.count - 1 { return cell }
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? padding + cell : cell + padding
            }.joined(separator: "  ")
        }
        var lines = [line(header), String(repeating: "-", count: widths.reduce(0, +) + 2 * (widths.count - 1))]
        lines += rows.map(line)
        lines += results.compactMap { result in result.note.map { "  \(result.name): \($0)" } }
        lines += failures.map { "  \($0.id) failed: \($0.error)" }
        return lines.joined(separator: "\n")
    }
}
