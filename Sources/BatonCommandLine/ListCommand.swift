import ArgumentParser
import BatonCore
import BatonExperiments
import BatonStudies
import BatonPolicies
import BatonRTMM
import BatonSparse

/// `baton list`: what this build of Baton can run, from its registries.
struct ListCommand: ParsableCommand {
    enum Topic: String, ExpressibleByArgument, CaseIterable {
        case policies, parameters, studies, platforms, scenarios, models, metrics
        case costModels = "cost-models"
    }

    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List policies, parameters, studies, platforms, scenarios, models or metrics.",
        discussion: """
        policies: every registered policy (built-in and a package's own), its family, the study \
        comparison sets it belongs to, its parameters and whether it has the dysta-artifact mode.
        parameters: every declared parameter (name, type, unit, default, valid values, help): the \
        studies' run parameters and each policy's. docs/parameters.md is this list in Markdown.
        studies: the studies a sweep file can name. cost-models: the registered CNN layer cost models. platforms, scenarios, models: the real-time \
        study's (with --config, a user's YAML ones too); models shows each model's isolated latency \
        and energy on every accelerator kind. metrics: every metric name, unit and meaning.
        """)

    @Argument(help: "What to list: policies, parameters, studies, cost-models, platforms, scenarios, models, metrics.")
    var topic: Topic

    @Option(help: "Output format: table, csv, json, markdown.")
    var format: OutputFormat = .table

    @Option(name: .customLong("config"), parsing: .upToNextOption, help: "YAML files with models, scenarios and platforms.")
    var configs: [String] = []

    func run() throws {
        let registry = CommandEnvironment.registry
        let table: ResultTable
        switch topic {
        case .policies: table = Listings.policies(registry)
        case .parameters: table = Listings.parameters(registry)
        case .studies: table = Listings.studies(registry)
        case .metrics: table = Listings.metrics()
        case .costModels:
            var models = ResultTable(columns: ["cost_model", "study", "summary"])
            for model in registry.components(CNNCostModel.self) {
                models.append(row: [.text(model.name), .text("sparse (cnn pool)"), .text(model.summary)])
            }
            table = models
        case .platforms, .scenarios, .models:
            var library = try ModelLibrary.builtIn()
            if !configs.isEmpty { library = try ConfigLoader.load(paths: configs, into: library) }
            table = RTMMListings.table(topic.rawValue, library: library)
        }
        if topic == .parameters && format == .markdown {
            try Terminal.output(Listings.parametersDocument(registry))  // docs/parameters.md
        } else {
            try Terminal.output(format.render(table))
        }
    }
}
