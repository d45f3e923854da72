/// The capture formats this module reads or recognises, in the order ties are decided and
/// `hostcheck list captures` shows them. A new format is one file with its descriptor and one
/// line here.
public enum CaptureFormatCatalog {
    /// Every built-in capture format's descriptor, in catalog order.
    public static var builtin: [CaptureFormatDescriptor] {
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
