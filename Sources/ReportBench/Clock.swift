#if canImport(Glibc)
import Glibc
#endif

/// Monotonic time in seconds: wall-clock changes (NTP) must not leak into timings.
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Seconds spent running `body`.
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = now()
    try body()
    return now() - start
}

func seconds(_ body: () async throws -> Void) async rethrows -> Double {
    let start = now()
    try await body()
    return now() - start
}
