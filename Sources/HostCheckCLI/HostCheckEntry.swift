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
/// Every error goes through one ``ErrorChannel``, chosen from the raw arguments before they are
/// parsed: hostcheck's messages and exit codes, or, for `--format nagios` alone on standard
/// output, also one `HOSTCHECK UNKNOWN - reason` line and exit 3 (docs/cli.md, "Nagios mode").
///
/// The executable is `HostCheckMain.main(registry: .builtin)`; a distribution that adds its own
/// capabilities passes its own ``Registry``.
public enum HostCheckMain {
    /// Runs hostcheck with the process's arguments and exits with its status. `--timeout` (and
    /// Nagios mode's default limit) ends this process when the run outlives it.
    public static func main(registry: Registry) async -> Never {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let status = await LivePrefetch.$current.withValue(LivePrefetch.start(arguments: arguments, registry: registry)) {
            await run(arguments, registry: registry, enforcesTimeout: true)
        }
        exit(status)
    }

    /// Runs hostcheck with `arguments` and returns the exit status. A run inside another process
    /// is never ended by `--timeout`.
    public static func run(_ arguments: [String], registry: Registry) async -> Int32 {
        await run(arguments, registry: registry, enforcesTimeout: false)
    }

    static func run(_ arguments: [String], registry: Registry, enforcesTimeout: Bool) async -> Int32 {
        let channel = ErrorChannel.detect(arguments, registry: registry)
        let context = CommandContext(registry: registry)
        return await CommandContext.$current.withValue(context) {
            if !registry.duplicateIDs.isEmpty {
                return channel.fail(
                    status: ExitStatus.software.rawValue,
                    message: "hostcheck: internal error: the registry names \(registry.duplicateIDs.joined(separator: ", ")) twice",
                    gate: context.gate)
            }
            if let misspelt = CommandNames.problem(in: arguments) {
                return report(misspelt, channel: channel, gate: context.gate)
            }
            let command: any ParsableCommand
            do {
                command = try HostCheck.parseAsRoot(arguments)
            } catch {
                return parseFailure(error, channel: channel, gate: context.gate)
            }
            if enforcesTimeout, let seconds = (command as? any TimeLimitedCommand)?.timeout ?? channel.defaultTimeout {
                Watchdog.arm(seconds: seconds, channel: channel, gate: context.gate)
            }
            return await execute(command, registry: registry, channel: channel, gate: context.gate)
        }
    }

    /// Help and completions (exit 0), or a usage error (64; the format's code in Nagios mode).
    private static func parseFailure(_ error: any Error, channel: ErrorChannel, gate: OutputGate) -> Int32 {
        let message = HostCheck.fullMessage(for: error)
        if HostCheck.exitCode(for: error) == .success {
            var out = FileOutput.standardOutput()
            out.write(message + "\n")
            try? out.finish()
            return 0
        }
        return channel.fail(status: ExitStatus.usage.rawValue, message: message, reason: firstLine(of: message), gate: gate)
    }

    private static func execute(_ command: any ParsableCommand, registry: Registry, channel: ErrorChannel, gate: OutputGate) async -> Int32 {
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
            return report(error, channel: channel, gate: gate)
        } catch let error as ExitCode {
            return error.rawValue
        } catch {
            if HostCheck.exitCode(for: error) == .success || error is ValidationError {
                return parseFailure(error, channel: channel, gate: gate)
            }
            return channel.fail(status: ExitStatus.software.rawValue, message: "hostcheck: internal error: \(error)", gate: gate)
        }
    }

    private static func report(_ error: CLIError, channel: ErrorChannel, gate: OutputGate) -> Int32 {
        channel.fail(
            status: error.status.rawValue, message: error.isLocated ? error.message : "hostcheck: error: \(error.message)",
            reason: error.reason, gate: gate)
    }

    /// swift-argument-parser's first line without its `Error: ` prefix.
    private static func firstLine(of message: String) -> String {
        let line = message.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? message
        return line.hasPrefix("Error: ") ? String(line.dropFirst("Error: ".count)) : line
    }
}
