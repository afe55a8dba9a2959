import Foundation

/// Generates record ids: short, unique enough, and easy to type into `ledger resolve --ref`.
///
/// An id is a prefix naming the type, a dash and 10 characters of Crockford's base32 in
/// lower case (`pay-7k3m9q2x4d`): digits and letters without `i`, `l`, `o`, `u`, so nothing
/// reads as another character. 10 characters are 50 random bits: among a million ids of
/// one type the chance of any clash is about 1 in 2,000, so callers that hold the ledger's
/// ids should still check (`generate(type:isTaken:)`).
public enum RecordID {
    /// Crockford's base32 alphabet, lower case.
    static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)

    /// The prefix for a record type (`payment` → `pay`); `rec` for types it does not know.
    public static func prefix(type: String) -> String {
        switch type {
        case "customer": "cus"
        case "invoice": "inv"
        case "payment": "pay"
        case "credit": "crd"
        case "dispute": "dsp"
        case "promise": "prm"
        case "arrangement": "arr"
        case "hold": "hld"
        case "resolve": "res"
        case "note": "not"
        case "void": "void"
        case "contact-check": "chk"
        case "reminder": "rem"
        case "bounce": "bnc"
        case "task": "tsk"
        case "handover": "hnd"
        case "digest": "dig"
        default: "rec"
        }
    }

    /// A new id for a record of `type` (as `LedgerRecord.type` spells it).
    public static func generate(type: String) -> String {
        var generator = SystemRandomNumberGenerator()
        return generate(type: type, using: &generator)
    }

    /// A new id drawn from `generator` (a seeded one gives reproducible ids, as in the benchmark).
    public static func generate(type: String, using generator: inout some RandomNumberGenerator) -> String {
        var bits = generator.next() & ((1 << 50) - 1)
        var suffix = [UInt8](repeating: 0, count: 10)
        for index in (0..<10).reversed() {
            suffix[index] = alphabet[Int(bits & 31)]
            bits >>= 5
        }
        return prefix(type: type) + "-" + String(decoding: suffix, as: UTF8.self)
    }

    /// The id for a record of `type` that is derived from something else: the same `hex`
    /// (hex digits of a hash, at least 13) gives the same id, so a record made again from the
    /// same input (a bounce read twice after a crash) is recognised as already in the ledger.
    public static func derived(type: String, hex: some StringProtocol) -> String {
        let bits = UInt64(hex.prefix(13), radix: 16) ?? 0
        var generator = FixedBits(bits: bits)
        return generate(type: type, using: &generator)
    }

    /// A "generator" that yields one fixed value.
    private struct FixedBits: RandomNumberGenerator {
        var bits: UInt64
        mutating func next() -> UInt64 { bits }
    }

    /// The records of one append, stamped `at`, each with a new id that neither `isTaken`
    /// (the ledger's ids) nor an earlier record of the batch has.
    public static func records(for bodies: [LedgerRecord.Body], at: Date, isTaken: (String) -> Bool) -> [LedgerRecord] {
        var taken = Set<String>()
        return bodies.map { body in
            let id = generate(type: LedgerRecord(id: "", at: at, body: body).type) { isTaken($0) || taken.contains($0) }
            taken.insert(id)
            return LedgerRecord(id: id, at: at, body: body)
        }
    }

    /// A new id that `isTaken` does not know yet.
    public static func generate(type: String, isTaken: (String) -> Bool) -> String {
        while true {
            let id = generate(type: type)
            if !isTaken(id) { return id }
        }
    }
}
