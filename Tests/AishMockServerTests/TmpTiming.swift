import Foundation
import Testing
@testable import AishMockServer

@Test func tmpTiming() async throws {
    try await withMockServer(fastConfiguration()) { base in
        for _ in 0..<3 {
            let start = ContinuousClock.now
            let r = try await live(base + "/api/v2/ai/apollo/stream", method: .POST, body: #"{"message":"bench","max_tokens":20000}"#)
            print("TIMING", ContinuousClock.now - start, r.body.utf8.count)
        }
    }
}
