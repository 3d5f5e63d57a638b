/// Maps the name a user typed to one specialist of the roster. Pure; no I/O.
///
/// In order: the id itself (`apollo-ci`, case-insensitive); else the one specialist
/// whose id starts with `NAME-` or whose component is `NAME` (`apollo` → `apollo-ci`,
/// as real Tekton ids carry a `-ci` or `-ai` suffix), or the model whose id or name
/// is `NAME:latest` (Ollama's tags: `llama3.1` is `llama3.1:latest`). Several
/// matches are ambiguous; none is unknown, with close bare names as suggestions.
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
        let latest = query + ":latest"
        let byBareName = specialists.filter {
            $0.id.lowercased().hasPrefix(prefix) || $0.component?.lowercased() == query
                || $0.provider != nil && ($0.id.lowercased() == latest || $0.component?.lowercased() == latest)
        }
        if let match = try single(byBareName, for: name) { return match }
        throw AishError.unknownSpecialist(name: name, suggestions: suggestions(for: name))
    }

    /// Up to `limit` bare names (`apollo`, or a model's id) close to `name`: those that start with it
    /// or it starts with, then those within a small edit distance, nearest first.
    public func suggestions(for name: String, limit: Int = 3) -> [String] {
        // A provider's model is typed by its id (`local/llama3.1`) as often as by its name.
        let names = specialists.flatMap { $0.provider == nil ? [$0.bareName] : [$0.id, $0.bareName] }
        return CloseNames.suggestions(for: name, among: names, limit: limit)
    }

    /// The one specialist of `matches`, `nil` for none; several are ambiguous.
    private func single(_ matches: [Specialist], for name: String) throws(AishError) -> Specialist? {
        guard matches.count <= 1 else {
            throw AishError.ambiguousSpecialist(name: name, candidates: matches.map(\.id).sorted())
        }
        return matches.first
    }
}
