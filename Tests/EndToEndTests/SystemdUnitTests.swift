import Foundation
import Testing
import TestSupport

/// The shipped systemd files, checked offline by systemd's own tools, and `make install-files`
/// into a staging folder. `make deps` installs systemd (there is no systemd running in CI:
/// `systemd-analyze` and friends work on files); a missing tool fails the test, never skips it.
@Suite struct SystemdUnitTests {
    /// The repository's root (this file is Tests/EndToEndTests/SystemdUnitTests.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let unit = root + "/systemd/dunning.service"

    /// The path of systemd's tool `name`; a failed requirement when it is not installed.
    static func systemdTool(_ name: String) throws -> String {
        try #require(systemTool(name), "\(name) is not installed (make deps installs systemd)")
    }

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
        let analyze = try Self.systemdTool("systemd-analyze")
        let result = try Self.run(analyze, ["security", "--offline=true", Self.unit])
        // `→ Overall exposure level for dunning.service: 1.1 OK 🙂`
        let line = try #require(result.output.split(separator: "\n").first { $0.contains("Overall exposure level for dunning.service:") },
                                "\(result.output)")
        let number = try #require(line.split(separator: ":").last?.split(separator: " ").first.flatMap { Double($0) }, "\(line)")
        #expect(number <= 2.0, "\(result.output)")
    }

    @Test("systemd-analyze verify finds nothing to say about the unit (with ExecStart= at the built binary)")
    func verify() throws {
        let analyze = try Self.systemdTool("systemd-analyze")
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

    @Test("make install-files stages binary, unit, sysusers, tmpfiles, templates and an absolute-path config; a second run keeps the config")
    func install() throws {
        let make = try #require(systemTool("make"), "make is not installed")
        let stage = try TemporaryDirectory()
        let binary = try Binaries.url("dunning").path
        let arguments = ["-s", "-C", Self.root, "install-files", "DESTDIR=\(stage.path)", "BUILT=\(binary)"]
        let first = try Self.run(make, arguments)
        try #require(first.status == 0, "\(first.output)")

        let version = try Self.run(stage.file("usr/local/bin/dunning"), ["--version"])
        #expect(version.status == 0 && !version.output.isEmpty, "\(version.output)")
        let unit = stage.text(of: "usr/local/lib/systemd/system/dunning.service")
        #expect(unit.contains("\nExecStart=/usr/local/bin/dunning run --config /etc/dunning/dunning.yaml\n"))
        #expect(unit.contains("\nType=notify\n") && unit.contains("\nExecReload=/bin/kill -HUP $MAINPID\n"))
        let templates = try FileManager.default.subpathsOfDirectory(atPath: stage.file("usr/local/share/dunning/templates"))
        #expect(templates.filter { $0.hasSuffix(".mustache") }.count == 36)

        // The config: the example with the service's paths, valid as it stands.
        let config = stage.text(of: "etc/dunning/dunning.yaml")
        #expect(config.contains("\nledger: /var/lib/dunning/ledger.jsonl\n"))
        #expect(config.contains("\n  outbox: /var/lib/dunning/outbox "))
        #expect(!config.split(separator: "\n").contains { !$0.hasPrefix("#") && $0.contains("../var/") }, "\(config)")
        let cli = try DunningCLI(config: config.replacingOccurrences(of: "/var/lib/dunning/", with: "state/"))
        let check = try cli.run(["check"])
        #expect(check.status == 0 && check.stdout == "ok\n", "\(check)")

        // Reinstalling keeps an edited config.
        try "# edited\n".write(toFile: stage.file("etc/dunning/dunning.yaml"), atomically: true, encoding: .utf8)
        let second = try Self.run(make, arguments)
        #expect(second.status == 0 && second.output.contains("kept "), "\(second.output)")
        #expect(stage.text(of: "etc/dunning/dunning.yaml") == "# edited\n")

        // sysusers.d and tmpfiles.d as systemd reads them (root only: tmpfiles changes owners).
        if geteuid() == 0 {
            let sysusers = try Self.systemdTool("systemd-sysusers")
            let tmpfiles = try Self.systemdTool("systemd-tmpfiles")
            let users = try Self.run(sysusers, ["--root=\(stage.path)"])
            #expect(users.status == 0, "\(users.output)")
            let passwd = stage.text(of: "etc/passwd").split(separator: "\n").first { $0.hasPrefix("dunning:") } ?? ""
            #expect(passwd.hasSuffix(":/var/lib/dunning:/usr/sbin/nologin"), "\(passwd)")
            let uid = try #require(passwd.split(separator: ":").dropFirst(2).first.flatMap { UInt32($0) }, "\(passwd)")
            #expect(stage.text(of: "etc/group").contains("dunning:x:"))
            let created = try Self.run(tmpfiles, ["--root=\(stage.path)", "--create"])
            #expect(created.status == 0, "\(created.output)")
            let folder = try FileManager.default.attributesOfItem(atPath: stage.file("var/lib/dunning"))
            #expect((folder[.posixPermissions] as? Int) == 0o770 && (folder[.ownerAccountID] as? UInt) == UInt(uid))
            let ledger = try FileManager.default.attributesOfItem(atPath: stage.file("var/lib/dunning/ledger.jsonl"))
            #expect((ledger[.posixPermissions] as? Int) == 0o660 && (ledger[.ownerAccountID] as? UInt) == UInt(uid))
        }

        let removed = try Self.run(make, ["-s", "-C", Self.root, "uninstall", "DESTDIR=\(stage.path)"])
        #expect(removed.status == 0, "\(removed.output)")
        #expect(!FileManager.default.fileExists(atPath: stage.file("usr/local/bin/dunning")))
        #expect(!FileManager.default.fileExists(atPath: stage.file("usr/local/lib/systemd/system/dunning.service")))
        #expect(FileManager.default.fileExists(atPath: stage.file("etc/dunning/dunning.yaml")))
    }
}

/// The path of a program of the system (`systemd-analyze`, `make`), or `nil` when it is not installed.
func systemTool(_ name: String) -> String? {
    ["/usr/bin/", "/bin/", "/usr/sbin/"].map { $0 + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
}
