import AishKit
import Foundation
import Testing

/// What the shell's commands print: aligned, dated, and clear about mistakes.
@Suite struct ShellCommandOutputTests {
    private func run(_ lines: [LineInput], store: (any SessionStore)? = nil) async throws -> MemorySink {
        let status = MemorySink()
        let context = Shell.Context(
            client: ScriptedTekton.server(), reader: ScriptedLineReader(lines), output: MemorySink(), status: status,
            interrupts: InterruptSignal(), colors: false, store: store)
        var shell = try await Shell.start(context, specialist: "apollo")
        await shell.run()
        return status
    }

    @Test func helpLinesUpItsDescriptions() async throws {
        let status = try await run([.line("/help")])
        let rows = status.text.split(separator: "\n").filter {
            $0.hasPrefix("/") || $0.hasPrefix("@") || $0.hasPrefix("\"")
        }
        #expect(rows.count == ShellCommand.Name.allCases.count + 1)
        // Each description starts after a run of three or more spaces, at the same column.
        let columns = Set(
            rows.map { row in
                row.range(of: " {3,}", options: .regularExpression).map {
                    row.distance(from: row.startIndex, to: $0.upperBound)
                }
            })
        #expect(columns == [22], "\(rows)")
    }

    @Test func sessionsIsATableWithDatesAndTheCurrentOneMarked() async throws {
        let store: any SessionStore = InMemorySessionStore()
        let status = try await run(
            [.line("a first question"), .line("/new"), .line("@athena another one"), .line("/sessions")], store: store)
        let table = try #require(status.text.components(separatedBy: "new conversation").last)
        let rows = table.split(separator: "\n").filter {
            $0.contains("apollo") || $0.contains("athena") || $0.contains("ID")
        }
        #expect(rows.count == 3)
        #expect(rows.first?.contains("LAST USED") == true)
        #expect(rows.filter { $0.hasPrefix("*") }.count == 1)
        #expect(rows.first { $0.hasPrefix("*") }?.contains("another one") == true)
        // Every row's title starts in the same column.
        let titleColumn = try #require(rows.first?.range(of: "TITLE")).lowerBound
        let offset = rows[0].distance(from: rows[0].startIndex, to: titleColumn)
        for row in rows.dropFirst() {
            let title = row.contains("another one") ? "another one" : "a first question"
            let start = try #require(row.range(of: title)).lowerBound
            #expect(row.distance(from: row.startIndex, to: start) == offset)
        }
    }

    @Test func savingIntoAMissingFolderSaysWhichFolder() async throws {
        let status = try await run([.line("hi"), .line("/save /nonexistent-aish-folder/x.md")])
        #expect(
            status.text.contains(
                "cannot write /nonexistent-aish-folder/x.md: there is no folder /nonexistent-aish-folder. Choose a path in an existing folder."
            ))
        #expect(!status.text.contains(".."))
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent-aish-folder"))
    }

    /// A write the system refuses is explained in its words, not Foundation's sentence.
    @Test func aRefusedWriteSaysWhyInTheSystemsWords() async throws {
        // /proc exists, and no file can be made in it.
        let status = try await run([.line("hi"), .line("/save /proc/aish-transcript.md")])
        #expect(
            status.text.contains(
                "cannot write /proc/aish-transcript.md: No such file or directory. Choose a writable path."),
            "\(status.text)")
        #expect(!status.text.contains("could not be completed"))
    }

    @Test func editShowsTheComposedTextBeforeSendingIt() async throws {
        let server = ScriptedTekton.server()
        let status = MemorySink()
        let context = Shell.Context(
            client: server, reader: ScriptedLineReader([.line("/edit")]), output: MemorySink(), status: status,
            interrupts: InterruptSignal(), colors: false,
            editor: ExternalEditor(environment: ["EDITOR": "printf 'composed in the editor' >"]))
        var shell = try await Shell.start(context, specialist: "apollo")
        await shell.run()
        #expect(status.text.contains("apollo› composed in the editor\n"))
        #expect(server.requests.map(\.message) == ["composed in the editor"])
    }
}
