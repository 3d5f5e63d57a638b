import AishKit
import Foundation

extension ConnectionOptions {
    /// Where discovery answers are kept: `$XDG_CACHE_HOME/aish/discovery.json`, or
    /// only in memory for the in-process mock (a new port each run, not worth keeping).
    var discoveryCache: any DiscoveryCache {
        mock ? InMemoryDiscoveryCache() : FileDiscoveryCache(environment: Platform.process.environment)
    }
}
