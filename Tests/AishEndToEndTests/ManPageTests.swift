import Foundation
import Testing

/// The sections `man/aish.1` adds to what the argument parser generates
/// (`man/sections.mdoc`) against the code: every environment variable, file and exit
/// status it names is one the sources really read, write or use, and the other way
/// round. (`make check-generated` checks that the page is what `make man` builds.)
@Suite struct ManPageTests {
    private static let root = AishProcess.repositoryRoot

    @Test func thePageHasTheHandWrittenSections() throws {
        let page = try Self.page()
        for header in [".Sh ENVIRONMENT", ".Sh FILES", ".Sh \"EXIT STATUS\"", ".Sh EXAMPLES"] {
            #expect(page.contains { $0 == header }, "man/aish.1 lacks \(header)")
        }
        // The plugin's generic "exits 0 on success, and >0 if an error occurs" was replaced.
        #expect(!page.contains(".Ex -std"))
    }

    /// What makes formatters complain or lose text: a blank line is an mdoc warning
    /// (`Empty input line`), and the manual plugin drops every character outside ASCII
    /// (`0–2` became `02`), so help texts keep to ASCII.
    @Test func thePageHasNoBlankLineAndOnlyASCII() throws {
        let page = try Self.page()
        for (number, line) in page.dropLast(page.last == "" ? 1 : 0).enumerated() {
            #expect(!line.isEmpty, "man/aish.1:\(number + 1) is blank; write .Pp")
            let ascii = line.unicodeScalars.allSatisfy { $0.isASCII }
            #expect(ascii, "man/aish.1:\(number + 1): \(line)")
        }
    }

    @Test func everyEnvironmentVariableIsOneTheSourcesRead() throws {
        let documented = Set(try Self.section("ENVIRONMENT").flatMap(Self.variables(inItem:)))
        let read = try Self.variablesRead()
        #expect(!read.isEmpty)
        #expect(documented.subtracting(read).isEmpty, "documented but never read: \(documented.subtracting(read))")
        #expect(read.subtracting(documented).isEmpty, "read but not documented: \(read.subtracting(documented))")
    }

    @Test func everyFileIsOneTheSourcesUse() throws {
        let documented = Set(
            try Self.section("FILES").compactMap { line -> String? in
                guard line.hasPrefix(".It Pa "), let range = line.range(of: "/aish/") else { return nil }
                return "aish/" + line[range.upperBound...]
            })
        let used = try Self.matches(of: #/appendingPathComponent\("(aish/[A-Za-z0-9._-]+)"\)/#)
        #expect(!used.isEmpty)
        #expect(documented == used, "documented \(documented.sorted()), used \(used.sorted())")
    }

    @Test func everyExitStatusIsOneTheCodeReturns() throws {
        let documented = Set(
            try Self.section("\"EXIT STATUS\"").compactMap { line in
                line.hasPrefix(".It ") ? Int32(line.dropFirst(4)) : nil
            })
        // 0 is success; the rest are the `ExitCode(N)`s thrown and the `exitCode`s of the error types.
        var returned: Set<Int32> = [0]
        returned.formUnion(try Self.matches(of: #/ExitCode\(([0-9]+)\)/#).compactMap { Int32($0) })
        // `aish bulk`'s own statuses.
        let bulk = try String(
            contentsOf: Self.root.appendingPathComponent("Sources/AishKit/Bulk/BulkExitStatus.swift"), encoding: .utf8)
        returned.formUnion(bulk.matches(of: #/static let [a-zA-Z]+: Int32 = ([0-9]+)/#).compactMap { Int32($0.1) })
        for file in ["AishKit/Support/AishError.swift", "AishKit/Session/SessionStoreError.swift"] {
            let text = try String(contentsOf: Self.root.appendingPathComponent("Sources/" + file), encoding: .utf8)
            let body = try #require(text.firstRange(of: "var exitCode: Int32 {").map { text[$0.upperBound...] })
            let switchBody = try #require(body.firstRange(of: "\n    }\n").map { body[..<$0.lowerBound] })
            returned.formUnion(switchBody.matches(of: #/\b([0-9]+)\b/#).compactMap { Int32($0.1) })
        }
        #expect(documented == returned, "documented \(documented.sorted()), returned \(returned.sorted())")
        // `aish --help` lists the same codes (the DESCRIPTION's "Exit status:" paragraph).
        let description = try #require(try Self.page().first { $0.hasPrefix("Exit status:") })
        let listed = Set(description.matches(of: #/(?:: |; )([0-9]+) /#).compactMap { Int32($0.1) })
        #expect(listed == documented, "--help lists \(listed.sorted())")
    }

    // MARK: - Reading the page and the sources

    private static func page() throws -> [String] {
        let text = try String(contentsOf: root.appendingPathComponent("man/aish.1"), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The lines of the section `.Sh name`, up to the next section.
    private static func section(_ name: String) throws -> [String] {
        let lines = try page()
        guard let start = lines.firstIndex(of: ".Sh \(name)") else { return [] }
        let rest = lines[(start + 1)...]
        return Array(rest.prefix { !$0.hasPrefix(".Sh ") })
    }

    /// The variables an `.It Ev A , Ev B` item names.
    private static func variables(inItem line: String) -> [String] {
        guard line.hasPrefix(".It Ev ") else { return [] }
        return line.matches(of: #/Ev ([A-Z_]+)/#).map { String($0.1) }
    }

    /// Every variable the sources read: `environment["NAME"]`, `value("NAME")` (the
    /// XDG lookups), `…Variable = "NAME"` constants and the settings' `variable: "NAME"`
    /// (read through swift-configuration). The mock server is not aish's command
    /// line, so its sources do not count.
    private static func variablesRead() throws -> Set<String> {
        try matches(of: #/(?:environment\[|value\(|variable\(|Variable = |variable: )"([A-Z][A-Z0-9_]+)"/#)
    }

    /// The first capture of `regex` in every Swift file under Sources (but the mock's).
    private static func matches(of regex: Regex<(Substring, Substring)>) throws -> Set<String> {
        let sources = root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String } ?? []
        var found: Set<String> = []
        for file in files where file.hasSuffix(".swift") && !file.hasPrefix("AishMockServer/") {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            found.formUnion(text.matches(of: regex).map { String($0.1) })
        }
        return found
    }
}
