import Curl
import DunningCore
import Foundation

extension SMTPTransport {
    /// The libcurl options for `settings`: scheme checked against `tls`, password read,
    /// our host name as the `EHLO` argument when the URL names none.
    static func options(_ settings: SMTPSettings, credentialsDirectory: String?) throws(TransportError) -> ConnectionOptions {
        let schemeEnd = settings.url.range(of: "://")
        let scheme = schemeEnd.map { settings.url[..<$0.lowerBound].lowercased() } ?? ""
        let security: ConnectionSecurity
        switch settings.tls {
        case .starttls: security = .startTLS
        case .implicit: security = .implicitTLS
        case .none: security = .none
        }
        guard scheme == (settings.tls == .implicit ? "smtps" : "smtp"), let schemeEnd else {
            throw .urlScheme(scheme: scheme, tls: settings.tls)
        }
        var url = settings.url
        if !url[schemeEnd.upperBound...].contains("/"), let name = localHostName() {
            url += "/" + name
        }
        if let caFile = settings.caFile, access(caFile, R_OK) != 0 {
            throw .caFile(path: caFile, reason: String(cString: strerror(errno)))
        }
        let credentials: LoginCredentials?
        switch (settings.username, settings.passwordFile) {
        case (nil, nil):
            credentials = nil
        case (let username?, let file?):
            credentials = LoginCredentials(username: username, password: try password(file, credentialsDirectory: credentialsDirectory))
        case (nil, _?):
            throw .incompleteCredentials(missing: "username")
        case (_?, nil):
            throw .incompleteCredentials(missing: "password_file")
        }
        // 0 means "no timeout" to libcurl: never let a config say that by accident.
        let timeout = Duration.seconds(max(1, settings.timeout.approximateSeconds))
        return ConnectionOptions(url: url, security: security, caFile: settings.caFile, credentials: credentials,
                           connectTimeout: timeout, timeout: timeout)
    }

    /// The SMTP password in `file` (see `SecretFile`).
    static func password(_ file: String, credentialsDirectory: String?) throws(TransportError) -> String {
        do {
            return try SecretFile.read(file, credentialsDirectory: credentialsDirectory)
        } catch {
            switch error {
            case .credentialsDirectoryUnset: throw .credentialsDirectoryUnset(passwordFile: file)
            case .unreadable(let path, let reason): throw .passwordFile(path: path, reason: reason)
            }
        }
    }

    /// `gethostname`, when it is a usable `EHLO` domain (letters, digits, `.`, `-`).
    private static func localHostName() -> String? {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return nil }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let allowed = name.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 == 0x2E || $0 == 0x2D }
        return name.isEmpty || !allowed ? nil : name
    }
}
