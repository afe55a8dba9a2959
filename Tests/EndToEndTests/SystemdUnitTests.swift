import Foundation
import Testing
import TestSupport

/// The shipped systemd files, checked offline by systemd's own tools. `make deps` installs
/// systemd (there is no systemd running in CI: `systemd-analyze` and friends work on files).
@Suite(.enabled(if: systemTool("systemd-analyze") != nil, "systemd-analyze is not installed (make deps installs systemd)"))
struct SystemdUnitTests {
    /// The repository's root (this file is Tests/EndToEndTests/SystemdUnitTests.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let unit = root + "/systemd/dunning.service"

    /// Runs `executable` with stdout and stderr in one pipe; returns the exit status and the text.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SYSTEMD_COLORS"] = "0"
        environment["SYSTEMD_PAGER"] = ""
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("systemd-analyze security rates the unit's exposure at 2.0 or below")
    func exposure() throws {
        let analyze = try #require(systemTool("systemd-analyze"))
        let result = try Self.run(analyze, ["security", "--offline=true", Self.unit])
        // `→ Overall exposure level for dunning.service: 1.1 OK 🙂`
        let line = try #require(result.output.split(separator: "\n").first { $0.contains("Overall exposure level for dunning.service:") },
                                "\(result.output)")
        let number = try #require(line.split(separator: ":").last?.split(separator: " ").first.flatMap { Double($0) }, "\(line)")
        #expect(number <= 2.0, "\(result.output)")
    }

    @Test("systemd-analyze verify finds nothing to say about the unit (with ExecStart= at the built binary)")
    func verify() throws {
        let analyze = try #require(systemTool("systemd-analyze"))
        // verify insists that ExecStart='s binary exists, and --root= would need a whole system
        // (sysinit.target, /bin/kill) in the root: so a copy names the binary of this build.
        let folder = try TemporaryDirectory()
        let text = try String(contentsOfFile: Self.unit, encoding: .utf8)
        #expect(text.contains("ExecStart=/usr/local/bin/dunning run "))
        try text.replacingOccurrences(of: "/usr/local/bin/dunning", with: try Binaries.url("dunning").path)
            .write(toFile: folder.file("dunning.service"), atomically: true, encoding: .utf8)
        let result = try Self.run(analyze, ["verify", folder.file("dunning.service")])
        #expect(result.status == 0 && result.output.isEmpty, "\(result.output)")
    }
}

/// The path of a program of the system (`systemd-analyze`, `make`), or `nil` when it is not installed.
func systemTool(_ name: String) -> String? {
    ["/usr/bin/", "/bin/", "/usr/sbin/"].map { $0 + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
}
