// swift-tools-version:6.0
// libFuzzer targets for report's readers. Not part of the main package: `make fuzz` builds
// it with `-sanitize=fuzzer,address`. Mirror/ holds symbolic links to the main package's
// source folders, so these targets compile the very same code (with `@testable` access);
// keep the dependency lists below in step with ../Package.swift.
import PackageDescription

let package = Package(
    name: "report-fuzz",
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(name: "CCmark", path: "Mirror/CCmark", pkgConfig: "libcmark"),
        .systemLibrary(name: "CCairo", path: "Mirror/CCairo", pkgConfig: "cairo"),
        .systemLibrary(name: "CPangoCairo", path: "Mirror/CPangoCairo", pkgConfig: "pangocairo"),
        .systemLibrary(name: "CCrypto", path: "Mirror/CCrypto", pkgConfig: "libcrypto"),
        .systemLibrary(name: "CZlib", path: "Mirror/CZlib", pkgConfig: "zlib"),
        .target(name: "Chart", dependencies: ["CCairo", "CPangoCairo", "CZlib"], path: "Mirror/Chart"),
        .target(name: "NotebookInterface", dependencies: ["Chart"], path: "Mirror/NotebookInterface"),
        .target(name: "Analysis", dependencies: ["NotebookInterface", "Chart"], path: "Mirror/Analysis"),
        .target(name: "Report", dependencies: [
            "NotebookInterface", "Chart", "CCmark", "CCrypto",
            .product(name: "Yams", package: "Yams"),
        ], path: "Mirror/Report"),

        // One executable per reader; each defines LLVMFuzzerTestOneInput, and FuzzMain
        // starts libFuzzer from the `main` SwiftPM links in.
        .target(name: "FuzzMain", path: "Targets/FuzzMain"),
        .executableTarget(name: "FuzzPage", dependencies: ["Report", "FuzzMain"], path: "Targets/FuzzPage"),
        .executableTarget(name: "FuzzBibTeX", dependencies: ["Report", "FuzzMain"], path: "Targets/FuzzBibTeX"),
        .executableTarget(name: "FuzzMath", dependencies: ["Report", "FuzzMain"], path: "Targets/FuzzMath"),
        .executableTarget(name: "FuzzCSV", dependencies: ["Analysis", "NotebookInterface", "FuzzMain"], path: "Targets/FuzzCSV"),
    ]
)
