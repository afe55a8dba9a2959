internal import CGMime

/// GNU GMime 3, wrapped: no GObject pointer leaves this module.
public enum MIME {
    /// GMime's version, e.g. `"3.2.13"`.
    public static var version: String { "\(gmime_major_version).\(gmime_minor_version).\(gmime_micro_version)" }
}
