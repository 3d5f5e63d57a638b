import Hummingbird
import HummingbirdTesting
import Testing

@testable import AishMockServer

@Suite struct CapabilitiesTests {
    @Test func capabilitiesListEveryFeature() async throws {
        try await withRouter { client in
            try await client.execute(uri: "/api/capabilities", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                #expect(
                    text(response) == """
                        {"version":"2.0","features":{"streaming":true,"sessions":true,"bulk_operations":true,\
                        "websocket":true,"enhanced_discovery":true},"api_versions":["v1","v2"],\
                        "deprecations":{"v1/team-chat":"use v2/bulk"}}
                        """)
            }
        }
    }

    @Test func unknownRouteHasTheErrorBody() async throws {
        try await withRouter { client in
            try await client.execute(uri: "/api/v2/nothing", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(text(response).hasPrefix(#"{"error":{"code":"NOT_FOUND","message":"#))
            }
        }
    }
}
