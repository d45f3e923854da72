/// The text encoding a capture file was decoded from, recorded in `host.sources[].encoding`.
///
/// The raw value is the stable name written to JSON. A byte-order mark is part of the name
/// (`utf-16le-bom`), because it tells how the file was written (PowerShell 5.1 `>`).
package enum CaptureEncoding: String, Sendable, Hashable, CaseIterable {
    case utf8 = "utf-8"
    case utf8BOM = "utf-8-bom"
    case utf16LEBOM = "utf-16le-bom"
    case utf16BEBOM = "utf-16be-bom"
    case utf16LE = "utf-16le"
    case cp437, cp850, cp852, cp866, cp1250, cp1251, cp1252, cp932, cp936, cp949, cp950
}
