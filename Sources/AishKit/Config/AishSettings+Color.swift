extension AishSettings {
    /// Whether output may be styled, as `color` and the environment say: `never`
    /// and `always` as set; `auto` (the default) unless `NO_COLOR` is set or
    /// `TERM=dumb`. Every command asks this; each still styles only a terminal.
    public func wantsColor(_ platform: Platform) -> Bool {
        switch color ?? .auto {
        case .never: false
        case .always: true
        case .auto: platform.environment["NO_COLOR"] == nil && platform.environment["TERM"] != "dumb"
        }
    }
}
