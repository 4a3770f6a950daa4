import BatonExperiments
import BatonStudies
import BatonPolicies

/// Baton's command tree, for the `baton` executable and for users' own executables.
///
/// A package that adds policies or studies builds an executable whose `main.swift` is
/// `Baton.main(extensions: [MyPolicies()])`: every command (`run`, `rtmm run`, `sweep`,
/// `experiment`, `plot`, `report`, `timeline`, `list`) then knows its additions.
public enum Baton {
    /// Parses the command line, runs the command with the built-in registry plus `extensions`,
    /// and exits with Baton's documented exit codes.
    public static func main(extensions: [any BatonExtension] = []) {
        var registry = BatonRegistry.builtIn
        for item in extensions { item.register(into: &registry) }
        CommandEnvironment.registry = registry
        BatonCommand.runMain()
    }
}

/// What the commands of this process can run: set once by `Baton.main` before parsing.
enum CommandEnvironment {
    nonisolated(unsafe) static var registry = BatonRegistry.builtIn
    /// The policies.
    static var policies: PolicyRegistry { registry.policies }
}
