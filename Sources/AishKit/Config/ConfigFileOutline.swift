import Foundation

/// The keys of `config.yaml` and their line numbers, read from the text: so an
/// unknown key (a typo) is an error naming its line, and a bad value can say
/// where it is. The values themselves are read by swift-configuration's YAML provider.
enum ConfigFileOutline {
    /// The line of each key, by dotted name; empty when there is no file.
    ///
    /// - Throws: ``AishError/badConfiguration(source:detail:)`` for an unknown key
    ///   (with close matches) or a file that is not UTF-8 text.
    static func read(_ path: String) throws(AishError) -> [String: Int] {
        guard FileManager.default.fileExists(atPath: path) else { return [:] }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AishError.badConfiguration(source: path, detail: "it cannot be read; check its permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw AishError.badConfiguration(source: path, detail: "it is not UTF-8 text")
        }
        let known = Set(AishSettings.keys.map(\.name))
        let sections = Set(
            known.compactMap { $0.split(separator: ".").count > 1 ? String($0.split(separator: ".")[0]) : nil })
        var lines: [String: Int] = [:]
        var section: String?
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            guard let colon = line.firstIndex(of: ":"), !line.trimmingCharacters(in: .whitespaces).hasPrefix("-")
            else { continue }
            let indented = line.first == " " || line.first == "\t"
            let name = line[..<colon].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                continue
            }
            let dotted: String
            if indented, let section {
                dotted = "\(section).\(name)"
            } else {
                section = sections.contains(name) ? name : nil
                if section != nil { continue }
                dotted = name
            }
            guard known.contains(dotted) else {
                let close = CloseNames.suggestions(for: dotted, among: Array(known))
                let hint =
                    close.isEmpty
                    ? "known keys: \(known.sorted().joined(separator: ", "))"
                    : "did you mean \(close.joined(separator: ", "))?"
                throw AishError.badConfiguration(
                    source: "\(path):\(index + 1)", detail: "unknown key '\(dotted)'; \(hint)")
            }
            lines[dotted] = index + 1
        }
        return lines
    }
}
