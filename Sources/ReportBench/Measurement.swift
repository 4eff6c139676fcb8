/// The repeated timings of one case and what they cost.
struct Measurement {
    var group: String
    var name: String
    /// Seconds per repetition (wall clock).
    var samples: [Double]
    /// The largest peak resident set seen over the repetitions, in bytes.
    var peakBytes: Int
    /// CPU seconds (user + system) per repetition, when measured (child processes).
    var cpu: [Double] = []
    var note: String = ""

    var median: Double { Self.median(samples) }
    var min: Double { samples.min() ?? .nan }
    var max: Double { samples.max() ?? .nan }
    var cpuMedian: Double? { cpu.isEmpty ? nil : Self.median(cpu) }

    static func median(_ xs: [Double]) -> Double {
        guard !xs.isEmpty else { return .nan }
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}

/// Collects the samples of one case: repetitions, each with its own setup (not timed).
struct Repeater {
    var repetitions: Int
    var warmup: Int = 1

    /// Runs `setup` then `body` (timed) `warmup + repetitions` times; the first
    /// `warmup` runs are discarded (they fill the page cache and lazy statics).
    func inProcess(_ group: String, _ name: String, setup: () throws -> Void = {},
                   _ body: () throws -> Void) rethrows -> Measurement {
        var samples: [Double] = []
        var peak = 0
        for i in 0..<(warmup + repetitions) {
            try setup()
            PeakMemory.reset()
            let t = try seconds(body)
            peak = Swift.max(peak, PeakMemory.bytes())
            if i >= warmup { samples.append(t) }
        }
        return Measurement(group: group, name: name, samples: samples, peakBytes: peak)
    }

    func inProcess(_ group: String, _ name: String, setup: () throws -> Void = {},
                   _ body: () async throws -> Void) async rethrows -> Measurement {
        var samples: [Double] = []
        var peak = 0
        for i in 0..<(warmup + repetitions) {
            try setup()
            PeakMemory.reset()
            let t = try await seconds(body)
            peak = Swift.max(peak, PeakMemory.bytes())
            if i >= warmup { samples.append(t) }
        }
        return Measurement(group: group, name: name, samples: samples, peakBytes: peak)
    }

    /// Runs a child process per repetition: its wall time, CPU time and its own peak memory.
    func child(_ group: String, _ name: String, setup: () throws -> Void = {},
               _ command: () throws -> (String, [String])) throws -> Measurement {
        var m = Measurement(group: group, name: name, samples: [], peakBytes: 0)
        for i in 0..<(warmup + repetitions) {
            try setup()
            let (exe, args) = try command()
            let run = try runChild(exe, args)
            guard run.status == 0 else {
                throw BenchError("\(name): `\(([exe] + args).joined(separator: " "))` exited with \(run.status):\n\(run.output.suffix(2000))")
            }
            if i >= warmup {
                m.samples.append(run.wall)
                m.cpu.append(run.user + run.system)
                m.peakBytes = Swift.max(m.peakBytes, run.peakBytes)
            }
        }
        return m
    }
}
