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
            throw .invalidArgument(
                name: Self.variable(in: environment), value: command, hint: Self.why(status, refusal))
        }
    }

    /// Which variable named the editor, for errors.
    static func variable(in environment: [String: String]) -> String {
        environment["VISUAL"].map { !$0.isEmpty } == true ? "$VISUAL" : "$EDITOR"
    }

    /// Why an editor that exited with `status` failed, and what did not happen: sh's
    /// 127 and 126 mean it could not be run at all.
    static func why(_ status: Int32, _ refusal: String) -> String {
        switch status {
        case 127: "no such command; set $VISUAL or $EDITOR to an editor on your PATH, such as nano; \(refusal)"
        case 126: "it cannot be run (not executable); set $VISUAL or $EDITOR to an editor on your PATH; \(refusal)"
        default: "it exited with status \(status); \(refusal)"
        }
    }
}
