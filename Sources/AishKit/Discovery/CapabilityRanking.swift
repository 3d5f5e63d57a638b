/// One specialist in a discovery ranking.
public struct RankedSpecialist: Sendable, Equatable {
    /// The specialist, as discovery describes it.
    public var specialist: DiscoveredSpecialist
    /// The capability the score is for: the one asked about, or (with none asked)
    /// the specialist's strongest. Nil for a v1 specialist listed without one.
    public var capability: String?
    /// The specialist's score for ``capability``, 0–1; nil for a v1 tag match.
    public var score: Double?
    /// Whether ``capability`` is one the specialist is built for.
    public var isPrimary: Bool
    /// The ranking formula's result (see ``CapabilityRanking``); nil when nothing
    /// is known to rank by (v1 tags).
    public var rank: Double?

    /// The specialist's id.
    public var id: String { specialist.id }
}

/// Orders specialists for a job. Pure; no I/O.
///
/// **The formula.** rank = 0.7 × score + 0.2 × success rate + 0.1 × speed, where
/// score is the capability score (0–1), success rate is 0–1, and speed =
/// 1 / (1 + average response time in seconds) (1.0 for an instant answer, 0.5 at
/// one second).
///
/// **Missing metrics** count as the mean of the candidates that report them, so
/// they neither help nor hurt; when no candidate reports a metric, its term is
/// left out and the other weights are scaled up to sum to 1. With nothing at all
/// to rank by (v1 tags), there is no rank.
///
/// **Order.** Active specialists before inactive ones; then higher rank (equal to
/// six decimals counts as a tie), then higher score, then primary before not, then
/// id in alphabetical order, so the order never depends on the server's.
public enum CapabilityRanking {
    /// The weights of score, success rate and speed.
    public static let weights = (score: 0.7, successRate: 0.2, speed: 0.1)

    /// The formula in one line, for `--help`, JSON output and the README.
    public static let formula =
        "rank = 0.7 * score + 0.2 * success rate + 0.1 * speed, speed = 1 / (1 + avg response time in s); "
        + "a missing metric counts as the candidates' mean"

    /// The specialists of `specialists` that fit, best first.
    ///
    /// - Parameters:
    ///   - capability: only specialists naming it (as catalog spelling), scored for
    ///     it; nil ranks everyone by their strongest capability.
    ///   - minScore: drop specialists scoring below it; a specialist without a
    ///     score (a v1 tag match) is kept.
    ///   - includeInactive: keep specialists that are not `active`.
    public static func rank(
        _ specialists: [DiscoveredSpecialist], capability: String?, minScore: Double? = nil,
        includeInactive: Bool = false
    ) -> [RankedSpecialist] {
        let candidates =
            specialists
            .filter { includeInactive || $0.isActive }
            .compactMap { entry(for: $0, capability: capability) }
            .filter { candidate in
                guard let minScore, let score = candidate.score else { return true }
                return score >= minScore
            }
        return order(withRanks(candidates))
    }

    /// The entry for one specialist, or nil when it does not offer `capability`.
    static func entry(for specialist: DiscoveredSpecialist, capability: String?) -> RankedSpecialist? {
        if let capability {
            guard specialist.offers(capability) else { return nil }
            return RankedSpecialist(
                specialist: specialist, capability: capability, score: specialist.score(for: capability),
                isPrimary: specialist.isPrimary(capability), rank: nil)
        }
        let strongest = specialist.scores.max {
            ($0.value, specialist.isPrimary($0.key) ? 1 : 0, $1.key) < (
                $1.value, specialist.isPrimary($1.key) ? 1 : 0, $0.key
            )
        }
        return RankedSpecialist(
            specialist: specialist, capability: strongest?.key ?? specialist.primary.first,
            score: strongest?.value, isPrimary: strongest.map { specialist.isPrimary($0.key) } ?? true, rank: nil)
    }

    /// `candidates` with their ranks filled in by the formula.
    static func withRanks(_ candidates: [RankedSpecialist]) -> [RankedSpecialist] {
        let terms: [(weight: Double, value: (RankedSpecialist) -> Double?)] = [
            (weights.score, { $0.score }),
            (weights.successRate, { $0.specialist.successRate }),
            (weights.speed, { $0.specialist.averageResponseTime.map { 1 / (1 + max(0, $0)) } }),
        ]
        // Each term's stand-in for a missing value: the mean of those reported.
        let means: [Double?] = terms.map { term in
            let known = candidates.compactMap(term.value)
            return known.isEmpty ? nil : known.reduce(0, +) / Double(known.count)
        }
        let totalWeight = zip(terms, means).reduce(0) { $0 + ($1.1 == nil ? 0 : $1.0.weight) }
        guard totalWeight > 0 else { return candidates }
        return candidates.map { candidate in
            var ranked = candidate
            var sum = 0.0
            for (term, mean) in zip(terms, means) {
                guard let value = term.value(candidate) ?? mean else { continue }
                sum += term.weight * value
            }
            ranked.rank = sum / totalWeight
            return ranked
        }
    }

    /// Best first, by the order described on the type.
    static func order(_ candidates: [RankedSpecialist]) -> [RankedSpecialist] {
        func key(_ candidate: RankedSpecialist) -> (Int, Double, Double, Int) {
            (
                candidate.specialist.isActive ? 0 : 1,
                -((candidate.rank ?? -1) * 1_000_000).rounded(),
                -(candidate.score ?? -1),
                candidate.isPrimary ? 0 : 1
            )
        }
        return candidates.sorted { lhs, rhs in
            let (left, right) = (key(lhs), key(rhs))
            if left != right { return left < right }
            return lhs.id < rhs.id
        }
    }
}
