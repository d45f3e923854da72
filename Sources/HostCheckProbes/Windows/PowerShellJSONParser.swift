import Foundation
import HostCheckCore

/// Parses PowerShell `ConvertTo-Json` output (capture-format spec §4.4): a bare object (one
/// result) or an array of objects, in the 5.1 (`"Key":  value`, `\/Date(...)\/`, enums as
/// numbers) or 7 form (enums as numbers or, with `-EnumsAsStrings`, names).
enum PowerShellJSONParser {
    static func parse(_ text: CaptureText, raw: String) -> (sockets: SocketCapture?, processes: TasklistCapture?) {
        let fileLocation = SourceLocation(file: text.file)
        guard let json = try? JSONSerialization.jsonObject(with: Data(raw.utf8), options: [.fragmentsAllowed]) else {
            var failed = TasklistCapture()
            failed.diagnostics.append(Diagnostic(.error, "the json document cannot be read", at: fileLocation))
            return (nil, failed)
        }
        let objects: [Any] = (json as? [Any]) ?? [json]
        let lines = objectStartLines(raw)
        var records: [PowerShellRecord] = []
        var diagnostics: [Diagnostic] = []
        for (index, object) in objects.enumerated() {
            let line = index < lines.count ? lines[index] : 1
            guard let dictionary = object as? [String: Any] else {
                diagnostics.append(Diagnostic(.warning, "json value is not an object", at: text.location(line: line)))
                continue
            }
            var values: [String: String] = [:]
            for (key, value) in dictionary {
                if let string = value as? String {
                    values[key.lowercased()] = string
                } else if let number = value as? NSNumber {
                    values[key.lowercased()] = number.stringValue
                }
            }
            records.append(PowerShellRecord(values: values, line: line))
        }
        var (sockets, processes) = PowerShellFacts.convert(records, text: text)
        if sockets != nil {
            sockets?.diagnostics.insert(contentsOf: diagnostics, at: 0)
        } else {
            processes?.diagnostics.insert(contentsOf: diagnostics, at: 0)
        }
        return (sockets, processes)
    }

    /// The 1-based lines where each top-level object starts (inside an array, or the document
    /// itself when it is one object).
    static func objectStartLines(_ raw: String) -> [Int] {
        var lines: [Int] = []
        var line = 1
        var depth = 0
        var inString = false
        var escaped = false
        var topIsArray: Bool?
        for byte in raw.utf8 {
            if byte == 0x0A { line += 1 }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == 0x5C {
                    escaped = true
                } else if byte == 0x22 {
                    inString = false
                }
                continue
            }
            switch byte {
            case 0x22:
                inString = true
            case 0x5B, 0x7B:
                if topIsArray == nil { topIsArray = byte == 0x5B }
                if byte == 0x7B, depth == (topIsArray == true ? 1 : 0) { lines.append(line) }
                depth += 1
            case 0x5D, 0x7D:
                depth -= 1
            default:
                break
            }
        }
        return lines
    }
}
