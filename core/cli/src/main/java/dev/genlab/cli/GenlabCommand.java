package dev.genlab.cli;

import picocli.CommandLine.Command;

@Command(name = "genlab", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Runs generative-model experiments: train a model on a dataset, sample synthetic data, evaluate it, track the run.",
        subcommands = {RunCommand.class, ValidateCommand.class, ConfigCommand.class, CompletionCommand.class, PluginsCommand.class, NewPluginCommand.class,
            RunsCommand.class, ReportCommand.class, CompareCommand.class, SyncCommand.class, UiCommand.class, SampleCommand.class, TraceCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 a run failed, 2 a user error (bad file, data or option), 130 cancelled."})
final class GenlabCommand {
}
