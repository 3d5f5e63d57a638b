import Foundation

/// What `aish config edit` puts in a configuration file that does not exist yet: every
/// key, commented out, with its default (or an example where there is none), what it
/// takes and its variable, then a provider, so that a setting is made by taking out a
/// `# `. The text is valid YAML as it is: a file of comments sets nothing.
public enum ConfigFileTemplate {
    public static var text: String {
        var lines = [
            "## aish's settings. Every key is optional: an AISH_* variable or a command-line flag",
            "## wins over this file; `aish config show` lists what is in effect and where it",
            "## comes from. To set a key, take the \"# \" off its line (and off its section's,",
            "## such as `# session:`); lines starting `##` say what a key takes.",
        ]
        var section: Substring?
        for key in AishSettings.keys {
            let parts = key.name.split(separator: ".", maxSplits: 1)
            var indent = ""
            if parts.count == 2 {
                if section != parts[0] {
                    lines += ["", "# \(parts[0]):"]
                    section = parts[0]
                }
                indent = "  "
            } else {
                lines.append("")
            }
            lines.append("# \(indent)## \(key.syntax); or \(key.variable)")
            lines.append("# \(indent)\(parts.last ?? ""): \(example(key.name))")
        }
        lines += [
            "",
            "## Any OpenAI-compatible server (Ollama, llama.cpp, vLLM, LM Studio…) as a",
            "## provider; its models are then local/MODEL (see the README).",
            "# providers:",
            "#   local:",
            "#     url: http://127.0.0.1:11434/v1",
            "#     ## OPENAI_API_KEY holds the key; or api_key_file (0600), or none",
            "#     api_key_env: OPENAI_API_KEY",
            "#     ## or leave models out: GET /v1/models lists them",
            "#     models: [llama3.1, qwen2.5-coder]",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Creates the file at `path` (0600, its folder 0700) holding ``text``, unless
    /// there is one; true when it made it.
    ///
    /// - Throws: ``AishError/badConfiguration(source:detail:)`` when it cannot.
    public static func createIfMissing(at path: String) throws(AishError) -> Bool {
        do {
            try PrivateFile.ensureFolder(of: path)
            return try PrivateFile.createExclusively(path, contents: Data(text.utf8))
        } catch {
            throw .badConfiguration(source: path, detail: "\(error.description); choose another file with AISH_CONFIG")
        }
    }

    /// A value to show for `key`: its default, or an example of what it takes.
    private static func example(_ key: String) -> String {
        switch key {
        case "specialist": "apollo"
        case "transport": "ws"
        default: SettingsReport.defaults[key] ?? ""
        }
    }
}
