/// Maps the name a user typed to one specialist of the roster. Pure; no I/O.
///
/// In order: the id itself (`apollo-ci`, case-insensitive); else the one specialist
/// whose id starts with `NAME-` or whose component is `NAME` (`apollo` → `apollo-ci`,
/// as real Tekton ids carry a `-ci` or `-ai` suffix). Several matches are ambiguous;
/// none is unknown, with close bare names as suggestions.
public struct SpecialistResolver: Sendable {
    /// The roster names are resolved against.
    public let specialists: [Specialist]

    /// Creates a resolver over `specialists`.
    public init(specialists: [Specialist]) {
        self.specialists = specialists
    }

    /// The specialist `name` stands for.
    ///
    /// - Throws: ``AishError/ambiguousSpecialist(name:candidates:)`` with the matching
    ///   ids, sorted; ``AishError/unknownSpecialist(name:suggestions:)`` with up to
    ///   three close names.
    public func resolve(_ name: String) throws(AishError) -> Specialist {
        if let exact = specialists.first(where: { $0.id == name }) { return exact }
        let query = name.lowercased()
        let sameID = specialists.filter { $0.id.lowercased() == query }
        if let match = try single(sameID, for: name) { return match }
        let prefix = query + "-"
        let byBareName = specialists.filter {
            $0.id.lowercased().hasPrefix(prefix) || $0.component?.lowercased() == query
        }
        if let match = try single(byBareName, for: name) { return match }
        throw AishError.unknownSpecialist(name: name, suggestions: suggestions(for: name))
    }

    /// Up to `limit` bare names (`apollo`) close to `name`: those that start with it
    /// or it starts with, then those within a small edit distance, nearest first.
    public func suggestions(for name: String, limit: Int = 3) -> [String] {
        let query = name.lowercased()
        guard !query.isEmpty else { return [] }
        let maxDistance = max(2, query.count / 3)
        var scored: [(rank: Int, score: Int, name: String)] = []
        var seen: Set<String> = []
        for specialist in specialists {
            let bare = specialist.bareName
            let key = bare.lowercased()
            guard seen.insert(key).inserted else { continue }
            if key.hasPrefix(query) || query.hasPrefix(key) {
                scored.append((0, abs(key.count - query.count), bare))
            } else {
                let distance = EditDistance.between(query, key)
                if distance <= maxDistance { scored.append((1, distance, bare)) }
            }
        }
        return scored.sorted { ($0.rank, $0.score, $0.name) < ($1.rank, $1.score, $1.name) }
            .prefix(limit)
            .map(\.name)
    }

    /// The one specialist of `matches`, `nil` for none; several are ambiguous.
    private func single(_ matches: [Specialist], for name: String) throws(AishError) -> Specialist? {
        guard matches.count <= 1 else {
            throw AishError.ambiguousSpecialist(name: name, candidates: matches.map(\.id).sorted())
        }
        return matches.first
    }
}
