import AishKit
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Children started with `posix_spawn`: their streams, statuses and environment,
/// and no descriptor of ours leaking into them.
@Suite struct SpawnedProcessTests {
    private func text(_ descriptor: Int32?) -> String {
        String(decoding: descriptor.map(SpawnedProcess.readToEnd) ?? [], as: UTF8.self)
    }

    @Test func outputErrorsAndTheExitStatusComeBack() throws {
        let child = try SpawnedProcess.spawn(
            "/bin/sh", ["-c", "printf out; printf err >&2; exit 3"], environment: [:], output: .pipe, errors: .pipe)
        #expect(text(child.output) == "out")
        #expect(text(child.errors) == "err")
        #expect(child.wait() == 3)
    }

    @Test func inputGoesThroughAPipe() throws {
        let child = try SpawnedProcess.spawn("/bin/cat", [], environment: [:], input: .pipe, output: .pipe)
        SpawnedProcess.writeAll(Array("line one\nline two\n".utf8), to: try #require(child.input))
        #expect(text(child.output) == "line one\nline two\n")
        #expect(child.wait() == 0)
    }

    @Test func aSignalThatEndsTheChildIsReportedAsAShellWould() throws {
        let child = try SpawnedProcess.spawn("/bin/sh", ["-c", "kill -TERM $$"], environment: [:])
        #expect(child.wait() == 128 + SIGTERM)
    }

    @Test func theChildGetsExactlyTheEnvironmentGiven() throws {
        let child = try SpawnedProcess.spawn(
            "/usr/bin/env", [], environment: ["AISH_SPAWN_TEST": "one two"], output: .pipe)
        #expect(text(child.output) == "AISH_SPAWN_TEST=one two\n")
        #expect(child.wait() == 0)
    }

    /// A descriptor the parent left inheritable (as `openpty` and `pipe` make them)
    /// is closed in the child, which sees only its three standard streams.
    @Test func noDescriptorOfTheParentLeaksIntoTheChild() throws {
        var ends: [Int32] = [-1, -1]
        #expect(pipe(&ends) == 0)
        defer { for end in ends { close(end) } }
        let child = try SpawnedProcess.spawn(
            "/bin/sh", ["-c", "ls /proc/$$/fd"], environment: [:], output: .pipe)
        let open = Set(text(child.output).split(separator: "\n").map(String.init))
        #expect(child.wait() == 0)
        #expect(open.isSubset(of: ["0", "1", "2", "10"]), "\(open)")
        #expect(!open.contains(String(ends[0])) && !open.contains(String(ends[1])))
    }

    @Test func aProgramThatCannotStartIsNamed() {
        #expect {
            _ = try SpawnedProcess.spawn("/no/such/program", [], environment: [:])
        } throws: { error in
            "\(error)".contains("/no/such/program")
        }
    }
}
