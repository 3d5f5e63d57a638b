/// How discovery figures are written for people.
public enum DiscoveryFormat {
    /// A score or rank with two decimals (`0.90`).
    public static func score(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// A rank with three decimals (`0.872`), so near-ties show.
    public static func rank(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        let fraction = String(thousandths % 1000)
        return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    /// A success rate as a percentage (`98%`).
    static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }

    /// Seconds with one decimal (`1.2 s`).
    static func seconds(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10) s"
    }
}

/// Discovery results as plain-text tables for a terminal.
public enum DiscoveryTable {
    /// One line per specialist, in the given order. With a `capability` the SCORE
    /// column is for it; without, a CAPABILITY column shows each one's strongest.
    /// Unknown figures show as `-`.
    public static func render(_ ranked: [RankedSpecialist], capability: String?) -> String {
        var header = ["#", "SPECIALIST", "STATUS"]
        if capability == nil { header.append("CAPABILITY") }
        header += ["SCORE", "SUCCESS", "AVG TIME", "RANK"]
        var rows = [header]
        for (index, entry) in ranked.enumerated() {
            var row = ["\(index + 1)", entry.id, entry.specialist.status]
            if capability == nil { row.append(entry.capability ?? "-") }
            row += [
                entry.score.map(DiscoveryFormat.score) ?? "-",
                entry.specialist.successRate.map(DiscoveryFormat.percent) ?? "-",
                entry.specialist.averageResponseTime.map(DiscoveryFormat.seconds) ?? "-",
                entry.rank.map(DiscoveryFormat.rank) ?? "-",
            ]
            rows.append(row)
        }
        return TextTable.render(rows)
    }

    /// The winner on a line of its own, then a table of it and the runners-up.
    public static func render(best winner: RankedSpecialist, runnersUp: [RankedSpecialist], capability: String)
        -> String
    {
        let score = winner.score.map(DiscoveryFormat.score) ?? "-"
        let rank = winner.rank.map { ", rank " + DiscoveryFormat.rank($0) } ?? ""
        return "best for \(capability): \(winner.id) (score \(score)\(rank))\n"
            + render([winner] + runnersUp, capability: capability)
    }
}
