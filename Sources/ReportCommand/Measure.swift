import ArgumentParser
import Analysis
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

extension ReportCommand {
    /// `report measure`: exports the graphs and hands them to the Python harness in
    /// measure/ (ONNX Runtime), which writes paper/data/measurements/MACHINE.csv. A build
    /// never measures; it only reads what this wrote.
    struct Measure: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure every network with ONNX Runtime on this machine (needs `make measure`'s virtual environment).",
            discussion: """
            Time per batch, images per second and peak memory for batch sizes 1, 2, 4, …, 64; \
            results go to PAPER/data/measurements/MACHINE.csv. Interrupt at any time: networks \
            already measured are kept, and the next run carries on with the rest; SIGTERM \
            and SIGHUP stop it the same way. \
            See measure/README.md.
            """)

        @Argument(help: "Network ids (default: every defined network).")
        var ids: [String] = []
        @Option(name: .long, help: ArgumentHelp("The paper folder.", valueName: "dir"))
        var paper: String = "paper"
        @Option(name: .long, help: ArgumentHelp("Comma-separated batch sizes.", valueName: "list"))
        var batches: String = "1,2,4,8,16,32,64"
        @Option(name: .long, help: "The machine's name (the CSV's file name); default: from its CPU and core count.")
        var machine: String?
        @Option(name: .long, help: "Threads ONNX Runtime may use (intra-op).")
        var threads: Int = 1
        @Option(name: .long, help: "The harness folder (with .venv/).")
        var harness: String = "measure"
        @Flag(name: .long, help: "Measure again networks the file already has.")
        var again = false

        func run() async throws {
            let python = URL(fileURLWithPath: harness).appendingPathComponent(".venv/bin/python").path
            guard FileManager.default.isExecutableFile(atPath: python) else {
                FileHandle.standardError.write(Data("report: error: \(python) not found; run `make measure` once (it creates the virtual environment with onnx, onnxruntime and numpy)\n".utf8))
                throw ExitCode(1)
            }
            let graphs = FileManager.default.temporaryDirectory.appendingPathComponent("report-graphs-\(getpid())")
            defer { try? FileManager.default.removeItem(at: graphs) }
            var export = try Export.parse(ids + ["--out", graphs.path])
            try await export.run()

            var arguments = [URL(fileURLWithPath: harness).appendingPathComponent("harness.py").path,
                             "--graphs", graphs.path,
                             "--out", URL(fileURLWithPath: paper).appendingPathComponent("data/measurements").path,
                             "--batches", batches, "--threads", String(threads)]
            if let machine { arguments += ["--machine", machine] }
            if again { arguments.append("--again") }
            let status = try HarnessProcess.run(python, arguments)
            if status != 0 { throw ExitCode(status) }
        }
    }
}

/// The harness as a child in a process group of its own, with the workers it starts.
/// Ctrl-C, SIGTERM and SIGHUP for `report measure` are passed on to that whole group,
/// and `report` returns only once the harness has ended; the harness in turn waits for
/// its worker. So no measuring process outlives `report measure`, however it is stopped
/// (short of SIGKILL), and the harness still saves what it measured.
enum HarnessProcess {
    static let forwarded = [SIGINT, SIGTERM, SIGHUP]

    /// The harness's pid once started, and a signal that came before.
    private final class Child: Sendable {
        let state = Mutex<(pid: pid_t, pending: Int32?)>((0, nil))
    }

    /// Runs `executable` to its end; its exit status (128 + N when killed by signal N).
    static func run(_ executable: String, _ arguments: [String]) throws -> Int32 {
        // Caught from now on (a signal before the spawn is passed on right after it);
        // the child gets the default handling back (POSIX_SPAWN_SETSIGDEF).
        let child = Child()
        for number in forwarded { signal(number, SIG_IGN) }
        let sources = forwarded.map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                child.state.withLock { state in
                    if state.pid > 0 { _ = kill(-state.pid, number) } else { state.pending = number }
                }
            }
            source.resume()
            return source
        }
        // Dispatch installs its handlers asynchronously, after `resume()`; until then the
        // signals are ignored and a signal would be lost. Start the harness only once
        // every handler is in place (measured: about a millisecond, longer under load).
        waitUntilCaught(forwarded)
        defer {
            for source in sources { source.cancel() }
            for number in forwarded { signal(number, SIG_DFL) }
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in forwarded { sigaddset(&defaults, number) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        // No signal blocked in the child: this thread's mask (Dispatch blocks signals on
        // its threads) would otherwise be inherited, and the harness would never see one.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setpgroup(&attributes, 0)  // a new group, led by the child
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, nil, &attributes, argv, environ)
        guard spawned == 0 else {
            throw ValidationError("cannot start \(executable): \(String(cString: strerror(spawned)))")
        }
        child.state.withLock { state in
            state.pid = pid
            if let number = state.pending { _ = kill(-pid, number) }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw ValidationError("waiting for the harness: \(String(cString: strerror(errno)))") }
        }
        child.state.withLock { $0.pid = 0 }
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// Waits until none of `signals` is ignored any more, that is until Dispatch has put
    /// its handler in place (gives up after 10 s, leaving them ignored).
    private static func waitUntilCaught(_ signals: [Int32]) {
        let deadline = ContinuousClock.now.advanced(by: .seconds(10))
        func ignored(_ number: Int32) -> Bool {
            var action = sigaction()
            sigaction(number, nil, &action)
            return unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self)
        }
        while signals.contains(where: ignored), ContinuousClock.now < deadline { usleep(500) }
    }
}
