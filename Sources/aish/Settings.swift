import AishKit
import Foundation
import Synchronization

/// The settings of this run (config.yaml under the AISH_* variables), read once.
enum Settings {
    private static let loaded = Mutex<AishSettings?>(nil)

    /// The settings; the first call reads them.
    ///
    /// - Throws: ``AishError/badConfiguration(source:detail:)`` for a bad value or file.
    static func current() async throws -> AishSettings {
        if let settings = loaded.withLock({ $0 }) { return settings }
        let settings = try await SettingsLoader.load(environment: Platform.process.environment)
        loaded.withLock { $0 = settings }
        return settings
    }
}
