internal import CGMime

extension MIME {
    /// The SHA-256 of `bytes` as 64 lowercase hex digits (GLib's `GChecksum`).
    ///
    /// For names that must be stable and safe in a header: MIME boundaries, the hashed
    /// parts of a Message-ID. GLib is linked for GMime anyway.
    package static func sha256Hex(_ bytes: [UInt8]) -> String {
        let hex = bytes.withUnsafeBufferPointer { buffer in
            g_compute_checksum_for_data(G_CHECKSUM_SHA256, buffer.baseAddress, gsize(buffer.count))
        }
        guard let hex else { preconditionFailure("g_compute_checksum_for_data(SHA256) returned NULL") }
        defer { g_free(hex) }
        return String(cString: hex)
    }
}
