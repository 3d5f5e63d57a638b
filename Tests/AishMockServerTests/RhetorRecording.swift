import Foundation
import Testing

@testable import AishMockServer

/// One recorded response of Tekton's Rhetor (`shared/fixtures/rhetor-v1/NAME.http`),
/// found beside this repository (or in `Tests/Fixtures`), relative to this file.
struct RhetorRecording {
    let status: Int
    /// Header lines as `name: value` with lower-case names, `date` left out (it changes).
    let headers: [String]
    let body: String

    init(_ name: String) throws {
        let raw = try String(contentsOf: try fixtureURL(name), encoding: .utf8)
        let parts = raw.components(separatedBy: "\r\n\r\n")
        let head = parts[0].components(separatedBy: "\r\n")
        status = Int(head[0].split(separator: " ")[1]) ?? 0
        headers = Self.lines(
            head.dropFirst().map { line in
                let pair = line.split(separator: ":", maxSplits: 1)
                return (String(pair[0]), String(pair.count > 1 ? pair[1] : "").trimmingCharacters(in: .whitespaces))
            })
        body = parts.dropFirst().joined(separator: "\r\n\r\n")
    }

    /// Header pairs as sorted `name: value` lines, names lower-cased, without `date`.
    static func lines(_ pairs: [(String, String)]) -> [String] {
        pairs.filter { $0.0.lowercased() != "date" }.map { "\($0.0.lowercased()): \($0.1)" }.sorted()
    }
}

/// `text` with what changes from run to run (times, ids) replaced by fixed words.
func withoutClockValues(_ text: String) -> String {
    text.replacing(/"timestamp": ?"[0-9T:.-]+"/) { match in
        match.output.contains(": ") ? #""timestamp": "T""# : #""timestamp":"T""#
    }
    .replacing(/"elapsed_time": ?[0-9.e-]+/) { _ in #""elapsed_time":0"# }
    .replacing(/"team-chat-[0-9.]+"/) { _ in #""team-chat-N""# }
    .replacing(/"contextId":"[0-9a-f-]+"/) { _ in #""contextId":"U""# }
}

/// A Rhetor profile for tests: no pauses, no reply delay, on port 0.
func rhetorConfiguration(
    chunkPause: Double = 0, down: Set<String> = ["hermes-ci", "hephaestus-ci"], echo: Bool = false
) -> MockServerConfiguration {
    var options = RhetorOptions(chunkPause: chunkPause, replyDelay: 0, downSpecialists: down)
    options.echoReplies = echo
    return .rhetor(port: 0, options: options)
}

/// `text` for a URL query: every byte but ASCII letters and digits as `%XX`.
func queryEncoded(_ text: String) -> String {
    text.utf8.map { byte in
        let isAlphanumeric =
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        return isAlphanumeric ? String(UnicodeScalar(byte)) : String(format: "%%%02X", byte)
    }.joined()
}
