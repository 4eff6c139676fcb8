import Foundation
import Testing

/// What keeps `make paper` working on a fresh machine: every library the program loads
/// must come from a Debian package the Makefile installs (scripts/check-link-packages),
/// so a library installed by hand on a developer's machine cannot hide a broken link.
@Suite struct FreshMachineTests {
    static let repository = ReliabilityPaths.repository
    static let script = repository.appendingPathComponent("scripts/check-link-packages")

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [script.path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static var available: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/dpkg") && FileManager.default.isExecutableFile(atPath: "/usr/bin/apt-cache")
    }

    @Test(.enabled(if: available, "needs dpkg and apt-cache (Debian)"))
    func theReportProgramLoadsOnlyLibrariesTheMakefileInstalls() throws {
        let binary = try ReportExecutable.require()
        let run = try Self.run([binary.path, Self.repository.appendingPathComponent("Makefile").path])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("come from packages the Makefile installs"))
        // No HTTP client: the static link of `report` must not need libcurl.
        #expect(!run.output.contains("libcurl"))
    }

    @Test(.enabled(if: available, "needs dpkg and apt-cache (Debian)"))
    func aLibraryTheMakefileDoesNotInstallIsNamedWithItsPackage() throws {
        let binary = try ReportExecutable.require()
        // A Makefile that forgot cairo (and everything else): the check must fail and say
        // which package to add, as it would for a library installed by hand.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-mk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let makefile = folder.appendingPathComponent("Makefile")
        try "BUILD_DEPS := libcmark-dev pkg-config\n".write(to: makefile, atomically: true, encoding: .utf8)
        let run = try Self.run([binary.path, makefile.path])
        #expect(run.status == 1)
        #expect(run.output.contains("from Debian package 'libcairo2', which the Makefile does not install: add libcairo2-dev"), "\(run.output)")
        #expect(!run.output.contains("package 'libcmark"), "libcmark-dev is listed, so its library must pass")
    }

    @Test func noTrackedFileIsLargerThanOneMegabyteUnlessListed() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [Self.repository.appendingPathComponent("scripts/check-tracked-sizes").path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // Outside a git checkout (a source archive) there is nothing to check.
        if output.contains("not a git repository") { return }
        #expect(process.terminationStatus == 0, "\(output)")
    }
}
