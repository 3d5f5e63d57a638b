import AsyncHTTPClient

/// The discovery routes (PROTOCOL.md §6).
extension TektonClient: DiscoveryServer {
    /// Every specialist of `GET /api/v2/discovery/ais` (no filter: all statuses);
    /// nil when the server has no such route (HTTP 404).
    public func discoveredSpecialists() async throws -> [DiscoveredSpecialist]? {
        let url = self.url("/api/v2/discovery/ais")
        let response = try await get(url)
        switch response.status.code {
        case 200:
            return try await decodeJSON(AIsAnswer.self, from: response, url: url).ais
        case 404:
            _ = try? await response.body.collect(upTo: Self.errorBodyLimit)
            return nil
        default:
            throw await failure(for: response, url: url, specialistID: nil)
        }
    }

    /// The candidates of `GET /api/v2/discovery/best` for `capability` scoring at
    /// least `threshold`, best first (empty when none does); nil when the server has
    /// no such route (HTTP 404).
    public func bestMatches(capability: String, threshold: Double) async throws -> [DiscoveryCatalog.BestMatch]? {
        let query = "capability=\(PercentEncoding.encode(capability))&threshold=\(threshold)"
        let url = self.url("/api/v2/discovery/best?" + query)
        let response = try await get(url)
        switch response.status.code {
        case 200:
            let answer = try await decodeJSON(BestAnswer.self, from: response, url: url)
            return (answer.bestMatch.map { [$0] } ?? []) + (answer.alternatives ?? [])
        case 404:
            _ = try? await response.body.collect(upTo: Self.errorBodyLimit)
            return nil
        default:
            throw await failure(for: response, url: url, specialistID: nil)
        }
    }
}

extension TektonClient {
    /// The specialist Rhetor picks for `role` (a category such as `planning`, or a
    /// tag), from `GET /api/v1/ai/find/{role}`: its id, or `.some(nil)` when it found
    /// no healthy one; nil when the server has no such route (HTTP 404 or 405).
    public func findSpecialist(role: String) async throws -> String?? {
        let url = self.url("/api/v1/ai/find/" + PercentEncoding.encode(role))
        let response = try await get(url)
        switch response.status.code {
        case 200:
            let answer = try await decodeJSON(FindAnswer.self, from: response, url: url)
            guard answer.found, let id = answer.aiID.map({ TerminalText.sanitized($0) }), !id.isEmpty else {
                return .some(nil)
            }
            return .some(id)
        case 404, 405:
            _ = try? await response.body.collect(upTo: Self.errorBodyLimit)
            return nil
        default:
            throw await failure(for: response, url: url, specialistID: nil)
        }
    }
}

private struct FindAnswer: Decodable {
    var found: Bool
    var aiID: String?

    private enum CodingKeys: String, CodingKey {
        case found
        case aiID = "ai_id"
    }
}

private struct AIsAnswer: Decodable {
    var ais: [DiscoveredSpecialist]
}

private struct BestAnswer: Decodable {
    var bestMatch: DiscoveryCatalog.BestMatch?
    var alternatives: [DiscoveryCatalog.BestMatch]?

    private enum CodingKeys: String, CodingKey {
        case bestMatch = "best_match"
        case alternatives
    }
}
