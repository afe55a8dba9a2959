internal import CCAres
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The c-ares channels (`ares_channel`) of one lookup at a time: their sockets and the
/// questions in flight on them.
///
/// c-ares moves a question on to the next server by itself when a server does not answer
/// (timeout) or no server listens (connection refused), but not past a SERVFAIL or REFUSED
/// answer (`ARES_FLAG_NOCHECKRESP`, see `CCAres/shim.h`). So with several servers there is a
/// channel for each server to start from: `channels[k]` asks `servers[k...]`. A question is
/// sent on `channels[0]`; a SERVFAIL or REFUSED answer on `channels[k]` sends it again on
/// `channels[k + 1]`, and only the last server's SERVFAIL or REFUSED is final. NXDOMAIN,
/// NODATA and answers are final from the channel that gets them.
///
/// c-ares does not say which of a channel's servers answered: a SERVFAIL or REFUSED on
/// `channels[k]` is put down to `servers[k]`, which holds unless that server timed out and a
/// later one answered (that one is then asked once more, first on the next channel).
///
/// `@unchecked Sendable`: c-ares 1.18 channels are not thread-safe, and none is shared.
/// `MailDomainResolver` hands each `AresChannel` to one `run` at a time and takes it back
/// after (under its pool's lock); nothing else reaches its channels.
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
    /// answered 500 domains (1,500 questions) in about 20 ms. A question sent again to the
    /// next server stays one question in flight.
    static let window = 64

    /// `channels[k]` asks `servers[k...]`: as many channels as servers (one when c-ares lists none).
    private let channels: [OpaquePointer]
    /// The servers as `host:port`, in the order asked (those of `/etc/resolv.conf` when none is configured).
    private let servers: [String]
    /// `readers[k]` reads the answers of `channels[k]`, naming `servers[k...]`.
    private let readers: [AresAnswerReader]

    /// `ares_library_init`, once per process, before the first channel.
    private static let library = ccares_library_init()

    init(_ configuration: Configuration) throws(MailDomainResolverError) {
        guard Self.library == ARES_SUCCESS else {
            throw .aresFailed(call: "ares_library_init", reason: AresAnswerReader.text(Self.library))
        }
        let first = try Self.channel(configuration)
        var list: UnsafeMutablePointer<ares_addr_port_node>? = nil
        let code = ares_get_servers_ports(first, &list)
        guard code == ARES_SUCCESS else {
            ares_destroy(first)
            throw .aresFailed(call: "ares_get_servers_ports", reason: AresAnswerReader.text(code))
        }
        defer { ares_free_data(list) }
        var nodes: [UnsafeMutablePointer<ares_addr_port_node>] = []
        var next = list
        while let node = next {
            nodes.append(node)
            next = node.pointee.next
        }
        var channels = [first]
        do throws(MailDomainResolverError) {
            // c-ares' list is linked: from its k-th node on, it is the servers from the k-th on.
            for node in nodes.dropFirst() {
                channels.append(try Self.channel(configuration, servers: node))
            }
        } catch {
            channels.forEach { ares_destroy($0) }
            throw error
        }
        self.channels = channels
        servers = nodes.isEmpty ? ["(none)"] : nodes.map { Self.text($0.pointee) }
        readers = servers.indices.map { [servers] first in
            AresAnswerReader(servers: Array(servers[first...]), timeoutMilliseconds: Int(configuration.timeoutMilliseconds),
                             tries: Int(configuration.tries))
        }
    }

    deinit { channels.forEach { ares_destroy($0) } }

    /// A channel with the configuration's options asking `servers` (c-ares' list), or else the
    /// configuration's servers (none: those of `/etc/resolv.conf`).
    private static func channel(_ configuration: Configuration, servers: UnsafeMutablePointer<ares_addr_port_node>? = nil)
        throws(MailDomainResolverError) -> OpaquePointer {
        var channel: ares_channel? = nil
        let code = ccares_init(&channel, configuration.timeoutMilliseconds, configuration.tries)
        guard code == ARES_SUCCESS, let channel else {
            throw .aresFailed(call: "ares_init_options", reason: AresAnswerReader.text(code))
        }
        if let servers {
            let code = ares_set_servers_ports(channel, servers)
            guard code == ARES_SUCCESS else {
                ares_destroy(channel)
                throw .aresFailed(call: "ares_set_servers_ports", reason: AresAnswerReader.text(code))
            }
        } else if !configuration.servers.isEmpty {
            let code = ares_set_servers_ports_csv(channel, configuration.servers.map(\.description).joined(separator: ","))
            guard code == ARES_SUCCESS else {
                ares_destroy(channel)
                throw .aresFailed(call: "ares_set_servers_ports_csv", reason: AresAnswerReader.text(code))
            }
        }
        return channel
    }

    /// Asks the questions of every lookup until each has its status, at most `window` at once.
    func run(_ lookups: [MailDomainLookup]) -> [MailDomainLookup] {
        let batch = AresBatch(lookups)
        while true {
            while batch.inFlight < Self.window, let (index, question) = batch.next() {
                batch.inFlight += 1
                send(AresQuery(owner: self, batch: batch, index: index, question: question))
            }
            guard batch.inFlight > 0 else { return batch.lookups }
            wait()
        }
    }

    /// Sends `query` on the channel of its `attempt`.
    private func send(_ query: AresQuery) {
        let context = Unmanaged.passRetained(query).toOpaque()
        // Class IN (RFC 1035 §3.2.4). c-ares calls back exactly once, maybe before returning.
        let question = query.question
        ares_query(channels[query.attempt], question.name, 1, question.type.rawValue, { context, status, _, buffer, length in
            guard let context else { preconditionFailure("c-ares called back without the query's context") }
            let query = Unmanaged<AresQuery>.fromOpaque(context).takeRetainedValue()
            query.owner.receive(query, status: status, buffer: buffer, length: length)
        }, context)
    }

    /// What c-ares called back with for `query`: sent on to the next server after a SERVFAIL or
    /// REFUSED while one is left, else the answer for its lookup.
    private func receive(_ query: AresQuery, status: Int32, buffer: UnsafeMutablePointer<UInt8>?, length: Int32) {
        let refused = status == ARES_ESERVFAIL || status == ARES_EREFUSED
        if refused && query.attempt + 1 < channels.count {
            query.refusals.append((servers[query.attempt], status))
            query.attempt += 1
            send(query)
            return
        }
        var answer = readers[query.attempt].answer(to: query.question, status: status, buffer: buffer, length: length)
        if !query.refusals.isEmpty, case .failure(let reason) = answer {
            // What every server said, or what those before the last said and then the last's failure.
            answer = .failure(refused
                ? AresAnswerReader.refusals(query.refusals + [(servers[query.attempt], status)], to: query.question)
                : "\(AresAnswerReader.refusals(query.refusals, to: query.question)); \(reason)")
        }
        query.batch.receive(answer, for: query.question, of: query.index)
    }

    /// Waits (poll) for the channels' sockets or their next timeout, then lets c-ares process them.
    private func wait() {
        var descriptors: [pollfd] = []
        /// The index in `channels` of each descriptor's channel.
        var owners: [Int] = []
        // At most a second, should c-ares have neither a socket nor a timeout to wait on.
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        for (owner, channel) in channels.enumerated() {
            var sockets = [ares_socket_t](repeating: ARES_SOCKET_BAD, count: Int(ARES_GETSOCK_MAXNUM))
            let bits = ares_getsock(channel, &sockets, Int32(sockets.count))
            for index in sockets.indices {
                let readable = ccares_getsock_readable(bits, Int32(index)) != 0
                let writable = ccares_getsock_writable(bits, Int32(index)) != 0
                guard readable || writable else { continue }
                descriptors.append(pollfd(fd: sockets[index], events: Int16((readable ? POLLIN : 0) | (writable ? POLLOUT : 0)), revents: 0))
                owners.append(owner)
            }
            timeout = Self.timeout(of: channel, within: timeout)
        }
        let milliseconds = Int32(timeout.tv_sec * 1000 + (timeout.tv_usec + 999) / 1000)
        let ready = poll(&descriptors, nfds_t(descriptors.count), milliseconds)
        if ready < 0 {
            guard errno == EINTR else { preconditionFailure("poll on c-ares' sockets: errno \(errno)") }
            return
        }
        var processed = [Bool](repeating: false, count: channels.count)
        for (descriptor, owner) in zip(descriptors, owners) where descriptor.revents != 0 {
            // An error (ICMP port unreachable) is for c-ares' read to find.
            let readable = descriptor.revents & Int16(POLLIN | POLLERR | POLLHUP) != 0
            let writable = descriptor.revents & Int16(POLLOUT) != 0
            ares_process_fd(channels[owner], readable ? descriptor.fd : ARES_SOCKET_BAD, writable ? descriptor.fd : ARES_SOCKET_BAD)
            processed[owner] = true
        }
        // The timeouts of the channels none of whose sockets was ready.
        for (owner, channel) in channels.enumerated() where !processed[owner] {
            ares_process_fd(channel, ARES_SOCKET_BAD, ARES_SOCKET_BAD)
        }
    }

    /// How long until `channel`'s next timeout, `limit` at most (`ares_timeout`).
    private static func timeout(of channel: OpaquePointer, within limit: timeval) -> timeval {
        var limit = limit
        var next = timeval()
        return withUnsafeMutablePointer(to: &limit) { limit in
            withUnsafeMutablePointer(to: &next) { next in ares_timeout(channel, limit, next)?.pointee ?? limit.pointee }
        }
    }

    /// A server of c-ares' list as `host:port`.
    private static func text(_ node: ares_addr_port_node) -> String {
        var node = node
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let written = withUnsafeBytes(of: &node.addr) { address in
            inet_ntop(node.family, address.baseAddress, &text, socklen_t(text.count)) != nil
        }
        let host = written ? String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "(unknown)"
        let port = node.udp_port == 0 ? 53 : Int(node.udp_port)
        return node.family == AF_INET6 ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}

/// The lookups of one `run` and the questions they have yet to ask; c-ares' callbacks reach
/// it through each query's `AresQuery`. Used on the thread of its `run` only.
private final class AresBatch {
    private(set) var lookups: [MailDomainLookup]
    /// Questions sent and not yet answered (one sent again to the next server counts once).
    var inFlight = 0
    /// Questions to send, first in first out (`head` is the next).
    private var queue: [(index: Int, question: DNSQuestion)] = []
    private var head = 0

    init(_ lookups: [MailDomainLookup]) {
        self.lookups = lookups
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

/// One question's context through c-ares (its callback's `arg`): retained from `ares_query` to
/// the callback, and on to the next `ares_query` when it is sent again to the next server.
private final class AresQuery {
    /// The channels it is sent on. Strong: a question in flight keeps them alive.
    let owner: AresChannel
    let batch: AresBatch
    let index: Int
    let question: DNSQuestion
    /// The index of the channel it is sent on: 0, then one more for each SERVFAIL or REFUSED.
    var attempt = 0
    /// The SERVFAIL and REFUSED answers so far: the server each is put down to, and the status.
    var refusals: [(server: String, status: Int32)] = []

    init(owner: AresChannel, batch: AresBatch, index: Int, question: DNSQuestion) {
        self.owner = owner
        self.batch = batch
        self.index = index
        self.question = question
    }
}
