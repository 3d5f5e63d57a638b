import Foundation

/// Composes text in the user's editor (`$VISUAL`, else `$EDITOR`, else `vi`).
public struct ExternalEditor: Sendable {
    /// The editor command, run through `sh` so it may carry arguments (`code --wait`).
    public var command: String
    /// The environment the editor runs in.
    public var environment: [String: String]

    /// The editor the environment names.
    public init(environment: [String: String]) {
        let named = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty }
        command = named ?? "vi"
        self.environment = environment
    }

    /// Opens `initial` in the editor on the terminal and returns what was saved.
    /// The temporary file is 0600 and removed afterwards.
    public func compose(_ initial: String) throws(AishError) -> String {
        let directory = FileManager.default.temporaryDirectory
        let file = directory.appendingPathComponent("aish-message-\(UUID().uuidString).md")
        defer { try? FileManager.default.removeItem(at: file) }
        guard
            FileManager.default.createFile(
                atPath: file.path, contents: Data(initial.utf8), attributes: [.posixPermissions: 0o600])
        else {
            throw .invalidArgument(name: "temporary file", value: file.path, hint: "cannot create it; check $TMPDIR")
        }
        try edit(file.path, refusal: "the message was not sent")
        guard let data = FileManager.default.contents(atPath: file.path) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Opens the file at `path` in the editor on the terminal and waits for it.
    ///
    /// - Throws: ``AishError/invalidArgument(name:value:hint:)`` when the editor cannot
    ///   start or fails; `refusal` says what then did not happen.
    public func edit(_ path: String, refusal: String) throws(AishError) {
        let editor = try SpawnedProcess.spawn(
            "/bin/sh", ["-c", "\(command) \"$1\"", "sh", path], environment: environment,
            input: .inherit, output: .inherit, errors: .inherit)
        let status = editor.wait()
        guard status == 0 else {
            throw .invalidArgument(name: "$EDITOR", value: command, hint: "it exited with status \(status); \(refusal)")
        }
    }
}
