// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "ecoute",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "ecoute", targets: ["ecoute"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // SHA-256 for the audit log's hash chain.
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // Platform mode: the store on a PostgreSQL server (docs/deployment.md).
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
    ],
    targets: [
        // Thin C shim over ncursesw: macros and the `stdscr` global are not usable from Swift 6.
        .target(
            name: "CNcurses",
            linkerSettings: [.linkedLibrary("ncursesw")]
        ),
        // Data files shipped with the program (UI strings, geography, sample directory).
        .target(
            name: "EcouteResources",
            path: "Resources",
            exclude: ["README.md"],
            sources: ["Locator"],
            resources: [.copy("strings"), .copy("geography"), .copy("directory"), .copy("scenarios"), .copy("motifs"), .copy("lines")]
        ),
        // Pure domain: no I/O, no clock, no randomness of its own.
        .target(name: "EcouteCore"),
        // The embedded engine (the default): GRDB over the system SQLite — the calls database, its
        // migrations and records, the directory's own SQLite file and the importers that fill it.
        .target(
            name: "EcouteSQLite",
            dependencies: ["EcouteCore", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
                           .product(name: "Crypto", package: "swift-crypto")]
        ),
        // Platform mode: the same protocols on PostgreSQL (PostgresNIO). It reads the local directory
        // file and the embedded database it copies (`admin migrate-from-sqlite`) through EcouteSQLite.
        .target(
            name: "EcoutePostgres",
            dependencies: ["EcouteCore", "EcouteSQLite", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        // The one factory that opens a store on either engine, and the workstation's call journal.
        .target(name: "EcouteStore", dependencies: ["EcouteCore", "EcouteSQLite", "EcoutePostgres"]),
        // Reports and debriefs (CSV, JSON, Markdown), streamed over the core's store protocols.
        .target(name: "EcouteReports", dependencies: ["EcouteCore"]),
        // The one runtime, screens as pure views into a text grid, their models, and the ncurses backend.
        .target(
            name: "EcouteTUI",
            dependencies: ["EcouteCore", "CNcurses"]
        ),
        .executableTarget(
            name: "ecoute",
            dependencies: [
                "EcouteCore", "EcouteStore", "EcouteSQLite", "EcoutePostgres", "EcouteTUI", "EcouteReports", "EcouteResources",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `make bench`: the directory at national scale against bare SQLite (docs/benchmarks.md).
        .executableTarget(
            name: "ecoute-bench",
            dependencies: [
                "EcouteCore", "EcouteStore", "EcouteSQLite", "EcoutePostgres", "EcouteResources", "EcouteTUI",
                "ScratchPostgres",  // the throwaway PostgreSQL cluster of the platform figures
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // A throwaway PostgreSQL cluster (initdb in a temporary folder) and a child-process runner,
        // for the tests and the benchmarks.
        .target(name: "ScratchPostgres", dependencies: ["EcoutePostgres"]),
        // Shared by the test targets: fixtures worked by hand, golden-file comparison.
        .target(name: "EcouteTestSupport", dependencies: ["EcouteCore", "EcouteResources", "ScratchPostgres"],
                path: "Tests/EcouteTestSupport"),
        .testTarget(name: "EcouteCoreTests", dependencies: ["EcouteCore"]),
        // The engines' own tests (what only SQLite, or only PostgreSQL, is asked) and the factory's.
        .testTarget(name: "EcouteStoreTests", dependencies: ["EcouteStore", "EcouteSQLite", "EcoutePostgres", "EcouteResources", "EcouteTestSupport",
                                                             .product(name: "GRDB", package: "GRDB.swift")]),
        // One contract suite that every store backend must pass, through the core's protocols only.
        .testTarget(name: "StoreContractTests", dependencies: ["EcouteCore", "EcouteStore", "EcouteTestSupport"]),
        .testTarget(name: "EcouteReportsTests", dependencies: ["EcouteReports", "EcouteTestSupport"],
                    exclude: ["Golden"]),  // read from the source tree
        .testTarget(name: "EcouteTUITests", dependencies: ["EcouteTUI", "EcouteReports", "EcouteStore", "EcouteResources", "EcouteTestSupport"],
                    exclude: ["Snapshots"]),  // read from the source tree, so `make snapshots` can rewrite them
        // The command line's own reading, through the `ecoute` executable's module.
        .testTarget(name: "EcouteCommandTests", dependencies: ["ecoute", "EcouteCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // Drives the built `ecoute` binary in tmux; needs tmux (installed by the Makefile).
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["EcouteCore", "EcouteTUI", "EcouteTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ]
)
