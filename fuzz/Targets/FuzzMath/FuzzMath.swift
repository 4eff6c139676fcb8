// libFuzzer entry point: one input is one formula (first byte: inline or display).
import FuzzMain
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMath(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = FuzzDrivers.math(bytes)
    return 0
}
