/// Filtering and ranking of the roster by capability scores; pure, no I/O.
enum DiscoveryRanking {
    /// A specialist's score for one capability.
    struct Match: Sendable {
        let specialist: Specialist
        let score: Double
        let isPrimary: Bool
    }

    /// Specialists with the capability (scoring at least `minScore` for it), or
    /// without one, whose best score reaches `minScore`; optionally only those
    /// with `status`. With a capability, the best come first; otherwise the
    /// roster's order is kept.
    static func list(capability: String?, minScore: Double?, status: String?) -> [Specialist] {
        let candidates = Roster.all.filter { status == nil || $0.status == status }
        guard let capability else {
            guard let minScore else { return candidates }
            return candidates.filter { ($0.scores.map(\.value).max() ?? 0) >= minScore }
        }
        return candidates.enumerated()
            .compactMap { index, specialist in specialist.score(for: capability).map { (index, specialist, $0) } }
            .filter { $0.2 >= (minScore ?? 0) }
            .sorted { ($0.2, -$0.0) > ($1.2, -$1.0) }
            .map(\.1)
    }

    /// Active specialists scoring at least `threshold` for the capability, best
    /// first; ties go to a specialist for which it is primary, then roster order.
    static func matches(capability: String, threshold: Double) -> [Match] {
        Roster.all.enumerated()
            .filter { $0.element.healthy }
            .compactMap { index, specialist in
                specialist.score(for: capability).map {
                    (
                        index,
                        Match(specialist: specialist, score: $0, isPrimary: specialist.primary.contains(capability))
                    )
                }
            }
            .filter { $0.1.score >= threshold }
            .sorted { ($0.1.score, $0.1.isPrimary ? 1 : 0, -$0.0) > ($1.1.score, $1.1.isPrimary ? 1 : 0, -$1.0) }
            .map(\.1)
    }
}
