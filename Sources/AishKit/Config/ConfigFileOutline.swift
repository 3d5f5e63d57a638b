import Foundation

/// The shape of `config.yaml`, checked from its text before any YAML parser sees
/// it: known keys only (plain or quoted), one value per setting, `session` as a
/// section of indented keys, and no anchors or aliases. Every problem names the
/// file and line. The values themselves are read by swift-configuration's YAML
/// provider, and checked by ``SettingsLoader``; the `providers:` block, whose keys
/// hold dots, is read here, by ``ProviderBlockParser``.
enum ConfigFileOutline {
    /// The largest configuration file read; a real one is a few hundred bytes.
    static let sizeLimit = 64 * 1024

    /// What the outline finds in a file.
    struct Contents: Equatable {
        /// The line of each setting, by dotted name.
        var lines: [String: Int] = [:]
        /// The providers of the `providers:` block, checked.
        var providers: [ProviderSettings] = []
        /// What is wrong with the `providers:` block, if anything; the rest of the
        /// file is still read, so that `aish config show` can show it.
        var providersProblem: AishError?
        /// Whether there is a file at all (a missing one reads as empty).
        var fileExists = false
    }

    /// The lines and providers of the file at `path`; empty when there is no file.
    ///
    /// - Throws: ``AishError/badConfiguration(source:detail:)`` for an unknown key
    ///   (with close matches), a value of the wrong kind, an anchor or alias, or a
    ///   file that is not UTF-8 text, too large or not a file.
    static func read(_ path: String) throws(AishError) -> Contents {
        guard FileManager.default.fileExists(atPath: path) else { return Contents() }
        let bytes: [UInt8]
        do {
            bytes = try BoundedFile.read(path: path, limit: sizeLimit)
        } catch {
            throw AishError.badConfiguration(source: path, detail: error.reason)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw AishError.badConfiguration(source: path, detail: "it is not UTF-8 text")
        }
        var contents = try outline(of: text, path: path)
        contents.fileExists = true
        return contents
    }

    /// The lines and providers of `text`, the contents of the file at `path`. Pure: no I/O.
    static func outline(of text: String, path: String) throws(AishError) -> Contents {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .enumerated().map { ConfigFileLine(number: $0.offset + 1, text: $0.element) }
        var outline = Outline(path: path)
        for line in lines where !line.content.isEmpty {
            try outline.take(line)
        }
        outline.finish()
        return outline.contents
    }
}

/// The walk through the lines: which section is open, which key waits for an
/// indented value.
private struct Outline {
    let path: String
    var lines: [String: Int] = [:]
    var contents = ConfigFileOutline.Contents()
    /// The `providers:` line and the indented lines under it, while they are read.
    var providers: (header: ConfigFileLine, body: [ConfigFileLine])?
    /// The section whose keys the indented lines are (`session`), and their indent.
    var section: (name: String, indent: Int?)?
    /// A setting written as `key:` with nothing after it; indented lines under it
    /// would make it a list or a mapping.
    var bare: (key: AishSettings.Key, line: Int, indent: Int)?
    /// The line of `providers:`, once it is read.
    var providersLine: Int?

    static let known = Dictionary(uniqueKeysWithValues: AishSettings.keys.map { ($0.name, $0) })
    static let sections = Set(AishSettings.keys.compactMap { $0.name.split(separator: ".").dropLast().first })

    init(path: String) { self.path = path }

    mutating func take(_ line: ConfigFileLine) throws(AishError) {
        if let anchor = line.anchorOrAlias {
            throw error(
                line.number,
                "'\(anchor)' is a YAML \(anchor.hasPrefix("&") ? "anchor" : "alias"); aish does not accept anchors "
                    + "or aliases (they can make a small file enormous): write each value out")
        }
        if providers != nil {
            guard line.indent == 0 else {
                providers?.body.append(line)
                return
            }
            readProviders()
        }
        if line.indent == 0, line.content == "---" || line.content == "..." { return }
        if line.indent == 0, line.content.hasPrefix("%") {
            // A directive line holds no settings; only YAML's two directives are taken.
            guard line.content.hasPrefix("%YAML ") || line.content.hasPrefix("%TAG ") else {
                throw error(
                    line.number,
                    "'\(line.content.prefix(24))' is not a YAML directive (%YAML or %TAG); remove the line, "
                        + "or quote the text if it is a value")
            }
            return
        }
        if let bare, line.indent > bare.indent {
            let kind = line.content.hasPrefix("-") ? "a list" : "a mapping"
            throw error(bare.line, "\(bare.key.name) is \(kind); expected \(bare.key.syntax), on the same line")
        }
        bare = nil
        if line.indent > 0, let section {
            if section.indent == nil { self.section?.indent = line.indent }
            if line.indent == self.section?.indent {
                return try entry(line, prefix: section.name + ".")
            }
            throw error(line.number, "this line is indented differently from the other keys of \(section.name)")
        }
        section = nil
        guard line.indent == 0 else {
            throw error(line.number, "this line is indented, but no section such as 'session:' comes before it")
        }
        try entry(line, prefix: "")
    }

    /// Drops the sections' own lines: only settings have values.
    mutating func finish() {
        if providers != nil { readProviders() }
        contents.lines = lines.filter { !Self.sections.contains(Substring($0.key)) }
    }

    /// Parses and checks the `providers:` block just read; a problem with it leaves
    /// the rest of the file to be read.
    private mutating func readProviders() {
        guard let (header, body) = providers else { return }
        providers = nil
        do throws(AishError) {
            let node = try ProviderBlockParser.parse(header: header, body: body, path: path)
            contents.providers = try ProviderSettings.all(in: node, path: path)
        } catch {
            contents.providersProblem = error
        }
    }

    private mutating func entry(_ line: ConfigFileLine, prefix: String) throws(AishError) {
        if let opener = line.content.first, "{[-".contains(opener) {
            throw error(
                line.number,
                "expected 'key: value', one setting per line; flow style ({…}, […]) and lists are not supported")
        }
        guard let (key, value) = line.entry, !key.isEmpty else {
            throw error(line.number, "expected 'key: value', one setting per line")
        }
        let name = prefix + key
        if name == "providers" {
            if let first = providersLine {
                throw error(line.number, "providers is set again (first on line \(first)); keep one")
            }
            providersLine = line.number
            providers = (line, [])
            return
        }
        if prefix.isEmpty, Self.sections.contains(Substring(name)) {
            guard value.isEmpty else {
                throw error(
                    line.number, "\(name) is '\(value)'; expected a section, with its keys on the lines below, indented"
                )
            }
            section = (name, nil)
            lines[name] = line.number
            return
        }
        guard let setting = Self.known[name] else { throw unknown(name, line.number) }
        if let first = lines[name] {
            throw error(line.number, "\(name) is set again (first on line \(first)); keep one")
        }
        if let opener = value.first, "&*".contains(opener) {
            // After a quoted key YAML needs no space before the value, so the scan of
            // the line (which looks for a space) did not see this anchor or alias.
            throw error(
                line.number,
                "'\(value.prefix { !$0.isWhitespace })' is a YAML \(opener == "&" ? "anchor" : "alias"); aish does not "
                    + "accept anchors or aliases: write the value out")
        }
        if let opener = value.first, "[{|>".contains(opener) {
            let kind = ["[": "a list", "{": "a mapping"][opener] ?? "a block of lines"
            throw error(line.number, "\(name) is \(kind); expected \(setting.syntax), on the same line")
        }
        if value.isEmpty { bare = (setting, line.number, line.indent) }
        lines[name] = line.number
    }

    private func unknown(_ name: String, _ line: Int) -> AishError {
        let names = Array(Self.known.keys) + ["providers"]
        let close = CloseNames.suggestions(for: name, among: names)
        let hint =
            close.isEmpty
            ? "known keys: \(names.sorted().joined(separator: ", "))"
            : "did you mean \(close.joined(separator: ", "))?"
        return error(line, "unknown key '\(name)'; \(hint)")
    }

    private func error(_ line: Int, _ detail: String) -> AishError {
        .badConfiguration(source: "\(path):\(line)", detail: detail)
    }
}
