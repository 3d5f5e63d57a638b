import Foundation

extension Specialist {
    /// Whether every word of `words` appears, ignoring case, in the specialist's id,
    /// name, category or one of its capabilities: `aish specialists qwen` among a
    /// hosted API's hundreds of models, `aish specialists local/` for one provider's.
    /// No words match everyone.
    public func matches(all words: [String]) -> Bool {
        let fields = [id, name, category ?? ""] + capabilities
        return words.allSatisfy { word in
            fields.contains { $0.range(of: word, options: .caseInsensitive) != nil }
        }
    }
}
