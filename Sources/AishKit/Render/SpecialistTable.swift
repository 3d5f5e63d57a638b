/// The roster as a plain-text table: id, status, category, capabilities.
public enum SpecialistTable {
    /// One header line and one line per specialist, healthy ones first, each
    /// group sorted by id. Columns are padded to the widest cell; with a `width`
    /// (a terminal's), the capabilities wrap at words to fit it.
    public static func render(_ specialists: [Specialist], width: Int? = nil) -> String {
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
        return TextTable.render(rows, width: width)
    }
}
