internal import CGMime

/// GNU GMime 3, wrapped: no GObject pointer leaves this module.
///
/// Values go in (``MIME/Message``) and bytes come out (``MIME/write(_:)``), or bytes go in
/// and values come out (``MIME/parse(_:)``). Every GMime object lives inside one call.
public enum MIME {
    /// GMime's version, e.g. `"3.2.13"`.
    public static var version: String { "\(gmime_major_version).\(gmime_minor_version).\(gmime_micro_version)" }

    /// `g_mime_init()`, run once per process before the first GMime call.
    ///
    /// A `static let` is initialized exactly once, under a lock the Swift runtime holds
    /// (`swift_once`), so concurrent first callers wait for the one that runs it. GMime is
    /// never shut down: its charset tables live as long as the process.
    private static let initialized: Void = g_mime_init()

    /// Makes sure GMime is initialized; every entry point calls it first.
    static func initialize() {
        _ = initialized
    }
}
