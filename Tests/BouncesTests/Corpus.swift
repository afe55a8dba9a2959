import Bounces
import DunningCore
import Foundation

/// The bounce corpus: `corpus/NAME.eml` with its expected parse in `corpus/NAME.expected.json`,
/// read from the source folder.
enum Corpus {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("corpus")

    /// Every `.eml` in the corpus, sorted.
    static let names: [String] = {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0.hasSuffix(".eml") }.map { String($0.dropLast(4)) }.sorted()
        } catch {
            preconditionFailure("corpus folder \(folder.path) cannot be read: \(error)")
        }
    }()

    static func message(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent("\(name).eml")))
    }

    static func expected(_ name: String) throws -> Expected {
        try JSONDecoder().decode(Expected.self, from: Data(contentsOf: folder.appendingPathComponent("\(name).expected.json")))
    }

    /// A sidecar file: either `bounce` (the reports, in order) or `notABounce` (the reason's case).
    struct Expected: Decodable {
        var bounce: [Report]?
        /// `autoReply`, `deliveryNotice` or `ordinaryMessage`.
        var notABounce: String?

        struct Report: Decodable {
            var address: String
            var kind: String
            var status: String
            /// A part of the diagnostic (the rest is the remote server's wording).
            var diagnosticContains: String
            var originalMessageID: String?
            var verpToken: String?
        }
    }
}

extension NotABounceReason {
    /// The case's name, as the sidecar files write it.
    var caseName: String {
        switch self {
        case .autoReply: "autoReply"
        case .deliveryNotice: "deliveryNotice"
        case .ordinaryMessage: "ordinaryMessage"
        }
    }
}
