internal import CCAres

/// Reads what c-ares hands a query's callback into a `DNSAnswer`; failures in plain English,
/// naming the servers asked.
struct AresAnswerReader: Sendable {
    /// `DNS server 127.0.0.1:53`, or `DNS servers 192.0.2.53:53, [2001:db8::53]:53`.
    let servers: String
    /// `timeout 300 ms, 1 try`.
    let limits: String

    init(servers: [String], timeoutMilliseconds: Int, tries: Int) {
        self.servers = Self.naming(servers)
        let timeout = timeoutMilliseconds % 1000 == 0 ? "\(timeoutMilliseconds / 1000) s" : "\(timeoutMilliseconds) ms"
        limits = "timeout \(timeout), \(tries) \(tries == 1 ? "try" : "tries")"
    }

    /// The answer to `question`, from an `ares_query` callback's `status` and answer bytes.
    ///
    /// `ares_query` turns the answer's RCODE into `status`: NXDOMAIN is `ARES_ENOTFOUND`,
    /// NOERROR without answers `ARES_ENODATA`, SERVFAIL and REFUSED `ARES_ESERVFAIL` and
    /// `ARES_EREFUSED` (the channel passes them on: `ARES_FLAG_NOCHECKRESP`). A name DNS cannot
    /// carry (`ARES_EBADNAME`: a label over 63 octets) cannot exist: a name error.
    func answer(to question: DNSQuestion, status: Int32, buffer: UnsafeMutablePointer<UInt8>?, length: Int32) -> DNSAnswer {
        switch status {
        case ARES_SUCCESS:
            guard let buffer else { return .failure("\(servers) sent an empty answer to the query for \(question)") }
            return parse(question, buffer, length)
        case ARES_ENODATA: return .noData
        case ARES_ENOTFOUND, ARES_EBADNAME: return .nameError
        case ARES_EREFUSED, ARES_ESERVFAIL: return .failure("\(servers) \(Self.refusal(status, of: "the query for \(question)"))")
        case ARES_ETIMEOUT: return .failure("\(servers) did not answer the query for \(question) (\(limits))")
        case ARES_ECONNREFUSED:
            return .failure("\(servers) refused the connection (no DNS server listens there) for the query for \(question)")
        case ARES_EFORMERR: return .failure("\(servers) answered FORMERR (format error) to the query for \(question)")
        case ARES_ENOTIMP: return .failure("\(servers) answered NOTIMP (not implemented) to the query for \(question)")
        case ARES_EBADRESP: return .failure("\(servers) sent a malformed answer to the query for \(question)")
        default: return .failure("the query for \(question) failed: \(Self.text(status))")
        }
    }

    private func parse(_ question: DNSQuestion, _ buffer: UnsafeMutablePointer<UInt8>, _ length: Int32) -> DNSAnswer {
        let code: Int32
        var answer = DNSAnswer.address
        switch question.type {
        case .mx:
            var reply: UnsafeMutablePointer<ares_mx_reply>? = nil
            code = ares_parse_mx_reply(buffer, length, &reply)
            defer { ares_free_data(reply) }
            var records: [MXRecord] = []
            var next = reply
            while let record = next?.pointee {
                let host = record.host.map { String(cString: $0) } ?? ""
                records.append(MXRecord(preference: Int(record.priority), exchange: host.hasSuffix(".") ? String(host.dropLast()) : host))
                next = record.next
            }
            answer = .mx(records)
        case .a:
            var addresses = [ares_addrttl](repeating: ares_addrttl(), count: 1)
            var count = Int32(addresses.count)
            code = ares_parse_a_reply(buffer, length, nil, &addresses, &count)
            if code == ARES_SUCCESS && count == 0 { return .noData }
        case .aaaa:
            var addresses = [ares_addr6ttl](repeating: ares_addr6ttl(), count: 1)
            var count = Int32(addresses.count)
            code = ares_parse_aaaa_reply(buffer, length, nil, &addresses, &count)
            if code == ARES_SUCCESS && count == 0 { return .noData }
        }
        switch code {
        case ARES_SUCCESS: return answer
        // A NOERROR answer with records, none of the type asked (a CNAME to nowhere).
        case ARES_ENODATA: return .noData
        default: return .failure("\(servers) sent an answer to the query for \(question) that cannot be read: \(Self.text(code))")
        }
    }

    /// Why `question` failed when the servers asked in turn each answered SERVFAIL or REFUSED
    /// (`ARES_ESERVFAIL`, `ARES_EREFUSED`): `DNS servers 192.0.2.53:53, 192.0.2.54:53 refused
    /// the query for MX example.nl`, or, when they differ, `DNS server 192.0.2.53:53 answered
    /// SERVFAIL (server failure) to the query for MX example.nl, DNS server 192.0.2.54:53
    /// refused it`.
    static func refusals(_ refusals: [(server: String, status: Int32)], to question: DNSQuestion) -> String {
        // Runs of servers that said the same, in the order asked.
        var runs: [(servers: [String], status: Int32)] = []
        for refusal in refusals {
            if let last = runs.last, last.status == refusal.status {
                runs[runs.count - 1].servers.append(refusal.server)
            } else {
                runs.append(([refusal.server], refusal.status))
            }
        }
        return runs.enumerated().map { offset, run in
            "\(naming(run.servers)) \(refusal(run.status, of: offset == 0 ? "the query for \(question)" : "it"))"
        }.joined(separator: ", ")
    }

    /// `DNS server 127.0.0.1:53`, or `DNS servers 192.0.2.53:53, [2001:db8::53]:53`.
    private static func naming(_ servers: [String]) -> String {
        servers.count == 1 ? "DNS server \(servers[0])" : "DNS servers \(servers.joined(separator: ", "))"
    }

    /// What a server that answered SERVFAIL or REFUSED did to `query` (`the query for MX example.nl`, `it`).
    private static func refusal(_ status: Int32, of query: String) -> String {
        status == ARES_EREFUSED ? "refused \(query)" : "answered SERVFAIL (server failure) to \(query)"
    }

    /// c-ares' text for a status code (`ares_strerror`).
    static func text(_ code: Int32) -> String {
        String(cString: ares_strerror(code))
    }
}
