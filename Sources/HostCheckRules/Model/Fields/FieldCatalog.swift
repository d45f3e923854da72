/// The rule fields this module provides, in the order `hostcheck list fields` and the docs show
/// them. A new field is one file with its ``Field`` and one line here.
public enum FieldCatalog {
    /// Every built-in rule field, in catalog order.
    public static var builtin: [Field] {
        [
            .protocol, .family, .localAddress, .localPort, .remoteAddress, .remotePort, .state, .exposure,
            .v6only,
            .ownerPID, .ownerPPID, .ownerName, .ownerPath, .ownerCmdline, .ownerUser, .ownerService, .ownerKernel,
            .ownerUID,
            .ownerPathVerified,
            .ownerExeDeleted,
            .ownerNameMismatch,
            .ownerNameOnly,
            .ownerSHA256,
            .ownerUnit,
            .ownerCgroup,
            .ownerContainerID,
            .ownerParentName,
            .ownerParentPath,
            .ownerImage,
            .ownerSigner,
            .ownerSignatureStatus,
        ]
    }
}
