#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A DNS server as the config names one: `127.0.0.1:53`, `[2001:db8::53]:5353`; without a
/// port (`192.0.2.53`, `[::1]`, `::1`) it is 53. Numeric addresses only: a server's name would
/// need DNS to be found.
struct DNSServerAddress: Hashable, Sendable, CustomStringConvertible {
    /// The numeric IPv4 or IPv6 address.
    let host: String
    let port: Int

    /// `host:port`, IPv6 in brackets, as c-ares' `ares_set_servers_ports_csv` reads it.
    var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// `nil` when `text` is not an IP address with an optional port from 1 to 65535.
    init?(parsing text: String) {
        let host: Substring
        let port: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard Self.isIPv6(host), rest.isEmpty || rest.hasPrefix(":") else { return nil }
            port = rest.isEmpty ? nil : rest.dropFirst()
        } else if Self.isIPv6(Substring(text)) {
            (host, port) = (Substring(text), nil)
        } else {
            let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard Self.isIPv4(parts[0]) else { return nil }
            (host, port) = (parts[0], parts.count == 2 ? parts[1] : nil)
        }
        guard let number = Self.port(port) else { return nil }
        self.host = String(host)
        self.port = number
    }

    private static func port(_ text: Substring?) -> Int? {
        guard let text else { return 53 }
        guard (1...5).contains(text.count), text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let number = Int(text), (1...65535).contains(number) else { return nil }
        return number
    }

    private static func isIPv4(_ text: Substring) -> Bool {
        var address = in_addr()
        return inet_pton(AF_INET, String(text), &address) == 1
    }

    private static func isIPv6(_ text: Substring) -> Bool {
        var address = in6_addr()
        return inet_pton(AF_INET6, String(text), &address) == 1
    }
}
