/// The capture formats this module reads or recognises, in the order ties are decided and
/// `hostcheck list captures` shows them. A new format is one file with its descriptor and one
/// line here.
public enum CaptureFormatCatalog {
    /// Every built-in capture format's descriptor, in catalog order.
    public static var builtin: [CaptureFormatDescriptor] {
        formats.map { format in
            var format = format
            format.quick = switch format.id {
            case NetstatParser.descriptor.id: .owns(.windowsNetstat)
            case TasklistCSVParser.descriptor.id: .owns(.tasklistCSV)
            // Each recogniser refuses the quick shapes (QuickRecognition; QuickRecognitionTests).
            default: .refusesQuickShapes
            }
            return format
        }
    }

    private static var formats: [CaptureFormatDescriptor] {
        [
            NetstatParser.descriptor,
            Win32ProcessCSVParser.descriptor,
            AuthenticodeCSVParser.descriptor,
            TasklistCSVParser.descriptor,
            TasklistListParser.descriptor,
            TasklistTableParser.descriptor,
            PowerShellJSONParser.descriptor,
            RefusedCaptureFormats.json,
            PowerShellCSVParser.descriptor,
            RefusedCaptureFormats.powershellTable,
            SSParser.descriptor,
            ProcNetParser.descriptor,
            RefusedCaptureFormats.procNetUnix,
            LsofParser.descriptor,
            RefusedCaptureFormats.procPidStatus,
            BSDNetstatParser.descriptor,
            LinuxNetstatParser.descriptor,
            SockstatParser.descriptor,
        ]
    }
}
