import Foundation
import Testing

/// `make install-files` (what `make install` runs after the release build) and
/// `make uninstall`, into a temporary DESTDIR with the binary these tests run.
@Suite struct InstallTests {
    /// Where each file goes under PREFIX, and where it comes from in the repository.
    private static let installed: [(path: String, source: String?, mode: Int)] = [
        ("bin/aish", nil, 0o755),
        ("share/man/man1/aish.1", "man/aish.1", 0o644),
        ("share/bash-completion/completions/aish", "completions/aish.bash", 0o644),
        ("share/zsh/site-functions/_aish", "completions/_aish", 0o644),
        ("share/fish/vendor_completions.d/aish.fish", "completions/aish.fish", 0o644),
    ]

    @Test func installPutsEachFileWhereItsToolLooksAndUninstallRemovesThem() async throws {
        try await SessionSandbox.with { sandbox in
            let destination = sandbox.path + "/root"
            let install = try await make(["install-files", "DESTDIR=\(destination)", "PREFIX=/usr"])
            try #require(install.status == 0, "make install-files: \(install.output)\(install.errors)")
            let root = AishProcess.repositoryRoot
            for file in Self.installed {
                let path = destination + "/usr/" + file.path
                let attributes = try FileManager.default.attributesOfItem(atPath: path)
                let mode = (attributes[.posixPermissions] as? Int).map { $0 & 0o7777 }
                #expect(mode == file.mode, "\(file.path): mode \(String(mode ?? -1, radix: 8))")
                let source = file.source.map { root.appendingPathComponent($0) } ?? AishProcess.binary
                #expect(
                    FileManager.default.contentsEqual(atPath: path, andPath: source.path),
                    "\(file.path) differs from \(source.path)")
            }
            let version = try await AishProcess.run(
                ["--version"], executable: URL(fileURLWithPath: destination + "/usr/bin/aish"))
            #expect(version.status == 0)

            let uninstall = try await make(["uninstall", "DESTDIR=\(destination)", "PREFIX=/usr"])
            #expect(uninstall.status == 0, "make uninstall: \(uninstall.errors)")
            let left = Self.installed.map(\.path).filter {
                FileManager.default.fileExists(atPath: destination + "/usr/" + $0)
            }
            #expect(left.isEmpty, "left after uninstall: \(left)")
        }
    }

    @Test func aMissingBinarySaysHowToBuildIt() async throws {
        try await SessionSandbox.with { sandbox in
            let result = try await make(
                ["install-files", "DESTDIR=\(sandbox.path)/root", "BINARY=\(sandbox.path)/no-such-aish"])
            #expect(result.status != 0)
            #expect(result.output.contains("no-such-aish is missing: run 'make install'"))
            #expect(!FileManager.default.fileExists(atPath: sandbox.path + "/root"))
        }
    }

    /// Runs `make -C <repository> targets…` with the binary these tests run as BINARY.
    private func make(_ arguments: [String]) async throws -> ProcessResult {
        let repository = AishProcess.repositoryRoot.path
        return try await AishProcess.run(
            ["make", "--no-print-directory", "-C", repository, "BINARY=\(AishProcess.binary.path)"] + arguments,
            executable: URL(fileURLWithPath: "/usr/bin/env"))
    }
}
