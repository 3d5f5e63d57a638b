import Foundation

extension ProviderSettings {
    /// The keys a provider may set.
    static let settingNames = [
        "url", "api_key_env", "api_key_file", "models", "capabilities", "system", "system_prompts", "stream",
    ]

    /// The providers of a parsed `providers:` block, checked; `path` names the file in errors.
    static func all(in node: ProviderBlockParser.Node, path: String) throws(AishError) -> [ProviderSettings] {
        let check = ProviderCheck(path: path)
        switch node {
        case .empty: return []
        case .mapping(let entries, _): return try entries.map { (entry) throws(AishError) in try check.provider(entry) }
        default:
            throw check.wrong(node, "providers", "a mapping of provider names to their settings, indented below it")
        }
    }
}

/// The checks of a `providers:` block, each error naming the file and line, the
/// key, the offending value and what is expected.
private struct ProviderCheck {
    typealias Node = ProviderBlockParser.Node
    let path: String

    func provider(_ entry: ProviderBlockParser.Entry) throws(AishError) -> ProviderSettings {
        let name = entry.key
        let prefix = "providers.\(name)"
        guard Self.isWord(name, allowing: "-_") else {
            throw error(
                entry.line,
                "the provider name '\(ProviderSettings.shown(name))' is not allowed; expected letters, digits, - and _, "
                    + "such as local")
        }
        guard name != "env" else {
            throw error(entry.line, "the provider name 'env' is kept for AISH_PROVIDER_URL; choose another name")
        }
        if case .empty = entry.value {
            throw error(
                entry.line, "\(prefix) has no url; expected url: \(ProviderSettings.urlSyntax), indented below it")
        }
        var provider = ProviderSettings(name: name, url: "", source: "\(path):\(entry.line)")
        var lines: [String: Int] = [:]
        var named: [(key: String, model: String, line: Int)] = []
        for field in try mapping(entry.value, prefix, "its settings (url, models…), indented below it") {
            let key = "\(prefix).\(field.key)"
            lines[field.key] = field.line
            switch field.key {
            case "url":
                let url = try text(field.value, key, ProviderSettings.urlSyntax)
                if let expected = ProviderURL.problem(url) { throw wrong(field.value, key, expected) }
                provider.url = url
            case "api_key_env":
                provider.apiKeyEnv = try variable(field.value, key)
            case "api_key_file":
                provider.apiKeyFile = try text(field.value, key, "the path of a file holding the API key, mode 0600")
            case "models":
                provider.models = try models(field.value, key)
            case "capabilities":
                for (model, node) in try models(in: field.value, key, "a mapping of model ids to {primary, scores}") {
                    provider.capabilities[model.key] = try capabilities(node, "\(key).\(model.key)")
                    named.append((key, model.key, model.line))
                }
            case "system":
                provider.system = try text(field.value, key, "the system message, as text")
            case "stream":
                let expected = "true (replies stream as they are written) or false (each comes whole)"
                guard let streams = AishSettings.boolean(try text(field.value, key, expected)) else {
                    throw wrong(field.value, key, expected)
                }
                provider.streams = streams
            case "system_prompts":
                for (model, node) in try models(in: field.value, key, "a mapping of model ids to system messages") {
                    provider.systemPrompts[model.key] = try text(
                        node, "\(key).\(model.key)", "a system message, as text")
                    named.append((key, model.key, model.line))
                }
            default:
                throw unknown(field.key, prefix: prefix, among: ProviderSettings.settingNames, line: field.line)
            }
        }
        guard lines["url"] != nil else {
            throw error(entry.line, "\(prefix) has no url; expected url: \(ProviderSettings.urlSyntax)")
        }
        if let first = lines["api_key_env"], let second = lines["api_key_file"] {
            throw error(
                max(first, second),
                "\(prefix) sets both api_key_env (line \(first)) and api_key_file (line \(second)); keep one")
        }
        if let models = provider.models, let stray = named.first(where: { !models.contains($0.model) }) {
            throw error(
                stray.line,
                "\(stray.key) names '\(stray.model)', which is not in \(prefix).models (line \(lines["models"] ?? 0)); "
                    + "expected one of \(models.joined(separator: ", "))")
        }
        return provider
    }

    private func capabilities(_ node: Node, _ key: String) throws(AishError) -> ProviderSettings.ModelCapabilities {
        var result = ProviderSettings.ModelCapabilities()
        for field in try mapping(node, key, "{primary: [capability, …], scores: {capability: 0.8}}") {
            let name = "\(key).\(field.key)"
            switch field.key {
            case "primary":
                result.primary = try list(
                    field.value, name, "a list of capability names such as [code-analysis, debugging]")
            case "scores":
                for score in try mapping(field.value, name, "a mapping of capability names to scores from 0 to 1") {
                    guard isWord(score.key) else {
                        throw error(
                            score.line,
                            "\(name) names the capability '\(ProviderSettings.shown(score.key))'; "
                                + "expected a capability name without spaces")
                    }
                    let expected = "a number from 0 to 1, such as 0.8"
                    let text = try text(score.value, "\(name).\(score.key)", expected)
                    guard let value = Double(text), value.isFinite, (0...1).contains(value) else {
                        throw wrong(score.value, "\(name).\(score.key)", expected)
                    }
                    result.scores[score.key] = value
                }
            default:
                throw unknown(field.key, prefix: key, among: ["primary", "scores"], line: field.line)
            }
        }
        return result
    }

    /// The variable name of `api_key_env`; a value that is no name is not echoed,
    /// since it may be the key itself, pasted in the wrong place.
    private func variable(_ node: Node, _ key: String) throws(AishError) -> String {
        let expected = "the name of the environment variable holding the API key, such as OPENAI_API_KEY"
        let name = try text(node, key, expected)
        guard Self.isWord(name, allowing: "_"), name.first?.isNumber == false else {
            throw error(
                node.line,
                "\(key) is not a variable name (the value is not shown: it may be a key); expected \(expected)")
        }
        return name
    }

    private func models(_ node: Node, _ key: String) throws(AishError) -> [String] {
        let models = try list(node, key, "a list of model ids such as [llama3.1, qwen2.5-coder]")
        guard !models.isEmpty else {
            throw error(
                node.line,
                "\(key) is empty; expected at least one model id, or no models key to discover them from GET /models")
        }
        return models
    }

    /// The entries of a mapping keyed by model ids, each id checked.
    private func models(in node: Node, _ key: String, _ expected: String) throws(AishError) -> [(
        ProviderBlockParser.Entry, Node
    )] {
        try mapping(node, key, expected).map { (entry) throws(AishError) in
            guard ProviderSettings.isModelName(entry.key) else {
                throw error(
                    entry.line,
                    "\(key) names the model '\(ProviderSettings.shown(entry.key))'; expected a model id without spaces"
                )
            }
            return (entry, entry.value)
        }
    }

    /// The words of a list: each a non-empty scalar without blanks or `/`, once.
    private func list(_ node: Node, _ key: String, _ expected: String) throws(AishError) -> [String] {
        guard case .list(let items, _) = node else { throw wrong(node, key, expected) }
        var words: [String] = []
        for item in items {
            guard case .scalar(let word, _) = item, isWord(word) else {
                throw error(item.line, "\(key) has \(describe(item)); expected \(expected), without spaces")
            }
            guard !words.contains(word) else { throw error(item.line, "\(key) has '\(word)' twice; keep one") }
            words.append(word)
        }
        return words
    }

    private func mapping(_ node: Node, _ key: String, _ expected: String) throws(AishError) -> [ProviderBlockParser
        .Entry]
    {
        guard case .mapping(let entries, _) = node else { throw wrong(node, key, expected) }
        return entries
    }

    /// A scalar's text, trimmed; it must not be empty.
    private func text(_ node: Node, _ key: String, _ expected: String) throws(AishError) -> String {
        guard case .scalar(let raw, _) = node else { throw wrong(node, key, expected) }
        let text = raw.trimmingWhitespace()
        guard !text.isEmpty else { throw wrong(node, key, expected) }
        return text
    }

    private func isWord(_ text: String) -> Bool { ProviderSettings.isModelName(text) }

    /// Whether `text` is ASCII letters, digits and characters of `extra`, at least one.
    private static func isWord(_ text: String, allowing extra: String) -> Bool {
        !text.isEmpty
            && text.unicodeScalars.allSatisfy { scalar in
                ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                    || extra.unicodeScalars.contains(scalar)
            }
    }

    func wrong(_ node: Node, _ key: String, _ expected: String) -> AishError {
        error(node.line, "\(key) is \(describe(node)); expected \(expected)")
    }

    private func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let text, _): text.isEmpty ? "empty" : "'\(ProviderSettings.shown(text))'"
        case .list: "a list"
        case .mapping: "a mapping"
        case .empty: "empty"
        }
    }

    private func unknown(_ name: String, prefix: String, among names: [String], line: Int) -> AishError {
        let close = CloseNames.suggestions(for: name, among: names).map { "\(prefix).\($0)" }
        let hint =
            close.isEmpty
            ? "known keys: \(names.joined(separator: ", "))" : "did you mean \(close.joined(separator: ", "))?"
        return error(line, "unknown key '\(prefix).\(ProviderSettings.shown(name))'; \(hint)")
    }

    private func error(_ line: Int, _ detail: String) -> AishError {
        .badConfiguration(source: "\(path):\(line)", detail: detail)
    }
}
