import HostCheckCLI

await HostCheckMain.main(registry: .builtin)
