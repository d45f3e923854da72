import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The command-line entry point: parses arguments, runs the command, and maps every outcome to
/// the documented exit code. swift-argument-parser would exit 1 on its own errors, which
/// reads as "a rule failed", so nothing escapes this function uncaught.
///
/// The executable is `HostCheckMain.main(registry: .builtin)`; a distribution that adds its own
/// capabilities passes its own ``Registry``.
public enum HostCheckMain {
    /// Runs hostcheck with the process's arguments and exits with its status.
    public static func main(registry: Registry) async -> Never {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let status = await LivePrefetch.$current.withValue(LivePrefetch.start(arguments: arguments, registry: registry)) {
            await run(arguments, registry: registry)
        }
        exit(status)
    }

    /// Runs hostcheck with `arguments` and returns the exit status.
    public static func run(_ arguments: [String], registry: Registry) async -> Int32 {
        if !registry.duplicateIDs.isEmpty {
            printError("hostcheck: internal error: the registry names \(registry.duplicateIDs.joined(separator: ", ")) twice")
            return ExitStatus.software.rawValue
        }
        let command: any ParsableCommand
        do {
            command = try HostCheck.parseAsRoot(arguments)
        } catch {
            let code = HostCheck.exitCode(for: error)
            let message = HelpPlaceholder.fill(HostCheck.fullMessage(for: error), registry: registry)
            if code == .success {
                var out = FileOutput.standardOutput()
                out.write(message + "\n")
                try? out.finish()
                return 0
            }
            printError(message)
            return ExitStatus.usage.rawValue
        }
        do {
            var runnable = command
            if let capable = runnable as? any CapabilityCommand {
                try await capable.run(registry: registry)
            } else if var asyncCommand = runnable as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try runnable.run()
            }
            return ExitStatus.success.rawValue
        } catch let exit as CommandExit {
            return exit.status
        } catch let error as CLIError {
            printError(error.isLocated ? error.message : "hostcheck: error: \(error.message)")
            return error.status.rawValue
        } catch let error as ExitCode {
            return error.rawValue
        } catch {
            let code = HostCheck.exitCode(for: error)
            if code == .success {
                var out = FileOutput.standardOutput()
                out.write(HelpPlaceholder.fill(HostCheck.fullMessage(for: error), registry: registry) + "\n")
                try? out.finish()
                return 0
            }
            if error is ValidationError {
                printError(HostCheck.fullMessage(for: error))
                return ExitStatus.usage.rawValue
            }
            printError("hostcheck: internal error: \(error)")
            return ExitStatus.software.rawValue
        }
    }
}
