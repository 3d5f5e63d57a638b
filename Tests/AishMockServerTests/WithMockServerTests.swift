import Testing

@testable import AishMockServer

@Suite struct WithMockServerTests {
    @Test func servesOnLoopbackAndReturnsTheBodysValue() async throws {
        let (base, status) = try await withMockServer(fastConfiguration()) { base in
            (base, try await live(base + "/api/capabilities").status)
        }
        #expect(base.hasPrefix("http://127.0.0.1:"))
        #expect(status == 200)
    }

    @Test func rethrowsTheBodysError() async throws {
        struct Boom: Error {}
        await #expect(throws: Boom.self) {
            try await withMockServer(fastConfiguration()) { _ in throw Boom() }
        }
    }
}
