// libFuzzer entry point: one input is one references.bib.
import FuzzMain
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBibTeX(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = FuzzDrivers.bibTeX(bytes)
    return 0
}
