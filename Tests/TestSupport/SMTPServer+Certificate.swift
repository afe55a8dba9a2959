import Foundation

/// A self-signed certificate for `127.0.0.1` and `localhost`, made by the `openssl` CLI.
///
/// The certificate is its own CA: pass `certificatePath` as `ca_file` to trust it.
public struct TestCertificate: Sendable {
    public var certificatePath: String
    public var keyPath: String

    /// Writes `cert.pem` and `key.pem` into `directory`. A missing `openssl` is an error, not a skip.
    public static func make(in directory: TemporaryDirectory) throws -> TestCertificate {
        let certificate = TestCertificate(certificatePath: directory.file("cert.pem"), keyPath: directory.file("key.pem"))
        let result = try DunningCLI.runTool(
            "openssl",
            ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
             "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
             "-keyout", certificate.keyPath, "-out", certificate.certificatePath],
            in: directory.path)
        guard result.status == 0 else { throw SMTPServerError.tool("openssl", result.description) }
        return certificate
    }
}

extension DunningCLI {
    /// Runs a tool found on `PATH` (through `/usr/bin/env`), output captured.
    static func runTool(_ tool: String, _ arguments: [String], in directory: String) throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self), stderr: "")
    }
}
