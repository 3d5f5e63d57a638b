import Foundation

/// Why a file could not be read or written, in the system's words (`strerror`: "No
/// such file or directory", "Permission denied") rather than Foundation's sentences
/// ("The operation could not be completed. The file doesn’t exist.").
enum SystemErrorText {
    static func reason(_ error: any Error) -> String {
        if let failure = error as? PrivateFile.Failure { return String(cString: strerror(failure.code)) }
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        let error = error as NSError
        if error.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(error.code))) }
        // Foundation keeps the system's error under NSUnderlyingErrorKey, as a POSIXError
        // or an NSError in NSPOSIXErrorDomain.
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? any Error {
            let inner = underlying as NSError
            if underlying is POSIXError || inner.domain == NSPOSIXErrorDomain {
                return String(cString: strerror(Int32(inner.code)))
            }
        }
        return error.localizedDescription.trimmingCharacters(in: CharacterSet(charactersIn: ". "))
    }
}
