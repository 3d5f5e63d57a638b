import Hummingbird

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Discovery (PROTOCOL.md §6): list specialists by capability score, and pick
/// the best one for a capability.
struct DiscoveryRoutes: Sendable {
    /// Adds the routes to `router`.
    func register(on router: Router<MockContext>) {
        router.get("/api/v2/discovery/ais") { request, _ in
            let query = QueryParameters(request.uri.query)
            let capability = query["capability"].flatMap { $0.isEmpty ? nil : $0 }
            let minScore = try Self.score(query["min_score"], name: "min_score")
            let status = try Self.status(query["status"])
            let ais = DiscoveryRanking.list(capability: capability, minScore: minScore, status: status)
            return Response.json(
                .object([
                    "ais": .array(ais.map(Self.entry)), "total": .int(ais.count),
                    "timestamp": .string(Self.timestamp()),
                ]))
        }
        router.get("/api/v2/discovery/best") { request, _ in
            let query = QueryParameters(request.uri.query)
            guard let capability = query["capability"], !capability.isEmpty else {
                throw APIError.invalidRequest(
                    "The capability parameter is required.", details: .object(["field": "capability"]))
            }
            let threshold = try Self.score(query["threshold"], name: "threshold") ?? 0.7
            let matches = DiscoveryRanking.matches(capability: capability, threshold: threshold)
            return Response.json(
                .object([
                    "capability": .string(capability),
                    "best_match": matches.first.map(Self.match) ?? .null,
                    "alternatives": .array(matches.dropFirst().map(Self.match)),
                ]))
        }
    }

    /// One specialist as discovery describes it.
    static func entry(_ specialist: Specialist) -> JSONValue {
        .object([
            "id": .string(specialist.id), "name": .string(specialist.name), "status": .string(specialist.status),
            "model": .string(specialist.model),
            "capabilities": .object([
                "primary": .strings(specialist.primary),
                "scores": .object(specialist.scores.map { .init(name: $0.capability, value: .double($0.value)) }),
                "context_window": .int(specialist.contextWindow),
                "avg_response_time": .double(specialist.averageResponseTime),
                "success_rate": .double(specialist.successRate),
            ]),
            "features": .object(
                CapabilitiesRoute.specialistFeatureNames.map {
                    .init(name: $0, value: .bool(CapabilitiesRoute.isEnabled($0)))
                }),
        ])
    }

    private static func match(_ match: DiscoveryRanking.Match) -> JSONValue {
        .object([
            "id": .string(match.specialist.id), "score": .double(match.score), "is_primary": .bool(match.isPrimary),
        ])
    }

    private static func score(_ text: String?, name: String) throws(APIError) -> Double? {
        guard let text, !text.isEmpty else { return nil }
        guard let value = Double(text), (0...1).contains(value) else {
            throw .invalidRequest(
                "\(name) must be a number from 0 to 1, not '\(text)'.",
                details: .object(["field": .string(name), "value": .string(text)])
            )
        }
        return value
    }

    private static func status(_ text: String?) throws(APIError) -> String? {
        guard let text, !text.isEmpty else { return nil }
        guard ["active", "inactive"].contains(text) else {
            throw .invalidRequest(
                "status must be 'active' or 'inactive', not '\(text)'.",
                details: .object(["field": "status", "value": .string(text)])
            )
        }
        return text
    }

    private static func timestamp() -> String {
        Date.now.formatted(.iso8601)
    }
}
