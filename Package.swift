// swift-tools-version: 6.2
import PackageDescription

/// Shared by every target of ours: Swift 6 mode, `any` spelled out, warnings are errors.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .treatAllWarnings(as: .error),
]

/// GMime 3's and GLib's include folders on Debian (both multiarch layouts).
let gmimeIncludes = ["/usr/include/gmime-3.0", "/usr/include/glib-2.0",
                     "/usr/lib/x86_64-linux-gnu/glib-2.0/include", "/usr/lib/aarch64-linux-gnu/glib-2.0/include"]
    .flatMap { ["-Xcc", "-I\($0)"] }

let package = Package(
    name: "dunning",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "dunning", targets: ["dunning"]),
        .executable(name: "dunning-bench", targets: ["dunning-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // Pure domain: money, dates, records, policies, costs, interest, the planner. No I/O.
        .target(name: "DunningCore", swiftSettings: swiftSettings),
        // simdjson (C++) behind an extern "C" API: the ledger's fast line parser.
        .target(
            name: "CLedgerJSON",
            linkerSettings: [.linkedLibrary("simdjson")]
        ),
        // Files: the ledger store, the config loader (Yams), CSV import.
        .target(
            name: "DunningStore",
            dependencies: [
                "DunningCore", "CLedgerJSON",
                .product(name: "Yams", package: "Yams"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // libcurl (Debian libcurl4-openssl-dev) and a thin Swift wrapper: SMTP connections.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "Curl", dependencies: ["CCurl"], swiftSettings: swiftSettings),
        // GNU GMime 3 (Debian libgmime-3.0-dev) and a thin Swift wrapper: MIME messages.
        // Its headers sit below include folders of their own; pkg-config would also pass flags
        // SwiftPM refuses with a warning (-pthread), so the folders are named here.
        .systemLibrary(name: "CGMime"),
        .target(name: "MIME", dependencies: ["CGMime"], swiftSettings: swiftSettings + [.unsafeFlags(gmimeIncludes)]),
        // GNU libidn2 (Debian libidn2-dev): UTS #46 domain names to A-labels, for MailDNS.
        .systemLibrary(name: "CIDN2", pkgConfig: "libidn2", providers: [.apt(["libidn2-dev"])]),
        // c-ares (Debian libc-ares-dev): asynchronous DNS queries, for MailDNS.
        .systemLibrary(name: "CCAres", pkgConfig: "libcares", providers: [.apt(["libc-ares-dev"])]),
        // DNS for the contact verifier: MX/A/AAAA through c-ares, IDNA through libidn2.
        .target(name: "MailDNS", dependencies: ["CIDN2", "CCAres"], swiftSettings: swiftSettings),
        // The contact verifier: syntax, IDNA, bounce history and DNS into contact-check records.
        .target(name: "Verify", dependencies: ["DunningCore", "MailDNS", "Phone"], swiftSettings: swiftSettings),
        // Templates (swift-mustache), composed messages, the outbox and SMTP transports.
        .target(
            name: "Mail",
            dependencies: [
                "DunningCore", "Curl", "MIME",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The built-in letters, LANG/LANG.KIND.PART.mustache: compiled in as byte arrays
            // (PackageResources), since the static release binary has no bundle folder beside it.
            resources: [.embedInCode("Templates/BuiltIn")],
            swiftSettings: swiftSettings
        ),
        // libsystemd (Debian libsystemd-dev) and a thin Swift wrapper: sd_notify and the watchdog.
        .systemLibrary(name: "CSystemd", pkgConfig: "libsystemd", providers: [.apt(["libsystemd-dev"])]),
        .target(name: "Systemd", dependencies: ["CSystemd"], swiftSettings: swiftSettings),
        // The engine: sessions over any LedgerStore, the send cycle, bounce intake, the digest, the service.
        .target(
            name: "Daemon",
            dependencies: ["DunningCore", "DunningStore", "Mail", "Bounces", "Verify", "Phone", "Systemd",
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                           .product(name: "UnixSignals", package: "swift-service-lifecycle")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "dunning",
            dependencies: [
                "DunningCore", "DunningStore", "Mail", "Daemon", "Verify", "Systemd", "Bounces",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "dunning-bench",
            // TestSupport for its dnsmasq server (`verify` benchmark).
            dependencies: ["DunningCore", "DunningStore", "Verify", "MailDNS", "Mail", "Daemon", "Curl", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        // Phone numbers for the call task: libphonenumber (C++, Debian libphonenumber-dev) behind an
        // extern "C" API, its Swift wrapper, and their tests.
        .target(name: "CPhoneNumber", linkerSettings: [.linkedLibrary("phonenumber")]),
        .target(name: "Phone", dependencies: ["CPhoneNumber"], swiftSettings: swiftSettings),
        .testTarget(name: "PhoneTests", dependencies: ["Phone"], swiftSettings: swiftSettings),
        .target(
            name: "TestSupport",
            dependencies: ["DunningCore", "DunningStore", "MailDNS", "Verify"],
            path: "Tests/TestSupport",
            // Python helpers the tests run (the SMTP server, the message parser), not compiled.
            exclude: ["smtp_server.py", "parse_message.py"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "DunningCoreTests", dependencies: ["DunningCore"], swiftSettings: swiftSettings),
        // Bounce mailboxes (a Maildir, IMAP through Curl) and bounce parsing: DSNs (RFC 3464) and the common non-standard formats into per-recipient
        // reports classified by RFC 3463 status; tested on a corpus of .eml files read via #filePath.
        .target(name: "Bounces", dependencies: ["DunningCore", "MIME", "Curl"], swiftSettings: swiftSettings),
        .testTarget(name: "BouncesTests", dependencies: ["Bounces", "DunningCore"], exclude: ["corpus"],
                    swiftSettings: swiftSettings),
        .testTarget(
            name: "DunningStoreTests",
            dependencies: ["DunningCore", "DunningStore", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "MailTests",
            dependencies: ["DunningCore", "Mail", "Curl", "MIME", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "MailDNSTests", dependencies: ["MailDNS", "TestSupport"], swiftSettings: swiftSettings),
        // The libcurl wrapper on its own: SMTPConnection against aiosmtpd and Postfix, IMAPMailbox
        // against Dovecot (TestSupport starts them), reply parsing, CurlError.
        .testTarget(name: "CurlTests", dependencies: ["Curl", "TestSupport"], swiftSettings: swiftSettings),
        // The GMime wrapper on its own: writer, parser, SHA-256, RFC 2047 words, round trips
        // (TestSupport's Python email parser as a second reader).
        .testTarget(name: "MIMETests", dependencies: ["MIME", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "VerifyTests",
            dependencies: ["DunningCore", "MailDNS", "Verify", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DaemonTests",
            dependencies: ["DunningCore", "DunningStore", "Mail", "Daemon", "Bounces", "Verify", "MailDNS", "TestSupport",
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "SystemdTests", dependencies: ["Systemd", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["DunningCore", "DunningStore", "TestSupport"],
            swiftSettings: swiftSettings
        ),
    ],
    cxxLanguageStandard: .cxx17
)
