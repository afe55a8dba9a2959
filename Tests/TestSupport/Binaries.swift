import Foundation

/// Finds the executables of this package in the build directory of the running tests.
///
/// `swift build --build-tests` (and `swift test`) build them next to the test bundle, in
/// `.build/<triple>/debug/`. A missing binary is an error, never a skip.
public enum Binaries {
    public static func url(_ name: String, filePath: String = #filePath) throws -> URL {
        var candidates: [URL] = []
        // The test bundle (`dunningPackageTests.xctest`) sits in the products directory.
        let bundle = Bundle.main.bundleURL
        candidates.append(bundle.deletingLastPathComponent().appendingPathComponent(name))
        candidates.append(bundle.appendingPathComponent(name))
        if let executable = Bundle.main.executableURL {
            candidates.append(executable.deletingLastPathComponent().appendingPathComponent(name))
        }
        // The package root is three levels above this file (Tests/TestSupport/Binaries.swift).
        let root = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug").appendingPathComponent(name))
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        throw BinaryError.notBuilt(name: name, searched: candidates.map(\.path))
    }
}

public enum BinaryError: Error, CustomStringConvertible {
    case notBuilt(name: String, searched: [String])

    public var description: String {
        switch self {
        case .notBuilt(let name, let searched):
            "\(name) is not built (run `swift build --build-tests`); looked in: \(searched.joined(separator: ", "))"
        }
    }
}
