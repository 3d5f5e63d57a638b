import AishKit
import Testing

@Suite("Discovery completion")
struct DiscoveryCompletionTests {
    let completer = ShellCompleter(
        specialists: ["apollo", "athena", "metis"], capabilities: ["debugging", "documentation", "planning"])

    func expect(_ line: String, _ wordLength: Int, _ candidates: [String]) {
        let completion = completer.complete(line)
        #expect(completion.wordLength == wordLength, "\(line)")
        #expect(completion.candidates == candidates, "\(line)")
    }

    @Test func atCompletesSpecialistsAndCapabilities() {
        expect("@d", 1, ["debugging", "documentation"])
        expect("@a", 1, ["apollo", "athena"])
        expect("@pl", 2, ["planning"])
        #expect(completer.complete("@").candidates.count == 6)
    }

    @Test func useAtCompletesCapabilitiesOnly() {
        expect("/use @de", 2, ["debugging"])
        expect("/use @a", 1, [])
        expect("/use a", 1, ["apollo", "athena"])
    }
}
