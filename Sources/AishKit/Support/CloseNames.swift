/// "Did you mean" suggestions: the names of a list closest to what a user typed.
enum CloseNames {
    /// Up to `limit` of `names` close to `typed`, compared case-insensitively: those
    /// that start with it or it starts with, then those within a small edit distance,
    /// nearest first. Duplicates (ignoring case) count once.
    static func suggestions(for typed: String, among names: [String], limit: Int = 3) -> [String] {
        let query = typed.lowercased()
        guard !query.isEmpty else { return [] }
        let maxDistance = max(2, query.count / 3)
        var scored: [(rank: Int, score: Int, name: String)] = []
        var seen: Set<String> = []
        for name in names {
            let key = name.lowercased()
            guard seen.insert(key).inserted else { continue }
            if key.hasPrefix(query) || query.hasPrefix(key) {
                scored.append((0, abs(key.count - query.count), name))
            } else {
                let distance = EditDistance.between(query, key)
                if distance <= maxDistance { scored.append((1, distance, name)) }
            }
        }
        return scored.sorted { ($0.rank, $0.score, $0.name) < ($1.rank, $1.score, $1.name) }
            .prefix(limit)
            .map(\.name)
    }
}
