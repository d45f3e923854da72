import Foundation
import HostCheckFuzzProperties

#if HOSTCHECK_FUZZ
/// libFuzzer's entry (docs/fuzzing.md): a violated property traps, which libFuzzer reports.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if let violation = FuzzTarget.waivers.check(bytes) {
        // An optimised build drops a precondition's message: print it, then trap for libFuzzer.
        FileHandle.standardError.write(Data("fuzz-waivers: property violated: \(violation)\n".utf8))
        preconditionFailure()
    }
    return 0
}
#else
/// Replays the corpus (docs/fuzzing.md).
@main enum Replay {
    static func main() {
        exit(FuzzReplay.run(.waivers, arguments: CommandLine.arguments))
    }
}
#endif
