import Foundation

/// The user's home folder as the shell knows it: `$HOME`, and the password
/// database's only when `HOME` is unset or empty. Foundation's `NSHomeDirectory()`
/// and `expandingTildeInPath` read the password database on Linux, so a `HOME`
/// set for a test, a container or `sudo -E` would be ignored.
public enum HomeFolder {
    /// `$HOME`, else the password database's home.
    public static func path(environment: [String: String]) -> String {
        environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    }

    /// `path` with a leading `~` or `~/` replaced by the home folder; `~user/…` is
    /// expanded from the password database, as a shell does.
    public static func expandingTilde(in path: String, environment: [String: String]) -> String {
        if path == "~" { return self.path(environment: environment) }
        if path.hasPrefix("~/") {
            return (self.path(environment: environment) as NSString).appendingPathComponent(String(path.dropFirst(2)))
        }
        return path.hasPrefix("~") ? (path as NSString).expandingTildeInPath : path
    }
}
