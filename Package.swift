// swift-tools-version:6.0
// report — builds a living, reproducible paper from Markdown with embedded directives.
//
// Dependencies point one way:
//   ReportCommand → Report, Analysis                 (the `report` program)
//   ReportHTTP    → LiveServer → Report, FlyingFox    (the `report-http` program)
//   Report        → NotebookInterface, Chart, CCmark, CCrypto
//   Analysis      → NotebookInterface, Chart
//   Chart         → CCairo, CPangoCairo, CZlib
import PackageDescription

// Placing labels and counting 37 networks is array-heavy code that runs about 30 times
// slower unoptimised; the test suite draws every figure several times. Debug builds
// (`make test`) optimise these two targets; everything else stays debuggable.
let optimisedInDebug: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

let package = Package(
    name: "report",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "report", targets: ["ReportCommand"]),
        .executable(name: "report-http", targets: ["ReportHTTP"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // `report serve`: a small HTTP server on Swift concurrency (no NIO).
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // C libraries, found with pkg-config; `make` installs the Debian packages.
        .systemLibrary(name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CPangoCairo", pkgConfig: "pangocairo", providers: [.apt(["libpango1.0-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        // Declarative charts and their Cairo renderer (SVG, PNG, PDF).
        .target(name: "Chart", dependencies: ["CCairo", "CPangoCairo", "CZlib"], swiftSettings: optimisedInDebug),

        // The contract between the builder and whatever computes results.
        .target(name: "NotebookInterface", dependencies: ["Chart"], swiftSettings: optimisedInDebug),

        // The paper's science: architectures, counters, dataset, figures, claims.
        .target(name: "Analysis", dependencies: ["NotebookInterface", "Chart"], swiftSettings: optimisedInDebug),

        // The generic builder: Markdown with directives → HTML, figures, data.
        .target(name: "Report", dependencies: [
            "NotebookInterface", "Chart", "CCmark", "CCrypto",
            .product(name: "Yams", package: "Yams"),
        ], swiftSettings: optimisedInDebug),

        // The HTTP server of `report serve`, and the program `report-http` that runs it.
        // A process of its own, so `report` links no HTTP stack (FlyingFox brings in
        // FoundationNetworking and libcurl).
        .target(name: "LiveServer", dependencies: [
            "Report",
            .product(name: "FlyingFox", package: "FlyingFox"),
        ]),
        .executableTarget(name: "ReportHTTP", dependencies: ["LiveServer", "Report"]),

        // The `report` command line.
        .executableTarget(name: "ReportCommand", dependencies: [
            "Report", "Analysis",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // `make bench`: timings of builds, figures and counting (not part of `make test`).
        .executableTarget(name: "ReportBench", dependencies: ["Report", "Analysis", "Chart", "NotebookInterface"]),

        // The tests' seeded random generator, written once for the three test targets.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "ChartTests", dependencies: ["Chart", "TestSupport"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "NotebookInterface", "TestSupport"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "LiveServer", "NotebookInterface", "Chart", "TestSupport"]),
    ]
)
