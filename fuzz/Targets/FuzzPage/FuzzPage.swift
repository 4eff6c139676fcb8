// libFuzzer entry point: one input is one page (front matter, directives, references).
import FuzzMain
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPage(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    _ = FuzzDrivers.page(bytes)
    _ = FuzzDrivers.references(bytes)
    return 0
}
