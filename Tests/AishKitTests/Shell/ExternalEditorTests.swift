import Foundation
import Testing

@testable import AishKit

/// An editor that cannot be run says so, naming the variable that chose it.
@Suite struct ExternalEditorTests {
    private func failure(_ environment: [String: String]) throws -> AishError? {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("aish-editor-\(UUID().uuidString)")
        try Data().write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            try ExternalEditor(environment: environment).edit(file.path, refusal: "nothing was changed")
            return nil
        } catch {
            return error
        }
    }

    @Test func aMissingEditorIsNoSuchCommand() throws {
        let error = try failure(["EDITOR": "no-such-editor-for-aish"])
        #expect(
            error
                == .invalidArgument(
                    name: "$EDITOR", value: "no-such-editor-for-aish",
                    hint: "no such command; set $VISUAL or $EDITOR to an editor on your PATH, such as nano; "
                        + "nothing was changed"))
    }

    @Test func aFileThatIsNoProgramCannotBeRun() throws {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("aish-not-exec-\(UUID().uuidString)")
        try Data("echo hi\n".utf8).write(to: script)
        defer { try? FileManager.default.removeItem(at: script) }
        let error = try failure(["VISUAL": script.path, "EDITOR": "vi"])
        guard case .invalidArgument(let name, let value, let hint)? = error else {
            Issue.record("got \(String(describing: error))")
            return
        }
        #expect(name == "$VISUAL")
        #expect(value == script.path)
        #expect(hint.hasPrefix("it cannot be run (not executable)"))
    }

    @Test func anEditorThatFailsGivesItsStatus() throws {
        let error = try failure(["EDITOR": "exit 3;"])
        #expect(error?.description.contains("it exited with status 3; nothing was changed") == true)
    }
}
