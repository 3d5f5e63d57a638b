import Foundation

/// Where a PostgreSQL session store is: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`
/// with libpq's query parameters `sslmode` (disable, prefer, require, verify-ca,
/// verify-full), `sslrootcert` (a CA file) and `host` (a Unix socket folder, such as
/// `/run/postgresql`). `postgresql://` is the same.
///
/// The password is the URL's, else `PGPASSWORD`, else the matching line of the
/// password file (`PGPASSFILE`, else `~/.pgpass`, which must be 0600), as libpq does.
/// ``description`` never shows it.
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    /// How the connection is encrypted, as libpq's `sslmode`.
    public enum TLSMode: String, Sendable, Equatable, CaseIterable {
        /// Never.
        case disable
        /// When the server offers it, without checking its certificate (libpq's default).
        case prefer
        /// Always, without checking the certificate.
        case require
        /// Always, with a certificate signed by the CA (`sslrootcert`, else the system's).
        case verifyCA = "verify-ca"
        /// As `verify-ca`, and the certificate names the host.
        case verifyFull = "verify-full"
    }

    public var user: String
    /// The URL's own password, if it has one.
    public var password: String?
    /// A host name or address; nil with ``socketFolder``.
    public var host: String?
    public var port: Int
    public var database: String
    /// The folder of a Unix socket (`host=/run/postgresql`), instead of TCP.
    public var socketFolder: String?
    public var tls: TLSMode
    /// A CA certificate file (PEM) for `verify-ca` and `verify-full`.
    public var rootCertificate: String?

    /// The URL as written, checked; `source` names where it came from, for errors.
    public init(parsing text: String, source: String) throws(AishError) {
        func bad(_ hint: String) -> AishError {
            .invalidArgument(name: source, value: Self.redacting(text), hint: hint)
        }
        let example = "write postgres://USER@HOST:5432/DATABASE"
        guard let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql"
        else { throw bad("it is not a postgres:// URL; \(example)") }
        var parameters: [String: String] = [:]
        for item in components.queryItems ?? [] {
            guard let value = item.value else { throw bad("the parameter \(item.name) has no value") }
            parameters[item.name] = value
        }
        let known: Set = ["sslmode", "sslrootcert", "host", "port", "user", "password", "dbname"]
        if let unknown = parameters.keys.sorted().first(where: { !known.contains($0) }) {
            throw bad("aish does not know the parameter \(unknown); it knows \(known.sorted().joined(separator: ", "))")
        }
        let hostText = components.percentEncodedHost.flatMap { $0.removingPercentEncoding } ?? ""
        let socketFolder =
            parameters["host"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (hostText.hasPrefix("/") ? hostText : nil)
        host = socketFolder == nil ? (parameters["host"] ?? (hostText.isEmpty ? nil : hostText)) : nil
        self.socketFolder = socketFolder
        guard host != nil || socketFolder != nil else {
            throw bad("it names no host; \(example), or ?host=/run/postgresql for a Unix socket")
        }
        let portText = parameters["port"] ?? components.port.map(String.init) ?? "5432"
        guard let port = Int(portText), (1...65_535).contains(port) else {
            throw bad("the port \(portText) is not 1–65535")
        }
        self.port = port
        guard let user = parameters["user"] ?? components.user?.removingPercentEncoding, !user.isEmpty else {
            throw bad("it names no user; \(example)")
        }
        self.user = user
        password = parameters["password"] ?? components.password?.removingPercentEncoding
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = parameters["dbname"] ?? (path.isEmpty ? user : path)
        let mode = parameters["sslmode"] ?? TLSMode.prefer.rawValue
        guard let tls = TLSMode(rawValue: mode) else {
            throw bad("sslmode=\(mode) is not one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.tls = tls
        rootCertificate = parameters["sslrootcert"]
    }

    /// Whether `text` is meant as a PostgreSQL URL (rather than SQLite).
    public static func isPostgres(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
    }

    /// The URL without its password: safe to print.
    public var description: String {
        var text = "postgres://\(user)@"
        text += socketFolder.map { "[\($0)]" } ?? host ?? ""
        text += ":\(port)/\(database)"
        return text
    }

    /// The socket file in ``socketFolder`` (`.s.PGSQL.PORT`, as the server names it).
    public var socketPath: String? {
        socketFolder.map { ($0 as NSString).appendingPathComponent(".s.PGSQL.\(port)") }
    }

    /// `text` with any password replaced by `***`, for messages.
    public static func redacting(_ text: String) -> String {
        guard var components = URLComponents(string: text) else { return "(not a URL)" }
        if components.password != nil { components.password = "***" }
        if var items = components.queryItems, items.contains(where: { $0.name == "password" }) {
            for index in items.indices where items[index].name == "password" { items[index].value = "***" }
            components.queryItems = items
        }
        return components.string ?? "(not a URL)"
    }

    /// The password to send: the URL's, else `PGPASSWORD`, else the password file's
    /// line for this host, port, database and user. A password file others may read
    /// is refused, as libpq refuses it.
    public func resolvedPassword(environment: [String: String], home: String) throws(AishError) -> String? {
        if let password { return password }
        if let variable = environment["PGPASSWORD"], !variable.isEmpty { return variable }
        let file =
            environment["PGPASSFILE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (home as NSString).appendingPathComponent(".pgpass")
        guard let mode = try? PrivateFile.mode(file) else { return nil }
        guard mode & 0o077 == 0 else {
            throw .invalidArgument(
                name: "password file", value: file,
                hint: "it has mode \(PrivateFile.octal(mode)), so others can read it; run `chmod 600 \(file)`")
        }
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        let hostField = socketFolder == nil ? (host ?? "") : "localhost"
        for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let fields = Self.passwordFileFields(line)
            guard !line.hasPrefix("#"), fields.count == 5 else { continue }
            let wanted = [hostField, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// A `.pgpass` line's five fields: `:` separates them, `\:` and `\\` escape.
    private static func passwordFileFields(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        return fields
    }
}
