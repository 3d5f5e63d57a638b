import AishKit
import ArgumentParser
import Foundation

/// The dynamic completions of aish's arguments, served from local files by
/// ``CommandLineCompletions``: the shell runs `aish ---completion …` on Tab, and
/// the argument parser calls these closures, which read no network and print nothing
/// but the candidates.
extension CompletionKind {
    /// Specialist ids and `@capability` names from the discovery cache: the cached
    /// entry of the server the command line (`--url`) or `AISH_URL` names, or the
    /// default server, else those of every server in the cache.
    static var specialists: CompletionKind {
        .custom { words, _, _ in
            let environment = Platform.process.environment
            let server =
                CompletionWords.value(of: "--url", in: words)
                ?? environment["AISH_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? ConnectionOptions.defaultURL
            return CommandLineCompletions(environment: environment).specialists(server: server)
        }
    }

    /// The ids of the most recent sessions in the database `--db` or the environment
    /// chooses (opened read-only, and only when it exists).
    static var sessionIDs: CompletionKind {
        .custom { words, _, _ in
            CommandLineCompletions(environment: Platform.process.environment)
                .sessionIDs(database: CompletionWords.value(of: "--db", in: words))
        }
    }
}

/// Reading option values out of the words a shell passes to a completion closure.
enum CompletionWords {
    /// The value of the last `name VALUE` or `name=VALUE` in `words`, with one layer
    /// of quotes removed (shells pass words verbatim).
    static func value(of name: String, in words: [String]) -> String? {
        var found: String?
        for (index, word) in words.enumerated() {
            if word == name, index + 1 < words.count {
                found = words[index + 1]
            } else if word.hasPrefix(name + "=") {
                found = String(word.dropFirst(name.count + 1))
            }
        }
        return found.map(unquoted).flatMap { $0.isEmpty ? nil : $0 }
    }

    private static func unquoted(_ word: String) -> String {
        guard word.count >= 2, let first = word.first, first == "'" || first == "\"", word.last == first else {
            return word
        }
        return String(word.dropFirst().dropLast())
    }
}
