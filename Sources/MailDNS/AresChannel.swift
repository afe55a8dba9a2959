internal import CCAres
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One c-ares channel (`ares_channel`): its sockets and the queries in flight on them.
///
/// `@unchecked Sendable`: c-ares 1.18 channels are not thread-safe, and none is shared.
/// `MailDomainResolver` hands each channel to one `run` at a time and takes it back after
/// (under its pool's lock); nothing else reaches the channel.
final class AresChannel: @unchecked Sendable {
    /// How a channel is set up, from the config's `verification` section.
    struct Configuration: Sendable {
        /// Empty: the servers of `/etc/resolv.conf`.
        var servers: [DNSServerAddress]
        /// The first try's timeout; c-ares doubles it on each later round over the servers.
        var timeoutMilliseconds: Int32
        /// Rounds over the servers.
        var tries: Int32
    }

    /// The most questions in flight at once on a channel: enough to keep a resolver busy, few
    /// enough not to flood it. Measured against dnsmasq on loopback (debug build): 200 lost
    /// answers now and then (full socket buffers; each loss costs a timeout), 64 lost none and
    /// answered 500 domains (1,500 questions) in about 20 ms.
    static let window = 64

    private let channel: OpaquePointer
    let reader: AresAnswerReader

    /// `ares_library_init`, once per process, before the first channel.
    private static let library = ccares_library_init()

    init(_ configuration: Configuration) throws(MailDomainResolverError) {
        guard Self.library == ARES_SUCCESS else {
            throw .aresFailed(call: "ares_library_init", reason: AresAnswerReader.text(Self.library))
        }
        var channel: ares_channel? = nil
        let code = ccares_init(&channel, configuration.timeoutMilliseconds, configuration.tries)
        guard code == ARES_SUCCESS, let channel else {
            throw .aresFailed(call: "ares_init_options", reason: AresAnswerReader.text(code))
        }
        if !configuration.servers.isEmpty {
            let code = ares_set_servers_ports_csv(channel, configuration.servers.map(\.description).joined(separator: ","))
            guard code == ARES_SUCCESS else {
                ares_destroy(channel)
                throw .aresFailed(call: "ares_set_servers_ports_csv", reason: AresAnswerReader.text(code))
            }
        }
        self.channel = channel
        reader = AresAnswerReader(servers: Self.servers(of: channel), timeoutMilliseconds: Int(configuration.timeoutMilliseconds),
                                  tries: Int(configuration.tries))
    }

    deinit { ares_destroy(channel) }

    /// Asks the questions of every lookup until each has its status, at most `window` at once.
    func run(_ lookups: [MailDomainLookup]) -> [MailDomainLookup] {
        let batch = AresBatch(lookups, reader: reader)
        while true {
            while batch.inFlight < Self.window, let (index, question) = batch.next() {
                send(question, for: index, of: batch)
            }
            guard batch.inFlight > 0 else { return batch.lookups }
            wait()
        }
    }

    private func send(_ question: DNSQuestion, for index: Int, of batch: AresBatch) {
        batch.inFlight += 1
        let context = Unmanaged.passRetained(AresQuery(batch: batch, index: index, question: question)).toOpaque()
        // Class IN (RFC 1035 §3.2.4). c-ares calls back exactly once, maybe before returning.
        ares_query(channel, question.name, 1, question.type.rawValue, { context, status, _, buffer, length in
            guard let context else { preconditionFailure("c-ares called back without the query's context") }
            let query = Unmanaged<AresQuery>.fromOpaque(context).takeRetainedValue()
            let answer = query.batch.reader.answer(to: query.question, status: status, buffer: buffer, length: length)
            query.batch.receive(answer, for: query.question, of: query.index)
        }, context)
    }

    /// Waits (poll) for the channel's sockets or its next timeout, then lets c-ares process them.
    private func wait() {
        var sockets = [ares_socket_t](repeating: ARES_SOCKET_BAD, count: Int(ARES_GETSOCK_MAXNUM))
        let bits = ares_getsock(channel, &sockets, Int32(sockets.count))
        var descriptors: [pollfd] = sockets.indices.compactMap { index in
            let readable = ccares_getsock_readable(bits, Int32(index)) != 0
            let writable = ccares_getsock_writable(bits, Int32(index)) != 0
            guard readable || writable else { return nil }
            return pollfd(fd: sockets[index], events: Int16((readable ? POLLIN : 0) | (writable ? POLLOUT : 0)), revents: 0)
        }
        // At most a second, should c-ares have neither a socket nor a timeout to wait on.
        var longest = timeval(tv_sec: 1, tv_usec: 0)
        var next = timeval()
        let timeout = ares_timeout(channel, &longest, &next)?.pointee ?? longest
        let milliseconds = Int32(timeout.tv_sec * 1000 + (timeout.tv_usec + 999) / 1000)
        let ready = poll(&descriptors, nfds_t(descriptors.count), milliseconds)
        if ready < 0 {
            guard errno == EINTR else { preconditionFailure("poll on c-ares' sockets: errno \(errno)") }
            return
        }
        guard ready > 0 else {
            ares_process_fd(channel, ARES_SOCKET_BAD, ARES_SOCKET_BAD)
            return
        }
        for descriptor in descriptors where descriptor.revents != 0 {
            // An error (ICMP port unreachable) is for c-ares' read to find.
            let readable = descriptor.revents & Int16(POLLIN | POLLERR | POLLHUP) != 0
            let writable = descriptor.revents & Int16(POLLOUT) != 0
            ares_process_fd(channel, readable ? descriptor.fd : ARES_SOCKET_BAD, writable ? descriptor.fd : ARES_SOCKET_BAD)
        }
    }

    /// The channel's servers as `host:port` (those of `/etc/resolv.conf` when none is configured).
    private static func servers(of channel: OpaquePointer) -> [String] {
        var list: UnsafeMutablePointer<ares_addr_port_node>? = nil
        guard ares_get_servers_ports(channel, &list) == ARES_SUCCESS else { return ["(unknown)"] }
        defer { ares_free_data(list) }
        var servers: [String] = []
        var next = list
        while var node = next?.pointee {
            var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            let written = withUnsafeBytes(of: &node.addr) { address in
                inet_ntop(node.family, address.baseAddress, &text, socklen_t(text.count)) != nil
            }
            let host = written ? String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "(unknown)"
            let port = node.udp_port == 0 ? 53 : Int(node.udp_port)
            servers.append(node.family == AF_INET6 ? "[\(host)]:\(port)" : "\(host):\(port)")
            next = node.next
        }
        return servers.isEmpty ? ["(none)"] : servers
    }
}

/// The lookups of one `run` and the questions they have yet to ask; c-ares' callbacks reach
/// it through each query's `AresQuery`. Used on the thread of its `run` only.
private final class AresBatch {
    private(set) var lookups: [MailDomainLookup]
    let reader: AresAnswerReader
    /// Questions sent and not yet answered.
    var inFlight = 0
    /// Questions to send, first in first out (`head` is the next).
    private var queue: [(index: Int, question: DNSQuestion)] = []
    private var head = 0

    init(_ lookups: [MailDomainLookup], reader: AresAnswerReader) {
        self.lookups = lookups
        self.reader = reader
        for index in lookups.indices {
            enqueue(self.lookups[index].start(), for: index)
        }
    }

    func next() -> (Int, DNSQuestion)? {
        guard head < queue.count else { return nil }
        defer { head += 1 }
        return queue[head]
    }

    func receive(_ answer: DNSAnswer, for question: DNSQuestion, of index: Int) {
        inFlight -= 1
        enqueue(lookups[index].receive(answer, for: question), for: index)
    }

    private func enqueue(_ questions: [DNSQuestion], for index: Int) {
        queue.append(contentsOf: questions.map { (index, $0) })
    }
}

/// One query's context through c-ares (its callback's `arg`): retained from `ares_query` to the callback.
private final class AresQuery {
    let batch: AresBatch
    let index: Int
    let question: DNSQuestion

    init(batch: AresBatch, index: Int, question: DNSQuestion) {
        self.batch = batch
        self.index = index
        self.question = question
    }
}
