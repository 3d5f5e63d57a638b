/// The roster as a plain-text table: id, status, category, capabilities.
public enum SpecialistTable {
    /// One header line and one line per specialist, healthy ones first, each
    /// group sorted by id. Columns are padded to the widest cell.
    public static func render(_ specialists: [Specialist]) -> String {
        let sorted = specialists.sorted { ($0.healthy ? 0 : 1, $0.id) < ($1.healthy ? 0 : 1, $1.id) }
        var rows = [["SPECIALIST", "STATUS", "CATEGORY", "CAPABILITIES"]]
        for specialist in sorted {
            rows.append([
                specialist.id,
                specialist.healthy ? "healthy" : "unavailable",
                specialist.category ?? "-",
                specialist.capabilities.isEmpty ? "-" : specialist.capabilities.joined(separator: ", "),
            ])
        }
        let widths = (0..<3).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            (0..<3).map { row[$0].padding(toLength: widths[$0]) }.joined(separator: "  ") + "  " + row[3]
        }.joined(separator: "\n") + "\n"
    }
}

extension String {
    fileprivate func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
