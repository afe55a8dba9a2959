import Curl

/// libcurl alone: `SMTPConnection.send` in a loop over one connection, the same prebuilt
/// message every time, no journal, no log, no plan. The floor under any sender built on
/// libcurl (the issue's transport): what `smtp-source -d` is compared with is libcurl's
/// own cost per message (its state machine, about ten `poll` calls and five `send` calls
/// per message) before dunning adds anything.
struct LibcurlFloor {
    let messages: Int

    /// Wall time of delivering `sample` `messages` times to `127.0.0.1:port` without TLS.
    func time(port: Int, sample: [UInt8]) throws -> Double {
        let connection = try SMTPConnection(ConnectionOptions(url: "smtp://127.0.0.1:\(port)", security: .none))
        defer { connection.close() }
        let start = ContinuousClock.now
        for _ in 0..<messages {
            let attempt = try connection.send(from: "bench@voorbeeld.nl", to: ["klant@example.nl"], message: sample)
            guard attempt.error == nil else { throw BenchError.failed("libcurl alone: \(attempt.errorMessage) \(attempt.lastReply?.line ?? "")") }
        }
        return SMTPBenchmark.seconds(since: start)
    }
}
