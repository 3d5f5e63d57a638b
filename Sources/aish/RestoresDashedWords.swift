import AishKit
import ArgumentParser

/// A command whose text arguments may be words that start with a dash (a message, a
/// search): after parsing, ``restoreDashedWords()`` takes off the mark that
/// ``DashedWords/protecting(_:)`` put on them so that they parsed as values.
protocol RestoresDashedWords: ParsableCommand {
    mutating func restoreDashedWords()
}

extension ChatCommand: RestoresDashedWords {
    mutating func restoreDashedWords() {
        specialist = specialist.map(DashedWords.restored)
        message = message.map(DashedWords.restored)
        system = system.map(DashedWords.restored)
    }
}

extension TeamCommand: RestoresDashedWords {
    mutating func restoreDashedWords() {
        message = message.map(DashedWords.restored)
    }
}

extension SessionsSearchCommand: RestoresDashedWords {
    mutating func restoreDashedWords() {
        text = DashedWords.restored(text)
    }
}
