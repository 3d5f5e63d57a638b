/// How the words of `aish WORD… ` split into a specialist and a prompt (README,
/// "Which specialist"; `aish --help`):
///
/// - `@CAPABILITY` names the best specialist for that capability.
/// - A word the server knows as a specialist, by name or id (`apollo`, `apollo-ci`),
///   is the specialist; the words after it are the prompt.
/// - A single word within edit distance 1 of a specialist's name or id (2 for words
///   of 6 letters or more), followed by more text, is a misspelling: the did-you-mean
///   error, and nothing is sent.
/// - A word `PROVIDER/MODEL` whose provider is configured names that model;
///   `env/MODEL` while `AISH_PROVIDER_URL` is unset (so `env` is not) is the error
///   that says so, not text for the default specialist.
/// - Otherwise every word is the prompt, for the default specialist. A first argument
///   with a space in it (a quoted prompt) is always prompt.
public struct ChatWords: Sendable, Equatable {
    /// The specialist named, or nil for the default one.
    public var specialist: String?
    /// The words of the prompt.
    public var prompt: [String]

    public init(specialist: String?, prompt: [String]) {
        self.specialist = specialist
        self.prompt = prompt
    }

    /// Whether `word` may name a specialist at all; only then is the roster needed.
    public static func mayName(_ word: String) -> Bool {
        !word.isEmpty && !word.contains(where: \.isWhitespace)
    }

    /// Splits `words`; `providers` are the configured providers' names; `moreText`
    /// says whether piped standard input adds text.
    ///
    /// - Throws: ``AishError/unknownSpecialist(name:suggestions:)`` for a misspelt name;
    ///   ``AishError/badConfiguration(source:detail:)`` for `env/MODEL` without `env`.
    public static func split(
        _ words: [String], roster: [Specialist], providers: [String] = [], moreText: Bool
    ) throws(AishError) -> ChatWords {
        guard let first = words.first, mayName(first) else { return ChatWords(specialist: nil, prompt: words) }
        let rest = Array(words.dropFirst())
        if first.hasPrefix("@") { return ChatWords(specialist: first, prompt: rest) }
        let resolver = SpecialistResolver(specialists: roster)
        do {
            _ = try resolver.resolve(first)
            return ChatWords(specialist: first, prompt: rest)
        } catch .ambiguousSpecialist {
            return ChatWords(specialist: first, prompt: rest)
        } catch {
            // `local/llama3.2` names a model of provider `local` even when it has no such
            // model: the chat then says which it has.
            // The configured names decide, not the roster: a provider that could not
            // list its models has none there.
            if addressesAModel(first, providers: providers) {
                return ChatWords(specialist: first, prompt: rest)
            }
            if first.hasPrefix("env/"), first.count > 4 {
                throw .badConfiguration(
                    source: "AISH_PROVIDER_URL",
                    detail: "'\(first)' names a model of provider `env`, which exists only while AISH_PROVIDER_URL "
                        + "is set: export AISH_PROVIDER_URL=http://HOST:PORT/v1 (and AISH_PROVIDER_KEY if it needs a "
                        + "key), or name a provider of config.yaml")
            }
            let hasMore = moreText || rest.contains { !$0.allSatisfy(\.isWhitespace) }
            guard hasMore, isMisspelling(first, of: roster) else { return ChatWords(specialist: nil, prompt: words) }
            throw error
        }
    }

    /// Whether `word` is `PROVIDER/MODEL` for one of `providers`: a model's id, which
    /// needs no roster to tell.
    public static func addressesAModel(_ word: String, providers: [String]) -> Bool {
        guard let slash = word.firstIndex(of: "/") else { return false }
        return providers.contains(String(word[..<slash]))
    }

    /// Whether `word` is within the edit distance the rule allows of a name or id, or
    /// is a model's name without its tag (`qwen3` for `qwen3:8b`, as Ollama lists it).
    static func isMisspelling(_ word: String, of roster: [Specialist]) -> Bool {
        let typed = word.lowercased()
        let limit = typed.count >= 6 ? 2 : 1
        return roster.contains { specialist in
            [specialist.bareName, specialist.id].contains { name in
                let name = name.lowercased()
                return EditDistance.between(typed, name) <= limit
                    || specialist.provider != nil && name.hasPrefix(typed + ":")
            }
        }
    }
}

extension Specialist {
    /// The specialist a chat or the shell uses when none is named or configured:
    /// apollo when it is healthy, else the first healthy one, else the first one.
    /// Always one of Tekton's: a provider's model is only ever used when named, so a
    /// prompt never goes to a model (perhaps a hosted one) that the user did not choose.
    public static func serverDefault(in roster: [Specialist]) -> Specialist? {
        let tekton = roster.filter { $0.provider == nil }
        let healthy = tekton.filter(\.healthy)
        return healthy.first { $0.bareName == "apollo" } ?? healthy.first ?? tekton.first
    }
}

extension Specialist {
    /// The error for a chat with no one named when `roster` holds only models (Tekton
    /// at `tekton` is down, or there is none): a model is used only when named, so it
    /// says how to name one. Nil when the roster has Tekton's specialists or no model.
    public static func onlyModelsError(in roster: [Specialist], tekton: String) -> AishError? {
        guard serverDefault(in: roster) == nil, let model = roster.first(where: { $0.provider != nil }) else {
            return nil
        }
        return .invalidArgument(
            name: "specialist", value: "",
            hint: "Tekton at \(tekton) offers none now (`aish status` says why), so name a model, as in "
                + "`aish \(model.id) …`, or make one the default (specialist: in config.yaml)")
    }
}
