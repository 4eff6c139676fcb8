import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// This process's peak resident set. Linux keeps it in `VmHWM` and lets a process
/// reset it (writing 5 to `/proc/self/clear_refs`), so each in-process case gets its
/// own peak rather than the largest of every case before it. Where that is not
/// possible, the lifetime peak from getrusage is the (over-)estimate.
enum PeakMemory {
    /// Resets the high-water mark; false when the kernel does not allow it.
    @discardableResult
    static func reset() -> Bool {
        let fd = open("/proc/self/clear_refs", O_WRONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return write(fd, "5", 1) == 1
    }

    /// Peak resident bytes since the last reset (or since the process started).
    static func bytes() -> Int {
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
           let kb = Int(line.split(separator: " ").dropFirst().first ?? "") {
            return kb * 1024
        }
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss * 1024
    }
}
