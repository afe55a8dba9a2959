/// `LedgerState.isActive` for the planner's loops, without hashing most record ids.
///
/// A plan asks "is this record voided?" about a million times, and a `Set<String>` lookup
/// hashes the whole id each time. Voids are few, so a 65,536-bit table keyed on the id's
/// length and last bytes answers "certainly not voided" for almost every id; only ids
/// whose bit is set are looked up in `state.voided`. No false answers: a voided id always
/// has its bit set.
///
/// A class: closures over it capture one reference, not a copy of the void set and table.
final class ActiveFilter: Sendable {
    private let voided: Set<String>
    /// `nil`: nothing is voided, everything is active.
    private let bits: [UInt64]?

    /// A filter over `state`'s voids (built in O(voids)).
    init(_ state: LedgerState) {
        voided = state.voided
        guard !state.voided.isEmpty else {
            bits = nil
            return
        }
        var bits = [UInt64](repeating: 0, count: 1 << 10)
        for id in state.voided {
            let key = ActiveFilter.key(id)
            bits[key >> 6] |= 1 << UInt64(key & 63)
        }
        self.bits = bits
    }

    /// Whether record `id` counts (not voided), as `LedgerState.isActive`.
    func isActive(_ id: String) -> Bool {
        guard let bits else { return true }
        let key = ActiveFilter.key(id)
        guard bits[key >> 6] & (1 << UInt64(key & 63)) != 0 else { return true }
        return !voided.contains(id)
    }

    /// 16 bits from the id's length and its last four bytes (record ids end in random letters).
    private static func key(_ id: String) -> Int {
        var id = id
        return id.withUTF8 { bytes in
            var hash = UInt32(truncatingIfNeeded: bytes.count) &* 0x9E37_79B1
            for byte in bytes.suffix(4) { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
            return Int(hash >> 16)
        }
    }
}
